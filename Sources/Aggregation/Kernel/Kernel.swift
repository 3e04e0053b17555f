import CPrefetch
import Customs

/// How the kernel decides duty-free status.
public struct KernelConfiguration: Sendable {
    /// `true`: duty-free iff duty == 0 (null duty → `missing_duty`);
    /// `false`: duty-free iff `LineBlock.Flag.freeByRule` is set.
    public var dutyFreeByDuty: Bool

    public init(dutyFreeByDuty: Bool) { self.dutyFreeByDuty = dutyFreeByDuty }
}

/// The aggregation kernel: classifies each line of a block (docs/semantics.md, Classification) and
/// adds it to its (origin, partner, detail) cell: the detail is the HS chapter, or the `--by` breakdown
/// of the line (`LineBlock.keysOnDetail`). Integer work only: no
/// allocation, no hashing of strings, no locks.
public enum Kernel {
    /// Rows between a slot prefetch and its use.
    static let prefetchDistance = 16

    /// Aggregates every row of `block` into `partial`.
    ///
    /// Lines that pass every check (the vast majority) take one branch-light
    /// path: packed key, one probe (its slot prefetched a few rows ahead),
    /// branch-free measures and five checked adds; filtered and rejected
    /// lines fall to `countExcluded`. Same results as `forEachAggregated`.
    ///
    /// - Complexity: O(block.count) expected (one hash probe per aggregated line).
    public static func aggregate(
        _ block: LineBlock, configuration: KernelConfiguration, into partial: PartialAggregate
    ) {
        var counts = LineCounts()
        let columns = kernelColumns(block)
        let byDuty = configuration.dutyFreeByDuty
        // With duty deciding, a non-present duty rejects; otherwise it only reads as 0.
        let dutyStatusMask: UInt8 = byDuty ? 0xff : 0
        // The dutiable value, where the block has one, is summed beside the slots (a branch the same for every row).
        let hasDutiable = columns.dutiableMask != 0
        var probe = Probe(partial.groups.table, summingDutiable: hasDutiable)
        var aggregated: Int64 = 0
        let count = block.count
        let onDetail = block.keysOnDetail
        for row in 0..<count {
            let ahead = row &+ prefetchDistance
            if ahead < count { probe.prefetch(rowKey(columns, ahead, onDetail)) }
            let flags = columns.flags[row]
            let origin = columns.origin[row]
            let partner = columns.partner[row]
            let chapter = columns.chapter[row]
            let dutyStatus = columns.dutyStatus[row]
            let excluded = (flags & LineBlock.Flag.filtered) | columns.valueStatus[row] | (dutyStatus & dutyStatusMask)
            // Valid chapters are 1...99: missing (0) and bad (100) fall outside.
            if excluded != 0 || origin == 0 || partner == 0 || chapter &- 1 >= 99 {
                countExcluded(columns, row: row, byDuty: byDuty, counts: &counts)
                continue
            }
            let key = rowKey(columns, row, onDetail)
            let cell = probe.cell(for: key)
            // Branch-free from here: the flags are random per line, so every
            // choice is an all-ones/all-zeros mask instead of a branch.
            let value = columns.value[row]
            let duty = columns.duty[row] & mask(dutyStatus == LineBlock.ValueStatus.present)
            let flagBits = Int64(flags)
            let freeMask = byDuty ? mask(duty == 0) : 0 &- ((flagBits >> 2) & 1)  // Flag.freeByRule
            let inRegionMask = 0 &- ((flagBits >> 3) & 1)  // Flag.originInRegion
            let declaredMask = 0 &- ((flagBits >> 4) & 1)  // Flag.hasNonOriginating
            let preferenceMask = 0 &- ((flagBits >> 1) & 1)  // Flag.preferenceClaimed
            // Non-regional content of a free line: the whole value for a
            // non-regional origin, else the declared non-originating value
            // clamped to [min(0, value), max(0, value)], else 0.
            let sign = value >> 63
            let clamped = clamp(columns.nonOriginating[row], low: value & sign, high: value & ~sign)
            let nonRegional = (value & ~inRegionMask) | (clamped & declaredMask & inRegionMask)
            let preferenceValue = value & preferenceMask
            let nonRegionalValue = nonRegional & freeMask
            var wrapped = GroupTable.addLine(
                cell, value: value, duty: duty, freeMask: freeMask, preferenceValue: preferenceValue,
                nonRegionalValue: nonRegionalValue)
            if hasDutiable { wrapped |= probe.addDutiable(columns.dutiable[row], cell: cell) }
            if wrapped != 0 {
                probe.table.recordCarries(
                    wrapped, key: key,
                    addend: Measures(
                        lines: 1, customsValue: value, duty: duty, dutyFreeLines: freeMask & 1,
                        dutyFreeValue: value & freeMask,
                        preferenceValue: preferenceValue, nonRegionalValue: nonRegionalValue,
                        dutiableValue: columns.dutiable[row & columns.dutiableMask]))
            }
            aggregated &+= 1
        }
        partial.groups.table = probe.table
        counts.linesRead += Int64(block.count)
        counts.linesAggregated += aggregated
        countFlaggedLines(block, columns, byDuty: byDuty, into: &counts)
        block.counts = counts
        partial.counts.add(counts)
    }

