#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Values after which a dictionary holding more than half of them as
    /// distinct entries is abandoned (it would not pay off).
    static let uniquenessCheckValueCount = 16_384

    /// Builds the dictionary, giving up (returning nil) once its PLAIN size
    /// exceeds `limitBytes` or most values turn out to be distinct.
    static func build(_ values: ValueBytes, limitBytes: Int) -> DictionaryBuilder? {
        var builder = DictionaryBuilder()
        var size = 1024
        while size < values.count * 2 && size < 1 << 26 { size *= 2 }
        var table = [Int32](repeating: -1, count: size)
        var mask = size - 1
        builder.indices.reserveCapacity(values.count)
        for index in 0..<values.count {
            if index == uniquenessCheckValueCount && builder.entries.count * 2 > index { return nil }
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
        guard let left = a.baseAddress, let right = b.baseAddress else { return a.count == b.count }
        return memcmp(left, right, a.count) == 0
    }

    /// A multiply-xorshift hash over 8-byte words (the tail byte by byte).
    ///
    /// Safe because: 8-byte loads happen only while `index + 8 <= bytes.count`, and the tail reads `bytes[index]` only
    /// while `index < bytes.count`.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
                value ^= value >> 31
                index += 8
            }
        }
        while index < bytes.count {
            value = (value ^ UInt64(bytes[index])) &* 0x100_0000_01b3
            index += 1
        }
        value ^= value >> 29
        value = value &* 0xbf58_476d_1ce4_e5b9
        return value ^ (value >> 32)
    }
}
