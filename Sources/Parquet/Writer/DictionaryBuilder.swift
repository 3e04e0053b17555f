/// Builds a dictionary over a column's values: entry list (index of each
/// entry's first occurrence) and one entry index per value.
///
/// Open addressing on a 64-bit hash of the value bytes; equal hashes are
/// confirmed by comparing bytes, so the result is exact.
struct DictionaryBuilder {
    private(set) var entries: [Int] = []
    private(set) var indices: [UInt32] = []
    /// PLAIN size of the dictionary page so far.
    private(set) var plainSizeBytes = 0

    /// Builds the dictionary, giving up (returning nil) once its PLAIN size exceeds `limitBytes`.
    static func build(_ values: ValueBytes, limitBytes: Int) -> DictionaryBuilder? {
        var builder = DictionaryBuilder()
        var size = 1024
        while size < values.count * 2 && size < 1 << 26 { size *= 2 }
        var table = [Int32](repeating: -1, count: size)
        var mask = size - 1
        builder.indices.reserveCapacity(values.count)
        for index in 0..<values.count {
            let bytes = values.value(index)
            var slot = Int(truncatingIfNeeded: hash(bytes)) & mask
            while true {
                let entry = Int(table[slot])
                if entry < 0 {
                    table[slot] = Int32(builder.entries.count)
                    builder.indices.append(UInt32(builder.entries.count))
                    builder.entries.append(index)
                    builder.plainSizeBytes += bytes.count + (values.offsets == nil ? 0 : 4)
                    if builder.plainSizeBytes > limitBytes { return nil }
                    if builder.entries.count * 2 > size {
                        size *= 2
                        mask = size - 1
                        table = rehash(builder.entries, values, size: size)
                    }
                    break
                }
                let candidate = values.value(builder.entries[entry])
                if candidate.count == bytes.count && memcmpEqual(candidate, bytes) {
                    builder.indices.append(UInt32(entry))
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return builder
    }

    private static func rehash(_ entries: [Int], _ values: ValueBytes, size: Int) -> [Int32] {
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (entry, valueIndex) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: hash(values.value(valueIndex))) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(entry)
        }
        return table
    }

    @inline(__always)
    static func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// FNV-1a over the bytes, finished with a multiply-xorshift.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value ^= value >> 29
        value = value &* 0xbf58_476d_1ce4_e5b9
        return value ^ (value >> 32)
    }
}
