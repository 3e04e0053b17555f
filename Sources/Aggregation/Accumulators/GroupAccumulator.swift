import Customs

/// Measures per (origin, partner, chapter) key in an open-addressing hash
/// table with integer keys: no string hashing in the hot loop.
///
/// Keys pack `origin << 32 | partner << 8 | chapter`; ids are below 2^24
/// and origin ids start at 1, so key 0 marks an empty slot.
public final class GroupAccumulator {
    public private(set) var keys: [UInt64]
    public private(set) var cells: [Measures]
    public private(set) var occupied = 0
    /// Set when any sum overflowed Int64 (reported as exit 65).
    public private(set) var overflowed = false
    private var mask: Int

    public init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        cells = Array(repeating: Measures(), count: size)
        mask = size - 1
    }

    /// Packs a group key. - Precondition: origin ≥ 1, ids < 2^24, chapter ≤ 99.
    @inline(__always)
    public static func key(origin: UInt32, partner: UInt32, chapter: UInt8) -> UInt64 {
        UInt64(origin) << 32 | UInt64(partner) << 8 | UInt64(chapter)
    }

    /// Unpacks a key made by `key(origin:partner:chapter:)`.
    public static func components(_ key: UInt64) -> (origin: UInt32, partner: UInt32, chapter: UInt8) {
        (UInt32(key >> 32), UInt32((key >> 8) & 0xff_ffff), UInt8(key & 0xff))
    }

    /// Slot of `key`, inserting an empty cell when absent.
    @inline(__always)
    public func slot(for key: UInt64) -> Int {
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let current = keys[index]
            if current == key { return index }
            if current == 0 {
                if (occupied + 1) * 2 > keys.count {
                    grow()
                    return slot(for: key)
                }
                keys[index] = key
                occupied += 1
                return index
            }
            index = (index + 1) & mask
        }
    }

    /// Adds `measures` to the cell at `slot`.
    @inline(__always)
    public func add(_ measures: Measures, at slot: Int) {
        if !cells[slot].add(measures) { overflowed = true }
    }

    /// Adds every cell of `other` (merge of partial aggregates).
    public func merge(_ other: GroupAccumulator) {
        if other.overflowed { overflowed = true }
        for (index, key) in other.keys.enumerated() where key != 0 {
            add(other.cells[index], at: slot(for: key))
        }
    }

    /// Occupied (key, measures) pairs, in slot order.
    public func entries() -> [(key: UInt64, measures: Measures)] {
        var result: [(UInt64, Measures)] = []
        result.reserveCapacity(occupied)
        for (index, key) in keys.enumerated() where key != 0 { result.append((key, cells[index])) }
        return result
    }

    private func grow() {
        let oldKeys = keys
        let oldCells = cells
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        cells = Array(repeating: Measures(), count: oldKeys.count * 2)
        mask = keys.count - 1
        occupied = 0
        for (index, key) in oldKeys.enumerated() where key != 0 {
            let slot = slot(for: key)
            cells[slot] = oldCells[index]
        }
    }
}
