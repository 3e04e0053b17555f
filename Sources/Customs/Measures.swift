/// The measures of every summary table row (docs/semantics.md, Measures), exact Int64 cents.
public struct Measures: Sendable, Equatable {
    public var lines: Int64 = 0
    public var customsValue: Int64 = 0
    public var duty: Int64 = 0
    public var dutyFreeLines: Int64 = 0
    public var dutyFreeValue: Int64 = 0
    public var preferenceValue: Int64 = 0
    public var nonRegionalValue: Int64 = 0
    /// The `dutiable_value` column's sum (0 where it is not mapped).
    public var dutiableValue: Int64 = 0
    /// Value of lines whose rate provision is read and is not 10 (MFN-free): a claim could lower their duty.
    public var eligibleValue: Int64 = 0
    /// `preferenceValue` of the lines in `eligibleValue`: `utilization`'s numerator.
    public var eligiblePreferenceValue: Int64 = 0

    @inlinable public init() {}

    @inlinable
    public init(
        lines: Int64, customsValue: Int64, duty: Int64, dutyFreeLines: Int64, dutyFreeValue: Int64,
        preferenceValue: Int64, nonRegionalValue: Int64, dutiableValue: Int64 = 0, eligibleValue: Int64 = 0,
        eligiblePreferenceValue: Int64 = 0
    ) {
        self.lines = lines
        self.customsValue = customsValue
        self.duty = duty
        self.dutyFreeLines = dutyFreeLines
        self.dutyFreeValue = dutyFreeValue
        self.preferenceValue = preferenceValue
        self.nonRegionalValue = nonRegionalValue
        self.dutiableValue = dutiableValue
        self.eligibleValue = eligibleValue
        self.eligiblePreferenceValue = eligiblePreferenceValue
    }
}
