import Customs

/// Line counts of the `totals` table (docs/semantics.md, totals). The invariant
/// `linesRead == linesFiltered + linesRejected + linesAggregated` holds by construction.
public struct LineCounts: Sendable, Equatable {
    public var linesRead: Int64 = 0
    public var linesFiltered: Int64 = 0
    /// Per `RejectionReason.rawValue`.
    public var rejected: [Int64] = Array(repeating: 0, count: RejectionReason.allCases.count)
    public var linesAggregated: Int64 = 0
    /// Aggregated lines whose origin or partner code had no conversion.
    public var unmappedLines: Int64 = 0
    /// Aggregated lines whose text HS code has an odd number of digits.
    public var oddHSLines: Int64 = 0

    public init() {}

    public var linesRejected: Int64 { rejected.reduce(0, +) }

    public mutating func add(_ other: LineCounts) {
        linesRead += other.linesRead
        linesFiltered += other.linesFiltered
        for index in rejected.indices { rejected[index] += other.rejected[index] }
        linesAggregated += other.linesAggregated
        unmappedLines += other.unmappedLines
        oddHSLines += other.oddHSLines
    }
}