    /// The group key of a row (`cellDetail` below its origin and partner).
    @inline(__always)
    static func rowKey(_ columns: Columns, _ row: Int, _ onDetail: Bool) -> UInt64 {
        GroupAccumulator.key(
            origin: columns.origin[row], partner: columns.partner[row], detail: cellDetail(columns, row, onDetail))
    }

    /// The group key's detail of a row: the `--by` cell detail when the block
    /// keys on it (`LineBlock.keysOnDetail`, the same for every row), else the
    /// chapter; with `GroupKeyLayout.eligibleBit` where the row has `Flag.eligible`.
    @inline(__always)
    static func cellDetail(_ columns: Columns, _ row: Int, _ onDetail: Bool) -> UInt32 {
        let detail = onDetail ? columns.detail[row] : UInt32(columns.chapter[row])
        // Flag.eligible is bit 7 of the flags; the eligible bit is bit 31 of the detail.
        return detail | UInt32(columns.flags[row] & LineBlock.Flag.eligible) << 24
    }

    /// Counts the aggregated lines with `Flag.unmappedCode` and
    /// `Flag.oddHSCode`, in a second pass run only when the filler saw such
    /// a line in the block.
    @inline(__always)
    static func countFlaggedLines(_ block: LineBlock, _ columns: Columns, byDuty: Bool, into counts: inout LineCounts) {
        if block.countsUnmappedCodes {
            counts.unmappedLines += aggregatedLines(
                columns, count: block.count, byDuty: byDuty, flag: LineBlock.Flag.unmappedCode)
        }
        if block.countsOddHSCodes {
            counts.oddHSLines += aggregatedLines(
                columns, count: block.count, byDuty: byDuty, flag: LineBlock.Flag.oddHSCode)
        }
    }

    /// Aggregated rows that carry `flag` (neither filtered nor rejected).
    @inline(never)
    static func aggregatedLines(_ columns: Columns, count: Int, byDuty: Bool, flag: UInt8) -> Int64 {
        var lines: Int64 = 0
        for row in 0..<count where columns.flags[row] & (flag | LineBlock.Flag.filtered) == flag {
            if rejection(columns, row: row, byDuty: byDuty) == nil { lines += 1 }
        }
        return lines
    }

    /// The kernel's view of a `GroupTable`: slots and mask in locals
    /// (registers), with the rare insert out of line.
    struct Probe {
        var table: GroupTable
        var slots: UnsafeMutablePointer<GroupTable.Slot>
        var mask: Int
        /// The table's dutiable side array (nil when not enabled).
        var dutiable: UnsafeMutablePointer<Int64>?

        /// - Parameter summingDutiable: whether lines add a dutiable value (enables the table's side array).
        init(_ table: GroupTable, summingDutiable: Bool = false) {
            var table = table
            if summingDutiable { table.enableDutiable() }
            self.table = table
            slots = table.slots
            mask = table.size &- 1
            dutiable = table.dutiable
        }

        /// Adds `value` to the dutiable sum of `cell`; `MeasureCarries.Bit.dutiableValue` when it wrapped.
        ///
        /// Safe because: `cell` is a slot of this table (`cell(for:)`), so its
        /// index is below the table's size, the side array's size.
        /// - Precondition: the table's dutiable side array is enabled.
        @inline(__always)
        func addDutiable(_ value: Int64, cell: UnsafeMutablePointer<GroupTable.Slot>) -> UInt8 {
            let sums = dutiable.unsafelyUnwrapped + (cell - slots)
            let sum = sums.pointee.addingReportingOverflow(value)
            sums.pointee = sum.partialValue
            return sum.overflow ? MeasureCarries.Bit.dutiableValue : 0
        }

