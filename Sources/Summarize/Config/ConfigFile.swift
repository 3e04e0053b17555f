import Customs
import MappedIO
import RooSupport

/// `roo.toml` (`--config`, docs/cli.md): column mapping, region and programs.
///
/// ```toml
/// [columns]              # canonical = source
/// origin = "ctry_origin"
/// [region]
/// members = ["US", "CA", "MX"]   # or: preset = "usmca"
/// [programs]
/// preference = ["S", "S+"]
/// duty_free = ["S", "S+", "A"]   # used when no duty column is mapped
/// ```
/// Command-line options override the file. The text is read by `TOMLSubset`
/// (a strict parser for just this much TOML); unknown tables and keys and
/// values of the wrong type are errors, never silently ignored.
package struct ConfigFile: Equatable, Sendable {
    package struct RegionSection: Equatable, Sendable {
        package var preset: String?
        package var members: [String]?
    }

    package struct ProgramsSection: Equatable, Sendable {
        package var preference: [String]?
        /// `duty_free` in the file.
        package var dutyFree: [String]?
    }

    package var columns: [String: String]?
    package var region: RegionSection?
    package var programs: ProgramsSection?

    /// Parses TOML text.
    ///
    /// - Throws: `RooError(.usage)`, one line: `PATH: line L, column C: …`.
    /// - Complexity: O(text.utf8.count).
    package static func parse(_ text: String, path: String) throws -> ConfigFile {
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// Parses the bytes of a file (UTF-8, at most `TOMLSubset.maximumFileSize`).
    ///
    /// - Throws: `RooError(.usage)`, one line: `PATH: line L, column C: …`.
    /// - Complexity: O(bytes.count).
    static func parse(bytes: [UInt8], path: String) throws -> ConfigFile {
        let document: TOMLDocument
        do {
            document = try TOMLSubset.parse(bytes, path: path)
        } catch {
            throw RooError(.usage, error.description)
        }
        return try ConfigSchema(path: path).read(document)
    }

    /// Reads and parses the file at `path`; a file over
    /// `TOMLSubset.maximumFileSize` is refused before it is copied.
    ///
    /// - Throws: `RooError(.noInput)` when it cannot be read, else as `parse`.
    package static func load(path: String) throws -> ConfigFile {
        let bytes: [UInt8]
        do {
            bytes = try withMappedFile(path: path) { file in
                try TOMLSubset.checkSize(file.count, path: path)
                return Array(file.bytes)
            }
        } catch let error as TOMLSubsetError {
            throw RooError(.usage, error.description)
        } catch let error as SystemError where error.code == .tooShort {
            bytes = []  // an empty file: no settings
        } catch {
            throw RooError(.noInput, "\(path): cannot read configuration file")
        }
        return try parse(bytes: bytes, path: path)
    }

    /// Applies the file to `options` (call before command-line overrides).
    package func apply(to options: inout SummarizeOptions) throws {
        for (canonicalName, source) in (columns ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let canonical = CanonicalColumn(rawValue: canonicalName) else {
                let known = CanonicalColumn.allCases.map(\.rawValue).joined(separator: ", ")
                throw RooError(
                    .usage, "roo.toml [columns]: unknown canonical column \"\(canonicalName)\" (known: \(known))")
            }
            options.mapping.map(canonical, to: source)
        }
        if let region {
            if let preset = region.preset {
                do { options.region = try Region.parse(preset) } catch {
                    throw RooError(.usage, "roo.toml [region]: \(error.description)")
                }
            }
            if let members = region.members {
                options.region = Region(members: Set(members.compactMap { CountryKey.normalize($0) }))
            }
        }
        if let preference = programs?.preference { options.preferencePrograms = Set(preference) }
        if let dutyFree = programs?.dutyFree { options.dutyFreePrograms = Set(dutyFree) }
    }
}

/// The shape of `roo.toml`: maps a `TOMLDocument` onto `ConfigFile`,
/// refusing top-level keys, unknown tables and keys, and values of the wrong
/// type, each with the path, line and column.
struct ConfigSchema {
    /// The file's name for error messages.
    let path: String

    static let tables = ["columns", "region", "programs"]
    static let regionKeys = ["preset", "members"]
    static let programsKeys = ["preference", "duty_free"]

    /// The configuration `document` describes.
    ///
    /// - Throws: `RooError(.usage)` at the first entry that does not fit.
    /// - Complexity: O(entries).
    func read(_ document: TOMLDocument) throws -> ConfigFile {
        let knownTables = ConfigSchema.tables.map { "[\($0)]" }.joined(separator: ", ")
        if let entry = document.root.entries.first {
            throw failure(
                at: entry.keyPosition,
                "unknown top-level key \(TOMLSubset.quoted(entry.key)) (keys belong in a table: \(knownTables))")
        }
        var config = ConfigFile()
        for table in document.tables {
            switch table.name {
            case "columns": config.columns = try columns(table)
            case "region": config.region = try region(table)
            case "programs": config.programs = try programs(table)
            default:
                throw failure(
                    at: table.position,
                    "unknown table \(TOMLSubset.tableText(table.name ?? "")) (known: \(knownTables))")
            }
        }
        return config
    }

    /// `[columns]`: canonical column = source column name.
    private func columns(_ table: TOMLTable) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for entry in table.entries {
            guard CanonicalColumn(rawValue: entry.key) != nil else {
                let known = CanonicalColumn.allCases.map(\.rawValue).joined(separator: ", ")
                throw failure(
                    at: entry.keyPosition,
                    "unknown canonical column \(TOMLSubset.quoted(entry.key)) in [columns] (known: \(known))")
            }
            mapping[entry.key] = try string(entry, in: "columns", meaning: " (the name of a source column)")
        }
        return mapping
    }

    /// `[region]`: `preset` (a string) or `members` (country codes).
    private func region(_ table: TOMLTable) throws -> ConfigFile.RegionSection {
        var section = ConfigFile.RegionSection()
        for entry in table.entries {
            switch entry.key {
            case "preset": section.preset = try string(entry, in: "region", meaning: "")
            case "members": section.members = try strings(entry, in: "region")
            default: throw unknownKey(entry, in: "region", known: ConfigSchema.regionKeys)
            }
        }
        return section
    }

    /// `[programs]`: `preference` and `duty_free` (program codes).
    private func programs(_ table: TOMLTable) throws -> ConfigFile.ProgramsSection {
        var section = ConfigFile.ProgramsSection()
        for entry in table.entries {
            switch entry.key {
            case "preference": section.preference = try strings(entry, in: "programs")
            case "duty_free": section.dutyFree = try strings(entry, in: "programs")
            default: throw unknownKey(entry, in: "programs", known: ConfigSchema.programsKeys)
            }
        }
        return section
    }

    private func string(_ entry: TOMLEntry, in table: String, meaning: String) throws -> String {
        guard case .string(let text) = entry.value else {
            throw failure(
                at: entry.valuePosition,
                "[\(table)] \(TOMLSubset.keyText(entry.key)) must be a string\(meaning), not \(entry.value.kind)")
        }
        return text
    }

    private func strings(_ entry: TOMLEntry, in table: String) throws -> [String] {
        let name = "[\(table)] \(TOMLSubset.keyText(entry.key))"
        guard case .array(let elements) = entry.value else {
            throw failure(at: entry.valuePosition, "\(name) must be an array of strings, not \(entry.value.kind)")
        }
        return try elements.map { element in
            guard case .string(let text) = element.value else {
                throw failure(
                    at: element.position,
                    "\(name) must be an array of strings, but this element is \(element.value.kind)")
            }
            return text
        }
    }

    private func unknownKey(_ entry: TOMLEntry, in table: String, known: [String]) -> RooError {
        failure(
            at: entry.keyPosition,
            "unknown key \(TOMLSubset.quoted(entry.key)) in [\(table)] (known: \(known.joined(separator: ", ")))")
    }

    private func failure(at position: TOMLPosition, _ message: String) -> RooError {
        RooError(.usage, TOMLSubsetError(path: path, position: position, message: message).description)
    }
}
