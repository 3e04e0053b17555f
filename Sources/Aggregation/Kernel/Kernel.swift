import Customs

/// How the kernel decides duty-free status.
public struct KernelConfiguration: Sendable {
    /// `true`: duty-free iff duty == 0 (null duty → `missing_duty`);
    /// `false`: duty-free iff `LineBlock.Flag.freeByRule` is set.
    public var dutyFreeByDuty: Bool

    public init(dutyFreeByDuty: Bool) { self.dutyFreeByDuty = dutyFreeByDuty }
}

/// The aggregation kernel: classifies each line of a block (SPEC §1.3) and
/// adds it to its (origin, partner, chapter) cell. Integer work only: no
/// allocation, no hashing of strings, no locks.
public enum Kernel {
    /// Aggregates every row of `block` into `partial`.
    ///
    /// - Complexity: O(block.count) expected (one hash probe per aggregated line).
    public static func aggregate(_ block: LineBlock, configuration: KernelConfiguration, into partial: PartialAggregate) {
        var counts = partial.counts
        var table = partial.groups.table
        var lastKey: UInt64 = 0
        var lastSlot = 0
        forEachAggregated(block, configuration: configuration, counts: &counts) { key, measures in
            // Consecutive lines often share a group: skip the probe then.
            if key != lastKey {
                lastKey = key
                lastSlot = table.slot(for: key)
            }
            table.add(measures, at: lastSlot)
        }
        partial.groups.table = table
        partial.counts = counts
    }

    /// Classifies every row of `block`, counting lines in `counts` and calling
    /// `body(key, measures)` for each aggregated line (strategies that do not
    /// own a `GroupTable`, e.g. `shared-atomic`).
    @inline(__always)
    public static func forEachAggregated(
        _ block: LineBlock, configuration: KernelConfiguration, counts: inout LineCounts,
        _ body: (UInt64, Measures) -> Void
    ) {
        let columns = Columns(block)
        let byDuty = configuration.dutyFreeByDuty
        counts.linesRead += Int64(block.count)
        for row in 0..<block.count {
            let flags = columns.flags[row]
            if flags & LineBlock.Flag.filtered != 0 {
                counts.linesFiltered += 1
                continue
            }
            if let reason = rejection(columns, row: row, byDuty: byDuty) {
                counts.rejected[reason.rawValue] += 1
                continue
            }
            counts.linesAggregated += 1
            let key = GroupAccumulator.key(origin: columns.origin[row], partner: columns.partner[row], chapter: columns.chapter[row])
            body(key, measures(columns, row: row, flags: flags, byDuty: byDuty))
        }
    }

    /// The block's column pointers, read once per block.
    struct Columns {
        let origin: UnsafeMutablePointer<UInt32>
        let partner: UnsafeMutablePointer<UInt32>
        let chapter: UnsafeMutablePointer<UInt8>
        let value: UnsafeMutablePointer<Int64>
        let valueStatus: UnsafeMutablePointer<UInt8>
        let duty: UnsafeMutablePointer<Int64>
        let dutyStatus: UnsafeMutablePointer<UInt8>
        let nonOriginating: UnsafeMutablePointer<Int64>
        let flags: UnsafeMutablePointer<UInt8>

        init(_ block: LineBlock) {
            origin = block.origin
            partner = block.partner
            chapter = block.chapter
            value = block.value
            valueStatus = block.valueStatus
            duty = block.duty
            dutyStatus = block.dutyStatus
            nonOriginating = block.nonOriginating
            flags = block.flags
        }
    }

    /// The first failing rejection reason of a row, in SPEC order.
    @inline(__always)
    static func rejection(_ block: Columns, row: Int, byDuty: Bool) -> RejectionReason? {
        if block.origin[row] == 0 { return .missingOrigin }
        if block.partner[row] == 0 { return .missingPartner }
        let chapter = block.chapter[row]
        if chapter == HSChapter.missing { return .missingHS }
        if chapter == HSChapter.bad { return .badHS }
        let status = block.valueStatus[row]
        if status == LineBlock.ValueStatus.missing { return .missingValue }
        if status == LineBlock.ValueStatus.invalid { return .invalidValue }
        if byDuty && block.dutyStatus[row] != LineBlock.ValueStatus.present { return .missingDuty }
        return nil
    }

    /// The measures one accepted line contributes.
    @inline(__always)
    static func measures(_ block: Columns, row: Int, flags: UInt8, byDuty: Bool) -> Measures {
        let value = block.value[row]
        let duty = block.dutyStatus[row] == LineBlock.ValueStatus.present ? block.duty[row] : 0
        let isFree = byDuty ? duty == 0 : flags & LineBlock.Flag.freeByRule != 0
        var result = Measures()
        result.lines = 1
        result.customsValue = value
        result.duty = duty
        if flags & LineBlock.Flag.preferenceClaimed != 0 { result.preferenceValue = value }
        guard isFree else { return result }
        result.dutyFreeLines = 1
        result.dutyFreeValue = value
        if flags & LineBlock.Flag.originInRegion == 0 {
            result.nonRegionalValue = value
        } else if flags & LineBlock.Flag.hasNonOriginating != 0 {
            let low = min(0, value)
            let high = max(0, value)
            result.nonRegionalValue = min(max(block.nonOriginating[row], low), high)
        }
        return result
    }
}