        @inline(__always)
        func prefetch(_ key: UInt64) {
            roo_prefetch_write(slots + (GroupTable.hash(key) & mask))
        }

        /// The cell of `key`, inserted when absent.
        ///
        /// Safe because: `index` is always masked with `mask` (the table's
        /// size - 1, a power of two) and `slots` holds `size` slots; the
        /// table is never full (it grows at half or three-quarter load), so the probe ends.
        @inline(__always)
        mutating func cell(for key: UInt64) -> UnsafeMutablePointer<GroupTable.Slot> {
            var index = GroupTable.hash(key) & mask
            while true {
                let current = slots[index].key
                if current == key { return slots + index }
                if current == 0 { return insert(key) }
                index = (index &+ 1) & mask
            }
        }

        /// Inserts `key` (the table may grow), then re-reads the slots pointer and mask.
        ///
        /// Safe because: `slot(for:)` returns an index below the table's size
        /// after any growth, and `slots` is re-read from the grown table.
        @inline(never)
        mutating func insert(_ key: UInt64) -> UnsafeMutablePointer<GroupTable.Slot> {
            let index = table.slot(for: key)  // may grow the table
            slots = table.slots
            mask = table.size &- 1
            dutiable = table.dutiable
            return slots + index
        }
    }

    /// All ones when `condition`, else 0.
    @inline(__always)
    static func mask(_ condition: Bool) -> Int64 {
        0 &- Int64(unsafeBitCast(condition, to: UInt8.self))
    }

    /// `value` clamped to `low...high` without branches. - Precondition: low <= high.
    @inline(__always)
    static func clamp(_ value: Int64, low: Int64, high: Int64) -> Int64 {
        let atLeastLow = value ^ ((value ^ low) & mask(value < low))
        return atLeastLow ^ ((atLeastLow ^ high) & mask(atLeastLow > high))
    }

    /// Counts a line that is not aggregated: filtered, or rejected with its
    /// first failing reason.
    @inline(never)
    static func countExcluded(_ columns: Columns, row: Int, byDuty: Bool, counts: inout LineCounts) {
        if columns.flags[row] & LineBlock.Flag.filtered != 0 {
            counts.linesFiltered += 1
        } else if let reason = rejection(columns, row: row, byDuty: byDuty) {
            counts.rejected[reason.rawValue] += 1
        }
    }

    /// Classifies every row of `block`, counting lines in `counts` and calling
    /// `body(key, measures)` for each aggregated line (strategies that do not
    /// own a `GroupTable`, e.g. `shared-atomic`).
    @inline(__always)
    public static func forEachAggregated(
        _ block: LineBlock, configuration: KernelConfiguration, counts: inout LineCounts,
        _ body: (UInt64, Measures) -> Void
    ) {
        let columns = kernelColumns(block)
        let byDuty = configuration.dutyFreeByDuty
        var local = LineCounts()
        defer {
            block.counts = local
            counts.add(local)
        }
        local.linesRead += Int64(block.count)
        countFlaggedLines(block, columns, byDuty: byDuty, into: &local)
        for row in 0..<block.count {
            let flags = columns.flags[row]
            if flags & LineBlock.Flag.filtered != 0 {
                local.linesFiltered += 1
                continue
            }
            if let reason = rejection(columns, row: row, byDuty: byDuty) {
                local.rejected[reason.rawValue] += 1
                continue
            }
            local.linesAggregated += 1
            let key = rowKey(columns, row, block.keysOnDetail)
            body(key, measures(columns, row: row, flags: flags, byDuty: byDuty))
        }
    }

    /// The block's column pointers, read once per block.
    typealias Columns = LineBlock.Columns

    /// `block`'s columns for a kernel pass.
    ///
    /// - Precondition: the money columns are bound (`LineBlock.isMoneyBound`).
    @inline(__always)
    static func kernelColumns(_ block: LineBlock) -> Columns {
        precondition(block.isMoneyBound, "LineBlock money columns must be bound before aggregation")
        return block.columns
    }

    /// The first failing rejection reason of a row, in `RejectionReason` order.
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
        result.dutiableValue = block.dutiable[row & block.dutiableMask]
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
