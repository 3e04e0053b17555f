import Aggregation
import Customs

extension SummarizeContext {
    /// Where a rejected line is, in the words of its input, and its raw value
    /// in the column at fault (empty when null or absent).
    typealias RejectedLineText = (location: String, column: String, value: String)

    /// What every kind of input does after the kernel aggregated `block`
    /// (work unit `unit` of the input at position `input` in input order):
    /// merges what the unit saw into the run's observations, and when lines
    /// were rejected hands their records to `--rejects` and keeps the first
    /// line of each reason as the warning's example. The caller only says
    /// how to read a rejected row back (`records`, `example`).
    ///
    /// - Complexity: O(1) when no line was rejected; else O(block) for the
    ///   reclassification plus the callers' reads.
    func blockAggregated(
        _ block: LineBlock, configuration: KernelConfiguration, observed: inout Observations.Local, input: Int,
        unit: Int,
        records: ([RejectedRow]) throws -> [UInt8],
        example: (_ reason: RejectionReason, _ row: Int) throws -> RejectedLineText
    ) rethrows {
        observations.merge(observed)
        observed = Observations.Local()
        guard block.counts.linesRejected > 0 else { return }
        let rejected = Kernel.rejectedRows(block, configuration: configuration)
        if let rejects { rejects.add(file: input, sequence: unit, records: try records(rejected)) }
        var first: [RejectionReason: Int] = [:]
        for line in rejected where first[line.reason] == nil { first[line.reason] = line.row }
        for (reason, row) in first where observations.wantsExample(reason, at: (input, unit, row)) {
            let text = try example(reason, row)
            observations.example(
                reason,
                Observations.Example(
                    order: (input, unit, row), location: text.location, column: text.column, value: text.value))
        }
    }
}
