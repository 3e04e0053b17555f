import Customs
import Layouts
import Parquet

/// Settings an input brings with it, used where the command line leaves
/// them open: a `--layout` implies them, and `roo ingest` records them in
/// the Parquet footer's key-value metadata (`roo.country_codes`,
/// `roo.duty_free_by`, `roo.duty_free_programs`), so that summarizing the
/// ingested file gives the same tables as summarizing the extract itself.
package struct InputDefaults: Equatable {
    package var countryCodes: CountryCodeSystem?
    package var dutyFreeBy: DutyFreeBy?
    package var dutyFreePrograms: Set<String>?
    /// What Census values the input's customs_value is (`--basis`, `Layout.basisNote`).
    package var valueBasis: String?

    static let countryCodesKey = "roo.country_codes"
    static let dutyFreeByKey = "roo.duty_free_by"
    static let dutyFreeProgramsKey = "roo.duty_free_programs"
    static let layoutKey = "roo.layout"
    static let valueBasisKey = "roo.value_basis"

    package init(
        countryCodes: CountryCodeSystem? = nil, dutyFreeBy: DutyFreeBy? = nil, dutyFreePrograms: Set<String>? = nil
    ) {
        self.countryCodes = countryCodes
        self.dutyFreeBy = dutyFreeBy
        self.dutyFreePrograms = dutyFreePrograms
    }

    /// What `layout` implies.
    package init(layout: Layout) {
        countryCodes = layout.countryCodes
        dutyFreeBy = layout.dutyFreeByRateProvision ? .rateProvision : nil
        dutyFreePrograms = layout.dutyFreePrograms.map(Set.init)
        valueBasis = layout.basisNote
    }

    /// What a file's metadata records (unknown values are ignored).
    package init(metadata: [KeyValue]) {
        for entry in metadata {
            switch entry.key {
            case Self.countryCodesKey: countryCodes = entry.value.flatMap(CountryCodeSystem.init(rawValue:))
            case Self.dutyFreeByKey: dutyFreeBy = entry.value.flatMap(DutyFreeBy.init(rawValue:))
            case Self.dutyFreeProgramsKey:
                dutyFreePrograms = entry.value.map { Set($0.split(separator: ",").map(String.init)) }
            case Self.valueBasisKey: valueBasis = entry.value
            default: continue
            }
        }
    }

    /// The metadata `roo ingest` writes for `layout` and `--country-codes`.
    package static func metadata(layout: Layout?, countryCodes: CountryCodeSystem?) -> [KeyValue] {
        var defaults = layout.map(InputDefaults.init(layout:)) ?? InputDefaults()
        if let countryCodes { defaults.countryCodes = countryCodes }
        var entries: [KeyValue] = []
        if let layout { entries.append(KeyValue(key: layoutKey, value: layout.name)) }
        if let codes = defaults.countryCodes { entries.append(KeyValue(key: countryCodesKey, value: codes.rawValue)) }
        if let rule = defaults.dutyFreeBy { entries.append(KeyValue(key: dutyFreeByKey, value: rule.rawValue)) }
        if let programs = defaults.dutyFreePrograms {
            entries.append(KeyValue(key: dutyFreeProgramsKey, value: programs.sorted().joined(separator: ",")))
        }
        if let basis = defaults.valueBasis { entries.append(KeyValue(key: valueBasisKey, value: basis)) }
        return entries
    }

    /// The one value the inputs agree on (inputs without one have no say),
    /// for each setting the command line left open (`given`).
    ///
    /// - Throws: `RooError(.usage)` naming the option when two inputs differ.
    package static func agreed(
        _ inputs: [(path: String, defaults: InputDefaults)], given: InputDefaults
    ) throws -> InputDefaults {
        var result = InputDefaults()
        func merge<T: Equatable>(
            _ keyPath: WritableKeyPath<InputDefaults, T?>, option: String, show: (T) -> String
        ) throws {
            guard given[keyPath: keyPath] == nil else { return }  // the command line settles it
            var chosen: (path: String, value: T)?
            for input in inputs {
                guard let value = input.defaults[keyPath: keyPath] else { continue }
                if let chosen, chosen.value != value {
                    throw RooError(
                        .usage,
                        "inputs disagree on \(option): \(chosen.path) says \(show(chosen.value)), "
                            + "\(input.path) says \(show(value)); give \(option) on the command line")
                }
                chosen = (input.path, value)
            }
            result[keyPath: keyPath] = chosen?.value
        }
        try merge(\.countryCodes, option: "--country-codes") { $0.rawValue }
        try merge(\.dutyFreeBy, option: "--duty-free-by") { $0.rawValue }
        try merge(\.dutyFreePrograms, option: "--duty-free-programs") { $0.sorted().joined(separator: ",") }
        // An ingested file's values are already on its basis: no option makes two bases one, so even
        // --basis must agree with every input that records one.
        let bases =
            inputs.compactMap { input in input.defaults.valueBasis.map { (input.path, $0) } }
            + (given.valueBasis.map { [("--basis", $0)] } ?? [])
        if let first = bases.first, let other = bases.first(where: { $0.1 != first.1 }) {
            throw RooError(
                .usage,
                "inputs disagree on --basis: \(first.0) says \(first.1), \(other.0) says \(other.1); their values "
                    + "are not comparable: summarize them apart")
        }
        result.valueBasis = bases.first?.1
        return result
    }
}
