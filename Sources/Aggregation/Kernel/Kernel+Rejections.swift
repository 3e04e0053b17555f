import Customs

/// A line of a block that is rejected, and why (docs/semantics.md, Rejections).
public struct RejectedRow: Sendable, Equatable {
    /// The row within the block.
    public var row: Int
    public var reason: RejectionReason

    public init(row: Int, reason: RejectionReason) {
        self.row = row
        self.reason = reason
    }
}

extension Kernel {
    /// The rejected rows of `block` in row order, each with its first failing
    /// reason: exactly the lines `aggregate` counts as rejected (filtered
    /// lines are never rejected). Used by `summarize --rejects`, off the hot path.
    ///
    /// - Precondition: the block's money columns are bound.
    /// - Complexity: O(block.count).
    public static func rejectedRows(_ block: LineBlock, configuration: KernelConfiguration) -> [RejectedRow] {
        let columns = kernelColumns(block)
        var rows: [RejectedRow] = []
        for row in 0..<block.count where columns.flags[row] & LineBlock.Flag.filtered == 0 {
            if let reason = rejection(columns, row: row, byDuty: configuration.dutyFreeByDuty) {
                rows.append(RejectedRow(row: row, reason: reason))
            }
        }
        return rows
    }
}
