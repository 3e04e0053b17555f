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
/// Keys pack `origin | partner | detail` (`GroupKeyLayout`; the detail is the HS chapter today); ids are below
/// 2^16 and origin ids start at 1, so key 0 marks an empty slot. The table is a
/// value type over raw memory so the kernel can hold it in a local and probe
/// without per-access exclusivity checks; `GroupAccumulator` owns it.
/// Each slot (key + measures) is one 64-byte cache line.
public struct GroupTable {
    /// One slot: the packed key and its measures in one 64-byte cache line,
    /// so a probe that finds its key has the cell in the same line.
    public struct Slot {
        public var key: UInt64
        public var measures: Measures
    }

    package private(set) var slots: UnsafeMutablePointer<Slot>
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
        slots.initialize(repeating: Slot(key: 0, measures: Measures()), count: size)
    }

    static let hugePageSize = 2 << 20

    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        _ = madvise(pointer, byteCount, MADV_HUGEPAGE)
        #endif
    }

    func deallocate() {
        UnsafeMutableRawPointer(slots).deallocate()
    }

    /// Key of slot `index` (0 = empty).
    @inline(__always)
    public func key(at index: Int) -> UInt64 { slots[index].key }

    /// Measures of slot `index`.
    @inline(__always)
    public func measures(at index: Int) -> Measures { slots[index].measures }

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
            // Not found: insert (growing first if the table would pass half full).
            if (occupied + 1) * 2 > size {
                grow()
                continue
            }
            slots[index].key = key
            occupied += 1
            return index
        }
    }

    /// Adds `measures` to the cell at `slot`, recording wraps in `carries`.
    @inline(__always)
    public mutating func add(_ measures: Measures, at slot: Int) {
        let wrapped = slots[slot].measures.addWrapping(measures)
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
        let a = cell.pointee.measures.customsValue.addingReportingOverflow(value)
        let b = cell.pointee.measures.duty.addingReportingOverflow(duty)
        let c = cell.pointee.measures.dutyFreeValue.addingReportingOverflow(value & freeMask)
        let d = cell.pointee.measures.preferenceValue.addingReportingOverflow(preferenceValue)
        let e = cell.pointee.measures.nonRegionalValue.addingReportingOverflow(nonRegionalValue)
        cell.pointee.measures.lines &+= 1
        cell.pointee.measures.dutyFreeLines &+= freeMask & 1
        cell.pointee.measures.customsValue = a.partialValue
        cell.pointee.measures.duty = b.partialValue
        cell.pointee.measures.dutyFreeValue = c.partialValue
        cell.pointee.measures.preferenceValue = d.partialValue
        cell.pointee.measures.nonRegionalValue = e.partialValue
        return UInt8(a.overflow ? 1 : 0) | UInt8(b.overflow ? 2 : 0) | UInt8(c.overflow ? 4 : 0)
            | UInt8(d.overflow ? 8 : 0) | UInt8(e.overflow ? 16 : 0)
    }

    @inline(never)
    private mutating func grow() {
        let old = self
        self = GroupTable(size: old.size * 2)
        carries = old.carries
        for index in 0..<old.size where old.slots[index].key != 0 {
            let target = slot(for: old.slots[index].key)
            slots[target].measures = old.slots[index].measures
        }
        old.deallocate()
    }
}

/// Owner of a `GroupTable` (one per worker, plus the merged result).
public final class GroupAccumulator {
    /// The table; take it into a local for hot loops and store it back.
    public var table: GroupTable

    public init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        table = GroupTable(size: size)
    }

    deinit { table.deallocate() }

    public var overflowed: Bool { table.overflowed }
    public var occupied: Int { table.occupied }

    /// Packs a group key (`GroupKeyLayout`). - Precondition: origin ≥ 1, ids < 2^16.
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

    /// Unpacks a key made by `key(origin:partner:detail:)`.
    public static func components(_ key: UInt64) -> (origin: UInt32, partner: UInt32, detail: UInt32) {
        (
            UInt32(truncatingIfNeeded: (key >> UInt64(GroupKeyLayout.originShift)) & GroupKeyLayout.originMask),
            UInt32(truncatingIfNeeded: (key >> UInt64(GroupKeyLayout.partnerShift)) & GroupKeyLayout.partnerMask),
            UInt32(truncatingIfNeeded: key & GroupKeyLayout.detailMask)
        )
    }

    /// Adds every cell of `other` (merge of partial aggregates).
    public func merge(_ other: GroupAccumulator) {
        var local = table
        local.addCarries(other.table.carries)
        let source = other.table
        for index in 0..<source.size where source.key(at: index) != 0 {
            let slot = local.slot(for: source.key(at: index))
            local.add(source.measures(at: index), at: slot)
        }
        table = local
    }

    /// Occupied (key, measures) pairs, in slot order.
    public func entries() -> [(key: UInt64, measures: Measures)] {
        let source = table
        var result: [(UInt64, Measures)] = []
        result.reserveCapacity(source.occupied)
        for index in 0..<source.size where source.key(at: index) != 0 {
            result.append((source.key(at: index), source.measures(at: index)))
        }
        return result
    }
}
