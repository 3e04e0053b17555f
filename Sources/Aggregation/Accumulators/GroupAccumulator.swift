import Customs
import Parallel

/// Owner of a `GroupTable` (one per worker, plus the merged result).
///
/// A large table merged into another one is kept beside it (`mergedTables`) rather than inserted: the measures
/// of a key are then its sums in `table` and in each kept table, summed when read (`cells`, in parallel), so
/// a breakdown into millions of groups never builds, grows and zeroes a table of all the workers' groups at
/// once. The kernel adds to `table` alone, which stays correct: a key's sums in several tables add up.
public final class GroupAccumulator {
    /// The table; take it into a local for hot loops and store it back.
    public var table: GroupTable
    /// Tables of other accumulators merged into this one and kept apart (owned; see the type's comment).
    private var mergedTables: [GroupTable] = []

    public init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        table = GroupTable(size: size)
    }

    deinit {
        table.deallocate()
        for merged in mergedTables { merged.deallocate() }
    }

    /// Occupied slots of a table from which it is kept apart when merged (2^20 keys: 64 MiB of slots and more).
    static let keptApartMinimum = 1 << 20

    /// Tables kept apart at most besides `table`; later large tables are inserted.
    static let keptApartMaximum = 3

    /// Whether some cell's exact sum does not fit Int64 (exit 65). Inserts the kept tables first.
    ///
    /// - Complexity: O(1) for one table (the carries); O(size of the kept tables) when some are kept.
    public var overflowed: Bool {
        consolidate()
        return table.overflowed
    }

    /// Distinct keys (cells). Inserts the kept tables first.
    public var occupied: Int {
        consolidate()
        return table.occupied
    }

    /// Packs a group key (`GroupKeyLayout`); `detail` may carry `GroupKeyLayout.eligibleBit`.
    /// - Precondition: origin ≥ 1, ids < 2^16.
    @inline(__always)
    public static func key(origin: UInt32, partner: UInt32, detail: UInt32) -> UInt64 {
        UInt64(origin) << UInt64(GroupKeyLayout.originShift) | UInt64(partner) << UInt64(GroupKeyLayout.partnerShift)
            | UInt64(detail)
    }

    /// Packs a group key whose detail is the HS chapter. - Precondition: as `key(origin:partner:detail:)`.
    @inline(__always)
    public static func key(origin: UInt32, partner: UInt32, chapter: UInt8) -> UInt64 {
        key(origin: origin, partner: partner, detail: UInt32(chapter))
    }

    /// Unpacks a key made by `key(origin:partner:detail:)` (the detail without the eligible bit).
    public static func components(_ key: UInt64) -> (origin: UInt32, partner: UInt32, detail: UInt32) {
        (
            UInt32(truncatingIfNeeded: (key >> UInt64(GroupKeyLayout.originShift)) & GroupKeyLayout.originMask),
            UInt32(truncatingIfNeeded: (key >> UInt64(GroupKeyLayout.partnerShift)) & GroupKeyLayout.partnerMask),
            UInt32(truncatingIfNeeded: key & GroupKeyLayout.detailMask)
        )
    }

    /// The cells with eligible and other lines of the same (origin, partner,
    /// detail) summed into one: the key without `GroupKeyLayout.eligibleBit`,
    /// and measures whose `eligibleValue` / `eligiblePreferenceValue` are the
    /// customs / preference value of the eligible cell. Nil when a sum does
    /// not fit Int64 (the run overflows: exit 65, whatever the strategy).
    /// In slot order of `table`, then of each kept table (the keys not in an earlier one); at a cell, the
    /// slot of the key without the bit (or of the eligible key, when it is alone in that table).
    /// Made by up to `workers` threads, slot ranges each (the same cells in the same order).
    ///
    /// - Complexity: O(size) expected per table; a key's sums in the other tables are found by probing them,
    ///   so nothing is allocated but the result. With carries (a sum that wrapped) the kept tables are
    ///   inserted first, so that the exact sums decide.
    public func cells(workers: Int = 1) -> [(key: UInt64, measures: Measures)]? {
        if table.overflowed || mergedTables.contains(where: { !$0.carries.isEmpty }) {
            consolidate()
            if table.overflowed { return nil }
        }
        // Shared read-only by the workers below.
        nonisolated(unsafe) let tables = [table] + mergedTables
        let piece = 1 << 18
        let ranges = tables.indices.flatMap { owner in
            stride(from: 0, to: tables[owner].size, by: piece).map { (owner, $0..<min($0 + piece, tables[owner].size)) }
        }
        let parts = ParallelMap.ordered(ranges.count, workers: workers) { index in
            GroupAccumulator.cells(of: tables, owner: ranges[index].0, slots: ranges[index].1)
        }
        var result: [(key: UInt64, measures: Measures)] = []
        result.reserveCapacity(parts.reduce(0) { $0 + ($1?.count ?? 0) })
        for part in parts {
            guard let part else { return nil }
            result.append(contentsOf: part)
        }
        return result
    }

    /// The cells (as `cells()`) whose first key in table order lies in `slots` of `tables[owner]`.
    ///
    /// - Precondition: no table has carries (each slot's sums are exact).
    private static func cells(
        of tables: [GroupTable], owner: Int, slots: Range<Int>
    ) -> [(key: UInt64, measures: Measures)]? {
        let source = tables[owner]
        var result: [(key: UInt64, measures: Measures)] = []
        for index in slots where source.key(at: index) != 0 {
            let key = source.key(at: index)
            let base = key & ~GroupKeyLayout.eligibleBit
            let eligibleKey = base | GroupKeyLayout.eligibleBit
            let isEligible = key != base
            // An eligible cell with a partner in this table is summed when its partner is reached; a cell
            // with a key in an earlier table was summed there.
            if isEligible && source.index(of: base) != nil { continue }
            if tables[..<owner].contains(where: { $0.index(of: base) != nil || $0.index(of: eligibleKey) != nil }) {
                continue
            }
            var other = MeasureSums()
            var eligible = MeasureSums()
            var hasOther = false
            var hasEligible = false
            for table in tables[owner...] {
                if let slot = table.index(of: base) {
                    other.add(table.measures(at: slot))
                    hasOther = true
                }
                if let slot = table.index(of: eligibleKey) {
                    eligible.add(table.measures(at: slot))
                    hasEligible = true
                }
            }
            guard var measures = hasOther ? other.exact : Measures() else { return nil }
            if hasEligible {
                guard var eligibleMeasures = eligible.exact else { return nil }
                eligibleMeasures.eligibleValue = eligibleMeasures.customsValue
                eligibleMeasures.eligiblePreferenceValue = eligibleMeasures.preferenceValue
                if hasOther {
                    guard let sum = measures.adding(eligibleMeasures) else { return nil }
                    measures = sum
                } else {
                    measures = eligibleMeasures
                }
            }
            result.append((base, measures))
        }
        return result
    }

    /// Adds every cell of `other` (merge of partial aggregates): a large table of `other` is kept apart (moved
    /// here, `other` left empty), a small one inserted.
    public func merge(_ other: GroupAccumulator) {
        for source in [other.table] + other.mergedTables {
            if source.occupied >= GroupAccumulator.keptApartMinimum
                && mergedTables.count < GroupAccumulator.keptApartMaximum
            {
                mergedTables.append(source)
            } else {
                insert(source)
                source.deallocate()
            }
        }
        other.table = GroupTable(size: 16)
        other.mergedTables = []
    }

    /// Inserts every cell of `source` into `table`.
    private func insert(_ source: GroupTable) {
        var local = table
        local.addCarries(source.carries)
        for index in 0..<source.size where source.key(at: index) != 0 {
            let slot = local.slot(for: source.key(at: index))
            local.add(source.measures(at: index), at: slot)
        }
        table = local
    }

    /// Inserts the kept tables into `table` (one table after).
    private func consolidate() {
        guard !mergedTables.isEmpty else { return }
        let kept = mergedTables
        mergedTables = []
        for source in kept {
            insert(source)
            source.deallocate()
        }
    }

    /// Empties the accumulator and gives back the tables' memory (a caller that has read the cells and needs
    /// the room for what it makes of them).
    public func removeAll() {
        table.deallocate()
        for merged in mergedTables { merged.deallocate() }
        mergedTables = []
        table = GroupTable(size: 16)
    }

    /// Occupied (key, measures) pairs, in slot order (the kept tables inserted first).
    public func entries() -> [(key: UInt64, measures: Measures)] {
        consolidate()
        let source = table
        var result: [(UInt64, Measures)] = []
        result.reserveCapacity(source.occupied)
        for index in 0..<source.size where source.key(at: index) != 0 {
            result.append((source.key(at: index), source.measures(at: index)))
        }
        return result
    }
}
