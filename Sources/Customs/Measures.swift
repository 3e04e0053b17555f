/// The measures of every summary table row (SPEC §2.1), exact Int64 cents.
public struct Measures: Sendable, Equatable {
    public var lines: Int64 = 0
    public var customsValue: Int64 = 0
    public var duty: Int64 = 0
    public var dutyFreeLines: Int64 = 0
    public var dutyFreeValue: Int64 = 0
    public var preferenceValue: Int64 = 0
    public var nonRegionalValue: Int64 = 0

    public init() {}

    /// Adds `other` field by field; returns false on Int64 overflow (self is then unspecified).
    @inline(__always)
    public mutating func add(_ other: Measures) -> Bool {
        var overflow = false
        func plus(_ a: inout Int64, _ b: Int64) {
            let (sum, over) = a.addingReportingOverflow(b)
            a = sum
            overflow = overflow || over
        }
        plus(&lines, other.lines)
        plus(&customsValue, other.customsValue)
        plus(&duty, other.duty)
        plus(&dutyFreeLines, other.dutyFreeLines)
        plus(&dutyFreeValue, other.dutyFreeValue)
        plus(&preferenceValue, other.preferenceValue)
        plus(&nonRegionalValue, other.nonRegionalValue)
        return !overflow
    }
}
