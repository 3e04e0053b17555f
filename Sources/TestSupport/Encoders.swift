/// Reference encoders used by tests to build inputs for the decoders.
public enum ReferenceEncoders {
    /// ULEB128.
    public static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var rest = value
        repeat {
            var byte = UInt8(rest & 0x7f)
            rest >>= 7
            if rest != 0 { byte |= 0x80 }
            out.append(byte)
        } while rest != 0
        return out
    }

    /// Zigzag + ULEB128.
    public static func zigzag(_ value: Int64) -> [UInt8] {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A bit-packed run of `values` (count padded to a multiple of 8 with zeros).
    public static func bitPackedRun(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        let groups = (values.count + 7) / 8
        var out = varint(UInt64(groups << 1 | 1))
        var packed = [UInt8](repeating: 0, count: groups * bitWidth)
        var bit = 0
        for value in values {
            for index in 0..<bitWidth where (value >> UInt32(index)) & 1 == 1 {
                packed[(bit + index) >> 3] |= 1 << UInt8((bit + index) & 7)
            }
            bit += bitWidth
        }
        out.append(contentsOf: packed)
        return out
    }

    /// A repeated (RLE) run.
    public static func repeatedRun(_ value: UInt32, count: Int, bitWidth: Int) -> [UInt8] {
        var out = varint(UInt64(count << 1))
        for index in 0..<((bitWidth + 7) / 8) { out.append(UInt8((value >> UInt32(8 * index)) & 0xff)) }
        return out
    }
}
