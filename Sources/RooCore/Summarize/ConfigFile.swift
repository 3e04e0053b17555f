import Customs
import TOMLKit

/// `roo.toml` (SPEC §1.2, `--config`): column mapping, region and programs.
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
/// Command-line options override the file.
public struct ConfigFile: Decodable, Sendable {
    public struct RegionSection: Decodable, Sendable {
        public var preset: String?
        public var members: [String]?
    }

    public struct ProgramsSection: Decodable, Sendable {
        public var preference: [String]?
        public var dutyFree: [String]?

        enum CodingKeys: String, CodingKey {
            case preference
            case dutyFree = "duty_free"
        }
    }

    public var columns: [String: String]?
    public var region: RegionSection?
    public var programs: ProgramsSection?

    /// Parses TOML text.
    ///
    /// - Throws: `RooError(.usage)` naming `path` and the parser's position.
    public static func parse(_ text: String, path: String) throws -> ConfigFile {
        do {
            return try TOMLDecoder().decode(ConfigFile.self, from: text)
        } catch let error as TOMLParseError {
            throw RooError(.usage, "\(path): invalid TOML: \(error.description) (\(error.source))")
        } catch {
            throw RooError(.usage, "\(path): \(error)")
        }
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws -> ConfigFile {
        guard let bytes = FileBytes.read(path) else {
            throw RooError(.noInput, "\(path): cannot read configuration file")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Applies the file to `options` (call before command-line overrides).
    public func apply(to options: inout SummarizeOptions) throws {
        for (canonicalName, source) in (columns ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let canonical = CanonicalColumn(rawValue: canonicalName) else {
                let known = CanonicalColumn.allCases.map(\.rawValue).joined(separator: ", ")
                throw RooError(.usage, "roo.toml [columns]: unknown canonical column \"\(canonicalName)\" (known: \(known))")
            }
            options.mapping.map(canonical, to: source)
        }
        if let region {
            if let preset = region.preset {
                do { options.region = try Region.parse(preset) } catch { throw RooError(.usage, "roo.toml [region]: \(error.description)") }
            }
            if let members = region.members {
                options.region = Region(members: Set(members.compactMap { CountryKey.normalize($0) }))
            }
        }
        if let preference = programs?.preference { options.preferencePrograms = Set(preference) }
        if let dutyFree = programs?.dutyFree { options.dutyFreePrograms = Set(dutyFree) }
    }
}

/// Whole-file reads for small inputs (configuration).
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let file = try? MappedFileReader.bytes(path) else { return nil }
        return file
    }
}
