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
    public var dutiableValue: Int128 = 0
    public var eligibleValue: Int128 = 0
    public var eligiblePreferenceValue: Int128 = 0

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
        dutiableValue += Int128(measures.dutiableValue)
        eligibleValue += Int128(measures.eligibleValue)
        eligiblePreferenceValue += Int128(measures.eligiblePreferenceValue)
    }

    /// The sums as Int64 measures; nil when any of them does not fit.
    public var exact: Measures? {
        guard let lines = Int64(exactly: lines), let customsValue = Int64(exactly: customsValue),
            let duty = Int64(exactly: duty),
            let dutyFreeLines = Int64(exactly: dutyFreeLines), let dutyFreeValue = Int64(exactly: dutyFreeValue),
            let preferenceValue = Int64(exactly: preferenceValue),
            let nonRegionalValue = Int64(exactly: nonRegionalValue),
            let dutiableValue = Int64(exactly: dutiableValue), let eligibleValue = Int64(exactly: eligibleValue),
            let eligiblePreferenceValue = Int64(exactly: eligiblePreferenceValue)
        else { return nil }
        var measures = Measures()
        measures.lines = lines
        measures.customsValue = customsValue
        measures.duty = duty
        measures.dutyFreeLines = dutyFreeLines
        measures.dutyFreeValue = dutyFreeValue
        measures.preferenceValue = preferenceValue
        measures.nonRegionalValue = nonRegionalValue
        measures.dutiableValue = dutiableValue
        measures.eligibleValue = eligibleValue
        measures.eligiblePreferenceValue = eligiblePreferenceValue
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
    public var dutiableValue: Int64 = 0

    public init() {}

    /// Bits of a wrapped add, one per money measure the kernel sums (`CellSums.addWrapping`, the dutiable side array).
    public enum Bit {
        public static let customsValue: UInt8 = 1
        public static let duty: UInt8 = 2
        public static let dutyFreeValue: UInt8 = 4
        public static let preferenceValue: UInt8 = 8
        public static let nonRegionalValue: UInt8 = 16
        public static let dutiableValue: UInt8 = 32
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
        if wrapped & Bit.dutiableValue != 0 { dutiableValue &+= step(addend.dutiableValue) }
    }

    /// Adds the carries of the same cell in another table (merge).
    public mutating func add(_ other: MeasureCarries) {
        customsValue &+= other.customsValue
        duty &+= other.duty
        dutyFreeValue &+= other.dutyFreeValue
        preferenceValue &+= other.preferenceValue
        nonRegionalValue &+= other.nonRegionalValue
        dutiableValue &+= other.dutiableValue
    }

    /// Whether every sum of the cell fits Int64.
    public var isZero: Bool { self == MeasureCarries() }
}

extension Measures {
    /// The sum of every measure of `self` and `other`; nil when one does not fit Int64.
    ///
    /// - Complexity: O(1).
    public func adding(_ other: Measures) -> Measures? {
        var sums = MeasureSums()
        sums.add(self)
        sums.add(other)
        return sums.exact
    }
}
