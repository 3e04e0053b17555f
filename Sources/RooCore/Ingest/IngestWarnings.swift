import Customs
import Layouts

/// What `roo ingest` warns about after writing its output: the canonical
/// columns `roo summarize` will need that the output lacks, each with the
/// `--map` that would add it.
enum IngestWarnings {
    /// One line per required canonical column missing from `names` (the
    /// output's column names): origin, partner, hs_code and customs_value,
    /// and duty unless `layout` decides duty-free status another way (rate
    /// provisions or programs).
    ///
    /// - Complexity: O(columns × header words).
    static func missingColumns(names: [String], output: String, layout: Layout?) -> [String] {
        var needed = CanonicalColumn.required
        if !(layout?.dutyFreeByRateProvision ?? false) && layout?.dutyFreePrograms == nil { needed.append(.duty) }
        let present = Set(names)
        let sources = names.filter { CanonicalColumn(rawValue: $0) == nil }
        return needed.filter { !present.contains($0.rawValue) }.map { canonical in
            var line = "\(output): no \(canonical.rawValue) column (\(canonical.meaning)), which roo summarize needs"
            if canonical == .duty { line += " unless given --duty-free-programs or --duty-free-by rate-provision" }
            if let source = lookalike(for: canonical, among: sources) {
                line += "; ingest again with --map \(shellWord("\(canonical.rawValue)=\(source)"))"
            } else {
                line += "; ingest again with --map \(canonical.rawValue)=COLUMN"
            }
            return line
        }
    }

    /// Words of a column name that point to each canonical column: a source
    /// name matches when it holds all the words of one entry.
    static let lookalikeWords: [CanonicalColumn: [[String]]] = [
        .origin: [["origin"]],
        .partner: [["partner"], ["export"], ["exporting"]],
        .hsCode: [["hs"], ["hts"], ["htsus"], ["tariff"]],
        .customsValue: [["customs", "value"], ["entered", "value"], ["customs", "val"]],
        .duty: [["duty"], ["duties"]],
    ]

    /// The first of `sources` whose name looks like `canonical`: a
    /// case-insensitive match of whole words (`Customs Value ($)` for
    /// customs_value, `Country of Origin` for origin). A deliberately simple
    /// rule in one place, to be replaced by summarize's suggestion logic.
    ///
    /// - Complexity: O(sources × name length).
    static func lookalike(for canonical: CanonicalColumn, among sources: [String]) -> String? {
        let entries = lookalikeWords[canonical] ?? [canonical.rawValue.split(separator: "_").map(String.init)]
        for entry in entries {
            if let found = sources.first(where: { Set(words($0)).isSuperset(of: entry) }) { return found }
        }
        return nil
    }

    /// Lower-case runs of ASCII letters and digits (`"Customs Value ($)"` → customs, value).
    static func words(_ name: String) -> [String] {
        name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
    }

    /// `text` as one POSIX shell word: as it is when it holds only safe
    /// characters, else in single quotes.
    static func shellWord(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.,:/=@%+".unicodeScalars.contains(scalar))
        }
        return safe ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
