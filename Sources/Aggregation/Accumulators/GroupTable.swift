#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Customs

/// Measures per (origin, partner, chapter) key: an open-addressing hash
/// table with integer keys and linear probing — no string hashing in the
/// hot loop.
///
/// Keys pack `origin | partner | eligible | detail` (`GroupKeyLayout`; the
/// detail is the HS chapter or the `--by` cell); ids are below
/// 2^16 and origin ids start at 1, so key 0 marks an empty slot. The table is a
/// value type over raw memory so the kernel can hold it in a local and probe
/// without per-access exclusivity checks; `GroupAccumulator` owns it.
/// Each slot (key + the seven sums every line adds to) is one 64-byte cache
/// line; the dutiable values, which only some inputs have, are summed in a
/// side array of the same size (`dutiable`), allocated when first needed.
public struct GroupTable {
    /// One slot: the packed key and its sums in one 64-byte cache line,
    /// so a probe that finds its key has the cell in the same line.
    public struct Slot {
        public var key: UInt64
        public var sums: CellSums
    }

    package private(set) var slots: UnsafeMutablePointer<Slot>
    /// The dutiable value of each slot (same index), nil until a line with one is added (`enableDutiable`).
    package private(set) var dutiable: UnsafeMutablePointer<Int64>?
    public private(set) var size: Int
    public private(set) var occupied = 0
    /// Cells whose sums wrapped around Int64, with the net wraps per
    /// measure (`MeasureCarries`): sums are added with wrapping arithmetic,
    /// so the wrapped value plus `carry × 2^64` is the exact sum, and the
    /// run overflows only when a final carry is not 0. That decision is the
    /// same in every strategy, thread count and merge order (an
    /// intermediate sum that a different order would not reach never decides).
    public var carries: [UInt64: MeasureCarries] = [:]

    /// Whether some cell's exact sum does not fit Int64 (exit 65).
    public var overflowed: Bool { carries.values.contains { !$0.isZero } }

