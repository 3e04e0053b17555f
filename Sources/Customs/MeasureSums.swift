/// Exact sums of `Measures` in 128-bit integers: adding in any order gives
/// the same result, and whether a sum fits Int64 is decided once, on the
/// final value (never on an intermediate that a different order would not
/// reach). Used where many measures are summed outside the kernel: marginal
/// tables, totals, merging partials.
public struct MeasureSums: Sendable, Equatable {
    public var lines: Int128 = 0
    public var customsValue: Int128 = 0
    public var duty: Int128 = 0
    public var dutyFreeLines: Int128 = 0
    public var dutyFreeValue: Int128 = 0
    public var preferenceValue: Int128 = 0
    public var nonRegionalValue: Int128 = 0

    public init() {}

    /// Adds `measures`. Never overflows: 2^64 additions of Int64 values fit in 128 bits.
    ///
    /// - Complexity: O(1).
    public mutating func add(_ measures: Measures) {
        lines += Int128(measures.lines)
        customsValue += Int128(measures.customsValue)
        duty += Int128(measures.duty)
        dutyFreeLines += Int128(measures.dutyFreeLines)
        dutyFreeValue += Int128(measures.dutyFreeValue)
        preferenceValue += Int128(measures.preferenceValue)
        nonRegionalValue += Int128(measures.nonRegionalValue)
    }

    /// The sums as Int64 measures; nil when any of them does not fit.
    public var exact: Measures? {
        guard let lines = Int64(exactly: lines), let customsValue = Int64(exactly: customsValue),
            let duty = Int64(exactly: duty),
            let dutyFreeLines = Int64(exactly: dutyFreeLines), let dutyFreeValue = Int64(exactly: dutyFreeValue),
            let preferenceValue = Int64(exactly: preferenceValue),
            let nonRegionalValue = Int64(exactly: nonRegionalValue)
        else { return nil }
        var measures = Measures()
        measures.lines = lines
        measures.customsValue = customsValue
        measures.duty = duty
        measures.dutyFreeLines = dutyFreeLines
        measures.dutyFreeValue = dutyFreeValue
        measures.preferenceValue = preferenceValue
        measures.nonRegionalValue = nonRegionalValue
        return measures
    }
}

/// How many times each money sum of one cell wrapped around Int64, net:
/// the exact sum is `wrapped + carry × 2^64`, so the cell's final sums fit
/// Int64 exactly when every carry is 0, whatever order the lines came in.
/// Line counts cannot wrap (one per line read) and have no carry.
public struct MeasureCarries: Sendable, Equatable {
    public var customsValue: Int64 = 0
    public var duty: Int64 = 0
    public var dutyFreeValue: Int64 = 0
    public var preferenceValue: Int64 = 0
    public var nonRegionalValue: Int64 = 0

    public init() {}

    /// Bits of a wrapped add, one per money measure (`Measures.addWrapping`).
    public enum Bit {
        public static let customsValue: UInt8 = 1
        public static let duty: UInt8 = 2
        public static let dutyFreeValue: UInt8 = 4
        public static let preferenceValue: UInt8 = 8
        public static let nonRegionalValue: UInt8 = 16
    }

    /// Records the wraps of one add: for each bit set in `wrapped`, the
    /// carry moves by the sign of that measure's addend (a positive addend
    /// can only wrap upwards, a negative one downwards).
    public mutating func record(_ wrapped: UInt8, addend: Measures) {
        func step(_ amount: Int64) -> Int64 { amount < 0 ? -1 : 1 }
        if wrapped & Bit.customsValue != 0 { customsValue &+= step(addend.customsValue) }
        if wrapped & Bit.duty != 0 { duty &+= step(addend.duty) }
        if wrapped & Bit.dutyFreeValue != 0 { dutyFreeValue &+= step(addend.dutyFreeValue) }
        if wrapped & Bit.preferenceValue != 0 { preferenceValue &+= step(addend.preferenceValue) }
        if wrapped & Bit.nonRegionalValue != 0 { nonRegionalValue &+= step(addend.nonRegionalValue) }
    }

    /// Adds the carries of the same cell in another table (merge).
    public mutating func add(_ other: MeasureCarries) {
        customsValue &+= other.customsValue
        duty &+= other.duty
        dutyFreeValue &+= other.dutyFreeValue
        preferenceValue &+= other.preferenceValue
        nonRegionalValue &+= other.nonRegionalValue
    }

    /// Whether every sum of the cell fits Int64.
    public var isZero: Bool { self == MeasureCarries() }
}

extension Measures {
    /// Adds `other` with wrapping arithmetic; returns which money sums
    /// wrapped (`MeasureCarries.Bit`), for the caller's carries.
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
