/// The measures of every summary table row (SPEC §2.1), exact Int64 cents.
public struct Measures: Sendable, Equatable {
    public var lines: Int64 = 0
    public var customsValue: Int64 = 0
    public var duty: Int64 = 0
    public var dutyFreeLines: Int64 = 0
    public var dutyFreeValue: Int64 = 0
    public var preferenceValue: Int64 = 0
    public var nonRegionalValue: Int64 = 0

    @inlinable public init() {}

    /// Adds `other` field by field; returns false on Int64 overflow (self is then unspecified).
    ///
    /// - Complexity: O(1), branch-free (overflow flags are OR-ed).
    @inlinable @inline(__always)
    public mutating func add(_ other: Measures) -> Bool {
        let a = lines.addingReportingOverflow(other.lines)
        let b = customsValue.addingReportingOverflow(other.customsValue)
        let c = duty.addingReportingOverflow(other.duty)
        let d = dutyFreeLines.addingReportingOverflow(other.dutyFreeLines)
        let e = dutyFreeValue.addingReportingOverflow(other.dutyFreeValue)
        let f = preferenceValue.addingReportingOverflow(other.preferenceValue)
        let g = nonRegionalValue.addingReportingOverflow(other.nonRegionalValue)
        lines = a.partialValue
        customsValue = b.partialValue
        duty = c.partialValue
        dutyFreeLines = d.partialValue
        dutyFreeValue = e.partialValue
        preferenceValue = f.partialValue
        nonRegionalValue = g.partialValue
        return !(a.overflow || b.overflow || c.overflow || d.overflow || e.overflow || f.overflow || g.overflow)
    }
}
