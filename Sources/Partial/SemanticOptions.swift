import Customs

/// The options that change the numbers of a summary (region, programs,
/// duty-free rule, HS width, country codes, filters), as text: recorded in
/// every partial aggregate so that `roo merge` only sums partials computed
/// the same way. Options that do not change the numbers (strategy, threads,
/// `--top`, output format) are not part of it, nor is the column mapping,
/// which belongs to each file (partials of differently named files merge).
package struct SemanticOptions: Sendable, Equatable {
    /// (option, value) in a fixed order; `option` is the command-line flag
    /// without dashes.
    package private(set) var entries: [(option: String, value: String)]

    package static func == (a: SemanticOptions, b: SemanticOptions) -> Bool {
        a.entries.map(\.option) == b.entries.map(\.option) && a.entries.map(\.value) == b.entries.map(\.value)
    }

    /// The options `entries` name, in `SemanticOptions.names` order.
    package init(entries: [(option: String, value: String)]) { self.entries = entries }

    /// Reads the options back from `metadata` values by option name.
    ///
    /// - Returns: nil when an option is missing.
    init?(values: [String: String]) {
        var entries: [(String, String)] = []
        for option in SemanticOptions.names {
            // Partials written before `--by` and `--compare` have the standard detail table and compare nothing.
            // and before `--basis` without one.
            let value = values[option] ?? ["by": DimensionSet.standard.text, "compare": "", "value-basis": ""][option]
            guard let value else { return nil }
            entries.append((option, value))
        }
        self.entries = entries
    }

    /// The detail table's keys (`--by`).
    package var by: DimensionSet { (try? DimensionSet(parsing: value(of: "by"))) ?? .standard }

    /// The two periods compared (`--compare`), nil when none.
    package var compare: PeriodComparison? { try? PeriodComparison(parsing: value(of: "compare")) }

    /// The cell detail of the aggregate: the `--by` keys and the `--compare` period.
    package var plan: DetailPlan { by.plan(comparing: compare) }

    /// The command-line option an entry records: its name, but `value-basis` is what --basis chose.
    static func optionName(_ entry: String) -> String { entry == "value-basis" ? "basis" : entry }

    /// The value of `option` ("" when absent).
    package func value(of option: String) -> String { entries.first { $0.option == option }?.value ?? "" }

    /// The first entry whose value no run of roo writes, if any.
    var invalidEntry: (option: String, value: String)? {
        for (option, value) in entries {
            let valid: Bool =
                switch option {
                case "region": !value.isEmpty
                case "duty-free-by": DutyFreeBy(rawValue: value) != nil
                case "country-codes": CountryCodeSystem(rawValue: value) != nil
                case "hs-width": Int(value).map { (2...18).contains($0) } ?? false
                case "pad-hs": value == "yes" || value == "no"
                case "by": (try? DimensionSet(parsing: value)) != nil
                case "compare": value.isEmpty || (try? PeriodComparison(parsing: value)) != nil
                case "from", "to": value.isEmpty || (Int(value).map { (100_000...999_999).contains($0) } ?? false)
                default: true
                }
            if !valid { return (option, value) }
        }
        return nil
    }

    static let names = [
        "region", "preference-programs", "duty-free-by", "duty-free-programs", "hs-width", "pad-hs", "country-codes",
        "reporter", "from", "to", "by", "compare", "value-basis",
    ]

    /// Entries that an input without one has no say in (as `InputDefaults` decides them): a partial
    /// of files with no value basis merges with one of Census files.
    static let saidByInputs: Set<String> = ["value-basis"]

    /// The first option whose value differs, with both values (an empty `saidByInputs` entry differs from none).
    func firstDifference(from other: SemanticOptions) -> (option: String, mine: String, theirs: String)? {
        for (mine, theirs) in zip(entries, other.entries) where mine.value != theirs.value {
            if SemanticOptions.saidByInputs.contains(mine.option) && (mine.value.isEmpty || theirs.value.isEmpty) {
                continue
            }
            return (mine.option, mine.value, theirs.value)
        }
        return nil
    }

    /// These options with each empty `saidByInputs` entry taken from the first of `others` that has one.
    func filled(from others: [SemanticOptions]) -> SemanticOptions {
        var filled = self
        for index in filled.entries.indices
        where SemanticOptions.saidByInputs.contains(filled.entries[index].option) && filled.entries[index].value.isEmpty
        {
            let option = filled.entries[index].option
            filled.entries[index].value = others.lazy.map { $0.value(of: option) }.first { !$0.isEmpty } ?? ""
        }
        return filled
    }
}
