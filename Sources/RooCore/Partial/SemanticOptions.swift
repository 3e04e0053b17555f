import Customs

/// The options that change the numbers of a summary (region, programs,
/// duty-free rule, HS width, country codes, filters), as text: recorded in
/// every partial aggregate so that `roo merge` only sums partials computed
/// the same way. Options that do not change the numbers (strategy, threads,
/// `--top`, output format) are not part of it, nor is the column mapping,
/// which belongs to each file (partials of differently named files merge).
public struct SemanticOptions: Sendable, Equatable {
    /// (option, value) in a fixed order; `option` is the command-line flag
    /// without dashes.
    public private(set) var entries: [(option: String, value: String)]

    public static func == (a: SemanticOptions, b: SemanticOptions) -> Bool {
        a.entries.map(\.option) == b.entries.map(\.option) && a.entries.map(\.value) == b.entries.map(\.value)
    }

    /// The options in force for `options` (resolved: defaults from the inputs applied).
    public init(_ options: SummarizeOptions) {
        let list = { (set: Set<String>) in set.sorted().joined(separator: ",") }
        entries = [
            ("region", list(options.region.members)),
            ("preference-programs", list(options.effectivePreferencePrograms)),
            ("duty-free-by", (options.dutyFreeBy ?? .duty).rawValue),
            ("duty-free-programs", options.dutyFreePrograms.map(list) ?? ""),
            ("hs-width", String(options.hsWidth)),
            ("pad-hs", options.padHS ? "yes" : "no"),
            ("country-codes", (options.countryCodes ?? .iso2).rawValue),
            ("reporter", options.reporter.flatMap { CountryKey.normalize($0) } ?? ""),
            ("from", options.from.map(String.init) ?? ""),
            ("to", options.to.map(String.init) ?? ""),
        ]
    }

    /// Reads the options back from `metadata` values by option name.
    ///
    /// - Returns: nil when an option is missing.
    init?(values: [String: String]) {
        var entries: [(String, String)] = []
        for option in SemanticOptions.names {
            guard let value = values[option] else { return nil }
            entries.append((option, value))
        }
        self.entries = entries
    }

    /// The value of `option` ("" when absent).
    func value(of option: String) -> String { entries.first { $0.option == option }?.value ?? "" }

    /// The first entry whose value no run of roo writes, if any.
    var invalidEntry: (option: String, value: String)? {
        for (option, value) in entries {
            let valid: Bool = switch option {
            case "region": !value.isEmpty
            case "duty-free-by": DutyFreeBy(rawValue: value) != nil
            case "country-codes": CountryCodeSystem(rawValue: value) != nil
            case "hs-width": Int(value).map { (2...18).contains($0) } ?? false
            case "pad-hs": value == "yes" || value == "no"
            case "from", "to": value.isEmpty || (Int(value).map { (100_000...999_999).contains($0) } ?? false)
            default: true
            }
            if !valid { return (option, value) }
        }
        return nil
    }

    static let names = ["region", "preference-programs", "duty-free-by", "duty-free-programs", "hs-width", "pad-hs", "country-codes",
                        "reporter", "from", "to"]

    /// The first option whose value differs, with both values.
    func firstDifference(from other: SemanticOptions) -> (option: String, mine: String, theirs: String)? {
        for (mine, theirs) in zip(entries, other.entries) where mine.value != theirs.value {
            return (mine.option, mine.value, theirs.value)
        }
        return nil
    }

    /// Summarize options with these semantics (for the notes of merged output).
    func summarizeOptions(inputs: [String]) -> SummarizeOptions {
        var options = SummarizeOptions(inputs: inputs)
        let value = { (name: String) in self.entries.first { $0.option == name }?.value ?? "" }
        let set = { (name: String) in Set(value(name).split(separator: ",").map(String.init)) }
        let members = set("region")
        options.region = members == Region.usmca.members ? .usmca : Region(members: members)
        options.preferencePrograms = set("preference-programs")
        options.dutyFreeBy = DutyFreeBy(rawValue: value("duty-free-by"))
        options.dutyFreePrograms = value("duty-free-programs").isEmpty ? nil : set("duty-free-programs")
        options.hsWidth = Int(value("hs-width")) ?? 10
        options.padHS = value("pad-hs") == "yes"
        options.countryCodes = CountryCodeSystem(rawValue: value("country-codes"))
        options.reporter = value("reporter").isEmpty ? nil : value("reporter")
        options.from = Int(value("from"))
        options.to = Int(value("to"))
        return options
    }
}
