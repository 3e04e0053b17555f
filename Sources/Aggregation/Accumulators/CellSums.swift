import Customs

/// The seven sums every aggregated line adds to, as a `GroupTable` slot
/// holds them (with the key, one 64-byte cache line): the measures without
/// the optional ones (the dutiable value is summed beside the slots, the
/// eligible ones come from the key's eligible bit).
public struct CellSums: Sendable, Equatable {
    public var lines: Int64 = 0
    public var customsValue: Int64 = 0
    public var duty: Int64 = 0
    public var dutyFreeLines: Int64 = 0
    public var dutyFreeValue: Int64 = 0
    public var preferenceValue: Int64 = 0
    public var nonRegionalValue: Int64 = 0

    @inlinable public init() {}

    /// The measures of these sums, with `dutiableValue`.
    @inlinable
    public func measures(dutiableValue: Int64) -> Measures {
        Measures(
            lines: lines, customsValue: customsValue, duty: duty, dutyFreeLines: dutyFreeLines,
            dutyFreeValue: dutyFreeValue, preferenceValue: preferenceValue, nonRegionalValue: nonRegionalValue,
            dutiableValue: dutiableValue)
    }

    /// Adds the seven sums of `other` with wrapping arithmetic; returns which
    /// money sums wrapped (`MeasureCarries.Bit`).
    ///
    /// - Complexity: O(1), branch-free.
    @inlinable @inline(__always)
    public mutating func addWrapping(_ other: Measures) -> UInt8 {
        let b = customsValue.addingReportingOverflow(other.customsValue)
        let c = duty.addingReportingOverflow(other.duty)
        let e = dutyFreeValue.addingReportingOverflow(other.dutyFreeValue)
        let f = preferenceValue.addingReportingOverflow(other.preferenceValue)
        let g = nonRegionalValue.addingReportingOverflow(other.nonRegionalValue)
        lines &+= other.lines
        dutyFreeLines &+= other.dutyFreeLines
        customsValue = b.partialValue
        duty = c.partialValue
        dutyFreeValue = e.partialValue
        preferenceValue = f.partialValue
        nonRegionalValue = g.partialValue
        return UInt8(b.overflow ? 1 : 0) | UInt8(c.overflow ? 2 : 0) | UInt8(e.overflow ? 4 : 0)
            | UInt8(f.overflow ? 8 : 0) | UInt8(g.overflow ? 16 : 0)
    }
}
