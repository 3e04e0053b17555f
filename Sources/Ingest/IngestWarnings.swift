import Customs
import Layouts

/// What `roo ingest` warns about after writing its output: the canonical
/// columns `roo summarize` will need that the output lacks, each with the
/// `--map` that would add it.
enum IngestWarnings {
    /// One line per required canonical column missing from `names` (the
    /// output's column names): origin, partner, hs_code and customs_value,
    /// and duty unless `layout` decides duty-free status another way (rate
    /// provisions or programs). The `--map` comes from the headers that look
    /// like the column (`ColumnSuggestions`, as summarize suggests them).
    ///
    /// - Complexity: O(missing columns × headers × names per column).
    static func missingColumns(names: [String], output: String, layout: Layout?) -> [String] {
        var needed = CanonicalColumn.required
        // A source without duty (BACI) is read for its values: no --map can add one.
        if !(layout?.dutyFreeByRateProvision ?? false) && layout?.dutyFreePrograms == nil
            && layout?.withoutDuty == nil
        {
            needed.append(.duty)
        }
        let present = Set(names)
        let missing = needed.filter { !present.contains($0.rawValue) }
        let suggested = ColumnSuggestions.sources(
            for: missing, among: names.filter { CanonicalColumn(rawValue: $0) == nil })
        return missing.map { canonical in
            var line = "\(output): no \(canonical.rawValue) column (\(canonical.meaning)), which roo summarize needs"
            if canonical == .duty { line += " unless given --duty-free-programs or --duty-free-by rate-provision" }
            let map =
                suggested[canonical].map { ColumnSuggestions.mapFlag(canonical, $0) }
                ?? "--map \(canonical.rawValue)=COLUMN"
            return line + "; ingest again with " + map
        }
    }
}
