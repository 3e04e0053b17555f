import Customs
import Layouts

extension InputLook {
    /// The error line: what the input is, that it is not Parquet, and what
    /// to run instead when roo can read it, e.g. `x.csv is CSV text
    /// (delimiter ',', 12 columns), not Parquet; summarize it with "roo
    /// summarize x.csv" or convert it with "roo ingest x.csv --output x.parquet"`.
    var sentence: String {
        if container == .plain, case .binary = content {
            let bytes = magic.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
            return "\(name) is not Parquet: it starts with the bytes \(bytes), not with PAR1"
        }
        return "\(name) is \(description), not Parquet" + (advice.map { "; " + $0 } ?? "")
    }

    /// The input as the sentence names it: its path, or `standard input` for `-`.
    var name: String { path == "-" ? "standard input" : path }

    /// `CSV text (delimiter ',', 12 columns)`, `gzip-compressed CSV text (…)`,
    /// `a ZIP archive of IMP_DETL.TXT, fixed-width text (688-byte records)`.
    var description: String {
        switch container {
        case .plain: if case .empty = content { "empty" } else { contentDescription }
        case .gzip: "gzip-compressed " + contentDescription
        case .zstd: "zstd-compressed " + contentDescription
        case let .zip(files):
            switch files.count {
            case 0: filesAreUnknown ? "a ZIP archive" : "an empty ZIP archive"
            case 1: "a ZIP archive of \(files[0]), \(contentDescription)"
            default:
                "a ZIP archive of \(Plural.count(files.count, "file")) (" + files.prefix(3).joined(separator: ", ")
                    + (files.count > 3 ? ", …)" : ")")
            }
        }
    }

    /// Whether a ZIP archive's files are unknown (a stream, a damaged directory) rather than none.
    private var filesAreUnknown: Bool { if case .unknown = content { true } else { false } }

    /// What the decompressed bytes hold, as a noun phrase.
    var contentDescription: String {
        switch content {
        case .empty: "empty data"
        case let .csv(delimiter, columns, _):
            "CSV text (delimiter \(InputLook.delimiterName(delimiter)), \(Plural.count(columns, "column")))"
        case let .fixedWidth(recordBytes, _): "fixed-width text (\(recordBytes)-byte records)"
        case let .jsonRows(columns, _): "a JSON array of rows (\(Plural.count(columns, "column")))"
        case .text: "text without a delimiter"
        case .binary: "binary data"
        case .unknown: "data roo did not look into"
        }
    }

    /// The layout that reads this input: by its header or record length, or
    /// for a ZIP archive by the name of a file in it (`IMP_DETL.TXT`).
    var layout: Layout? {
        switch content {
        case let .csv(_, _, layout?), let .fixedWidth(_, layout?), let .jsonRows(_, layout?): return layout
        default: break
        }
        if case let .zip(files) = container { return files.lazy.compactMap { Layout.recognizing(zipMember: $0) }.first }
        return nil
    }

    /// What to run instead, when roo reads this input.
    var advice: String? {
        let source = InputLook.shellQuoted(path)
        let output = InputLook.shellQuoted(InputLook.parquetName(for: path))
        if let layout, layout.withoutDuty != nil {
            // No duty (BACI, Comtrade, DataWeb): summarize would refuse it. A source of one reporter's imports (the
            // US for DataWeb) is a mirror's downstream side; the others, of many reporters, its upstream side.
            let reporter = layout.columns.first { $0.canonical == .reporter }?.source
            let side = if case .constant = reporter { "downstream" } else { "upstream" }
            return "convert it with \"roo ingest \(source) --layout \(layout.name) --output \(output)\", or compare it "
                + "with \"roo mirror --\(side) \(source) --\(side)-layout \(layout.name) …\" (it has no duty for "
                + "summarize)"
        }
        if let layout {
            return "summarize it with \"roo summarize \(source) --layout \(layout.name)\""
                + " or convert it with \"roo ingest \(source) --layout \(layout.name) --output \(output)\""
        }
        switch (container, content) {
        case (.zip, .csv):
            return "roo reads a ZIP archive only with --layout; unzip it: \"unzip -p \(source) | roo summarize -\""
                + " or \"unzip -p \(source) | roo ingest - --output \(output)\""
        case (_, .csv):
            return
                "summarize it with \"roo summarize \(source)\" or convert it with \"roo ingest \(source) --output "
                + "\(output)\""
        case let (_, .fixedWidth(recordBytes, _)):
            return "no layout roo knows reads \(recordBytes)-byte records (" + InputLook.fixedWidthLayouts + ")"
        case (_, .text):
            return "roo reads CSV text with a header line, and with --layout "
                + Layout.catalog.map(\.name).joined(separator: ", ")
        default:
            return nil
        }
    }

    /// `census-imdb: 688 bytes` for every fixed-width layout of the catalog.
    static var fixedWidthLayouts: String {
        Layout.catalog.compactMap { layout -> String? in
            guard case let .fixedWidth(length, _) = layout.format else { return nil }
            return "\(layout.name): \(length) bytes"
        }.joined(separator: ", ")
    }

    /// `','`, `';'`, `'|'`, or `tab`.
    static func delimiterName(_ delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tab" : "'" + String(decoding: [delimiter], as: UTF8.self) + "'"
    }

    /// `path` with its compression and text extensions replaced by
    /// `.parquet` (`x.csv.gz` → `x.parquet`); `out.parquet` for `-`.
    static func parquetName(for path: String) -> String {
        guard path != "-" else { return "out.parquet" }
        var name = Substring(path)
        for extensions in [[".gz", ".zst", ".zip"], [".csv", ".tsv", ".txt", ".asc", ".dat", ".psv", ".json"]] {
            if let found = extensions.first(where: { name.lowercased().hasSuffix($0) && name.count > $0.count }) {
                name = name.dropLast(found.count)
            }
        }
        return name + ".parquet"
    }

    /// `text` as one shell word: as it is when it holds only characters no
    /// shell treats specially, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-_./+,:=@%".unicodeScalars.contains(scalar)
        }
        if plain, !text.isEmpty { return text }
        return "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

extension String {
    /// With leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
