/// The measures a run adds to every table when its inputs give them
/// (docs/semantics.md, Measures): `dutiable_value` where a dutiable-value
/// column is mapped, `eligible_value` and `utilization` where a rate
/// provision is. The sums exist for every run (0 without the column); these
/// say which ones the tables print.
public struct OptionalMeasures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `dutiable_value`: some input maps a `dutiable_value` column.
    public static let dutiableValue = OptionalMeasures(rawValue: 1)
    /// `eligible_value` and `utilization`: some input maps a rate provision.
    public static let eligibility = OptionalMeasures(rawValue: 2)

    /// The names a partial aggregate records (`dutiable_value,eligibility`), in this order.
    public var names: [String] {
        var names: [String] = []
        if contains(.dutiableValue) { names.append("dutiable_value") }
        if contains(.eligibility) { names.append("eligibility") }
        return names
    }

    /// The set of `names` (as `names` writes them); nil for a name no roo writes.
    public init?(names: some Sequence<Substring>) {
        self = []
        for name in names {
            switch name {
            case "dutiable_value": insert(.dutiableValue)
            case "eligibility": insert(.eligibility)
            default: return nil
            }
        }
    }
}
