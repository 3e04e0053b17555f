import Aggregation
import Customs
import Testing

/// The group table past the size where it grows at three-quarter load
/// (`GroupTable.halfLoadSlotsMax`): every key keeps its own sums through
/// the growths, the load stays within its bounds, and merging two large
/// tables gives the sums of both.
struct GroupTableTests {
    /// A packed key of group `index` (origin and partner ≥ 1, so never 0).
    static func key(_ index: Int) -> UInt64 {
        GroupAccumulator.key(
            origin: UInt32(1 + index % 250), partner: UInt32(1 + (index / 250) % 250),
            detail: UInt32(index / 62_500))
    }

    static func fill(_ accumulator: GroupAccumulator, keys: Range<Int>, value: Int64) {
        var table = accumulator.table
        for index in keys {
            let slot = table.slot(for: key(index))
            table.add(
                Measures(
                    lines: 1, customsValue: value &* Int64(index), duty: 1, dutyFreeLines: 0, dutyFreeValue: 0,
                    preferenceValue: 0, nonRegionalValue: 0),
                at: slot)
        }
        accumulator.table = table
    }

    @Test func millionsOfGroupsKeepTheirSumsPastThreeQuarterLoad() throws {
        let groups = 1_500_000
        let first = GroupAccumulator()
        Self.fill(first, keys: 0..<groups, value: 3)
        // 1.5M keys: past 2^20 slots the table grows at three quarters, so 2^21 slots, not 2^22.
        #expect(first.occupied == groups)
        #expect(first.table.size == 1 << 21)
        #expect(first.occupied * 4 <= first.table.size * 3)
        let second = GroupAccumulator()
        Self.fill(second, keys: 500_000..<(groups + 200_000), value: 5)
        first.merge(second)
        #expect(first.occupied == groups + 200_000)
        #expect(!first.overflowed)
        var seen = 0
        for (key, measures) in first.entries() {
            seen += 1
            let components = GroupAccumulator.components(key)
            let index =
                Int(components.origin - 1) + 250 * Int(components.partner - 1) + 62_500 * Int(components.detail)
            #expect(Self.key(index) == key)
            let inFirst = index < groups
            let inSecond = index >= 500_000
            let expected = (inFirst ? 3 * Int64(index) : 0) + (inSecond ? 5 * Int64(index) : 0)
            if measures.customsValue != expected || measures.lines != (inFirst && inSecond ? 2 : 1) {
                Issue.record("group \(index): \(measures.customsValue) lines \(measures.lines), expected \(expected)")
                return
            }
        }
        #expect(seen == groups + 200_000)
    }

    /// Adds to `table` the cells `keys` (eligible keys when `eligible`), each with `value × index`, and `extra`
    /// (key index, value).
    static func add(
        _ keys: Range<Int>, eligible: Bool = false, value: Int64, extra: [(Int, Int64)] = [],
        to table: inout GroupTable
    ) {
        let bit = eligible ? GroupKeyLayout.eligibleBit : 0
        for (index, amount) in keys.map({ ($0, value &* Int64($0)) }) + extra {
            table.add(
                Measures(
                    lines: 1, customsValue: amount, duty: 1, dutyFreeLines: 1, dutyFreeValue: amount,
                    preferenceValue: amount / 2, nonRegionalValue: 0),
                at: table.slot(for: key(index) | bit))
        }
    }

    /// An accumulator of the cells of `add`.
    static func filled(
        _ keys: Range<Int>, eligible: Bool = false, value: Int64, extra: [(Int, Int64)] = []
    ) -> GroupAccumulator {
        let accumulator = GroupAccumulator()
        add(keys, eligible: eligible, value: value, extra: extra, to: &accumulator.table)
        return accumulator
    }

    /// Large tables merged into another are kept beside it and summed when read: the cells are those of one
    /// table holding every line (eligible and other keys of a cell in different tables, a smaller table
    /// inserted), at any worker count; a sum that passes Int64 only across the tables makes no cells, and
    /// one that passes it part way but not in the end does.
    @Test func keptTablesReadAsOneTable() throws {
        let count = (1 << 20) + 1_000
        let parts: [(Range<Int>, Bool, Int64)] = [
            (0..<count, false, 3), (count / 2..<(count + count / 2), true, 5), (count / 4..<count, false, 7),
        ]
        let merged = Self.filled(parts[0].0, eligible: parts[0].1, value: parts[0].2)
        for part in parts.dropFirst() { merged.merge(Self.filled(part.0, eligible: part.1, value: part.2)) }
        // Each base key's sums from the parts that hold it (eligible: the second part), without a reference table.
        func expected(_ index: Int) -> (lines: Int64, value: Int64, eligible: Int64) {
            var lines: Int64 = 0
            var value: Int64 = 0
            var eligible: Int64 = 0
            for part in parts where part.0.contains(index) {
                lines += 1
                value += part.2 * Int64(index)
                if part.1 { eligible += part.2 * Int64(index) }
            }
            return (lines, value, eligible)
        }
        for workers in [1, 3] {
            let cells = try #require(merged.cells(workers: workers))
            #expect(cells.count == count + count / 2)
            var seen = Set<UInt64>()
            for (key, measures) in cells {
                let components = GroupAccumulator.components(key)
                let index =
                    Int(components.origin - 1) + 250 * Int(components.partner - 1) + 62_500 * Int(components.detail)
                let want = expected(index)
                guard seen.insert(key).inserted, Self.key(index) == key, measures.lines == want.lines,
                    measures.customsValue == want.value, measures.eligibleValue == want.eligible
                else {
                    Issue.record("\(workers) workers, group \(index): \(measures), expected \(want)")
                    return
                }
            }
        }
        #expect(!merged.overflowed && merged.occupied == 2 * count)
        merged.removeAll()
        #expect(merged.cells()?.isEmpty == true && merged.occupied == 0)

        let big = Int64.max / 2 + 1
        let passing = Self.filled(0..<(1 << 20), value: 1, extra: [(2_000_000, big)])
        passing.merge(Self.filled(0..<(1 << 20), value: 1, extra: [(2_000_000, big)]))
        #expect(passing.cells() == nil)
        passing.merge(Self.filled(0..<(1 << 20), value: 1, extra: [(2_000_000, -big)]))
        let cells = try #require(passing.cells(workers: 2))
        #expect(cells.first { $0.key == Self.key(2_000_000) }?.measures.customsValue == big)
    }
}
