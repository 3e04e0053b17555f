import Customs
import Partial

extension SemanticOptions {
    /// The options in force for `options` (resolved: defaults from the inputs applied).
    package init(_ options: SummarizeOptions) {
        let list = { (set: Set<String>) in set.sorted().joined(separator: ",") }
        self.init(entries: [
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
            ("by", options.by.text),
            ("compare", options.compare?.text ?? ""),
            ("value-basis", options.valueBasis ?? ""),
        ])
    }

    /// Summarize options with these semantics (for the notes of merged output).
    package func summarizeOptions(inputs: [String]) -> SummarizeOptions {
        var options = SummarizeOptions(inputs: inputs)
        let value = { (name: String) in self.value(of: name) }
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
        options.by = by
        options.compare = compare
        options.valueBasis = value("value-basis").isEmpty ? nil : value("value-basis")
        return options
    }
}
