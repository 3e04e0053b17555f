/// A small open-addressing map from short byte strings (≤ 7 bytes, packed
/// with their length into a non-zero UInt64) to UInt32 values. Used per
/// worker in front of shared lookups for PLAIN-encoded text columns: one
/// multiply-shift hash and usually one probe, instead of SipHash per row.
package struct PackedKeyTable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Packs up to 7 bytes with their length; nil for longer values.
    ///
    /// Safe because: `for byte in bytes` iterates the buffer by element,
    /// after the guard limited it to 7 bytes (56 bits below the length byte).
    @inline(__always)
    static func pack(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var packed = UInt64(bytes.count) | 0x80  // never 0, even for the empty string
        for byte in bytes { packed = packed << 8 | UInt64(byte) }
        return packed
    }

    @inline(__always)
    func value(for key: UInt64) -> UInt32? {
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let current = keys[index]
            if current == key { return values[index] }
            if current == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    mutating func insert(_ value: UInt32, for key: UInt64) {
        if (count + 1) * 2 > keys.count { grow() }
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
        if keys[index] == 0 { count += 1 }
        keys[index] = key
        values[index] = value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 { insert(oldValues[index], for: key) }
    }
}