    init(size: Int) {
        self.size = size
        let byteCount = size * MemoryLayout<Slot>.stride
        let raw: UnsafeMutableRawPointer
        if byteCount >= GroupTable.hugePageSize {
            // Probes are random: back large tables with huge pages (fewer TLB misses).
            raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: GroupTable.hugePageSize)
            GroupTable.adviseHugePages(raw, byteCount: byteCount)
        } else {
            raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        }
        slots = raw.bindMemory(to: Slot.self, capacity: size)
        slots.initialize(repeating: Slot(key: 0, sums: CellSums()), count: size)
    }

    /// Allocates the dutiable side array (zeros) if it is not there yet.
    ///
    /// - Complexity: O(size) the first time, O(1) after.
    public mutating func enableDutiable() {
        guard dutiable == nil else { return }
        let values = UnsafeMutablePointer<Int64>.allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        dutiable = values
    }

    static let hugePageSize = 2 << 20

    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        _ = madvise(pointer, byteCount, MADV_HUGEPAGE)
        #endif
    }

    func deallocate() {
        UnsafeMutableRawPointer(slots).deallocate()
        dutiable?.deallocate()
    }

    /// Key of slot `index` (0 = empty).
    @inline(__always)
    public func key(at index: Int) -> UInt64 { slots[index].key }

    /// Measures of slot `index` (its sums and dutiable value; the eligible ones are 0: eligibility is in the key).
    @inline(__always)
    public func measures(at index: Int) -> Measures {
        slots[index].sums.measures(dutiableValue: dutiable?[index] ?? 0)
    }

    /// Slot of `key`, nil when it has no cell.
    ///
    /// - Complexity: O(1) expected (the table is at most half full, three quarters when large).
    public func index(of key: UInt64) -> Int? {
        let mask = size - 1
        var index = GroupTable.hash(key) & mask
        while true {
            let current = slots[index].key
            if current == key { return index }
            if current == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Slot of `key`, inserting an empty cell when absent (may grow the table).
    @inline(__always)
    public mutating func slot(for key: UInt64) -> Int {
        let hash = GroupTable.hash(key)
        while true {
            let mask = size - 1
            var index = hash & mask
            while true {
                let current = slots[index].key
                if current == key { return index }
                if current == 0 { break }
                index = (index + 1) & mask
            }
            // Not found: insert (growing first if the table would pass its maximum load).
            if wouldPassMaximumLoad {
                grow()
                continue
            }
            slots[index].key = key
            occupied += 1
            return index
        }
    }

    /// Slots up to which a table is kept at most half full; a larger table
    /// (2^20 slots = 64 MiB and more, far beyond any cache, where every
    /// probe misses anyway) grows at three quarters, which halves the memory
    /// of a breakdown into millions of groups and the first-touch zeroing
    /// of its fresh pages at each doubling (most of such a run's time).
    static let halfLoadSlotsMax = 1 << 20

    /// Whether one more key would pass the maximum load (`halfLoadSlotsMax`).
    @inline(__always)
    var wouldPassMaximumLoad: Bool {
        size <= GroupTable.halfLoadSlotsMax ? (occupied + 1) * 2 > size : (occupied + 1) * 4 > size * 3
    }

    /// Adds `measures` to the cell at `slot`, recording wraps in `carries`
    /// (its eligible measures are ignored: eligibility is in the key).
    @inline(__always)
    public mutating func add(_ measures: Measures, at slot: Int) {
        var wrapped = slots[slot].sums.addWrapping(measures)
        if measures.dutiableValue != 0 {
            enableDutiable()
            // Safe: enabled just above.
            let values = dutiable.unsafelyUnwrapped
            let sum = values[slot].addingReportingOverflow(measures.dutiableValue)
            values[slot] = sum.partialValue
            if sum.overflow { wrapped |= MeasureCarries.Bit.dutiableValue }
        }
        if wrapped != 0 { recordCarries(wrapped, key: slots[slot].key, addend: measures) }
    }

    /// Records the wraps of one add to the cell of `key` (rare: out of line).
    @inline(never)
    public mutating func recordCarries(_ wrapped: UInt8, key: UInt64, addend: Measures) {
        carries[key, default: MeasureCarries()].record(wrapped, addend: addend)
    }

    /// Adds the carries of another table (cells merged into this one).
    mutating func addCarries(_ other: [UInt64: MeasureCarries]) {
        for (key, carry) in other { carries[key, default: MeasureCarries()].add(carry) }
    }

    /// Hash of a packed key (the home slot is `hash & (size - 1)`).
    @inline(__always)
    public static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// Adds one aggregated line to `cell`: one line, `value` and `duty`;
    /// and, where `freeMask` is all ones (0 otherwise), one duty-free line
    /// and value. Sums wrap; returns which ones wrapped
    /// (`MeasureCarries.Bit`, 0 almost always) for the caller to record
    /// (line counts cannot wrap: one per line read).
    ///
    /// - Complexity: O(1), branch-free (overflow flags are OR-ed).
    @inline(__always)
    public static func addLine(
        _ cell: UnsafeMutablePointer<Slot>, value: Int64, duty: Int64, freeMask: Int64, preferenceValue: Int64,
        nonRegionalValue: Int64
    ) -> UInt8 {
        let a = cell.pointee.sums.customsValue.addingReportingOverflow(value)
        let b = cell.pointee.sums.duty.addingReportingOverflow(duty)
        let c = cell.pointee.sums.dutyFreeValue.addingReportingOverflow(value & freeMask)
        let d = cell.pointee.sums.preferenceValue.addingReportingOverflow(preferenceValue)
        let e = cell.pointee.sums.nonRegionalValue.addingReportingOverflow(nonRegionalValue)
        cell.pointee.sums.lines &+= 1
        cell.pointee.sums.dutyFreeLines &+= freeMask & 1
        cell.pointee.sums.customsValue = a.partialValue
        cell.pointee.sums.duty = b.partialValue
        cell.pointee.sums.dutyFreeValue = c.partialValue
        cell.pointee.sums.preferenceValue = d.partialValue
        cell.pointee.sums.nonRegionalValue = e.partialValue
        return UInt8(a.overflow ? 1 : 0) | UInt8(b.overflow ? 2 : 0) | UInt8(c.overflow ? 4 : 0)
            | UInt8(d.overflow ? 8 : 0) | UInt8(e.overflow ? 16 : 0)
    }

    @inline(never)
    private mutating func grow() {
        let old = self
        self = GroupTable(size: old.size * 2)
        carries = old.carries
        if old.dutiable != nil { enableDutiable() }
        for index in 0..<old.size where old.slots[index].key != 0 {
            let target = slot(for: old.slots[index].key)
            slots[target].sums = old.slots[index].sums
            if let values = dutiable, let oldValues = old.dutiable { values[target] = oldValues[index] }
        }
        old.deallocate()
    }
}
