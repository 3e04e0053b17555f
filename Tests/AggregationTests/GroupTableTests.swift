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
}
