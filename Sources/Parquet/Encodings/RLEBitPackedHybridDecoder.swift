/// Decoder for the RLE / bit-packed hybrid encoding (levels, dictionary
/// indices, RLE booleans).
///
/// Grammar: `run*`, each run a ULEB128 header; `header & 1 == 1` starts a
/// bit-packed run of `(header >> 1) * 8` values taking `(header >> 1) *
/// bitWidth` bytes; otherwise a repeated run of `header >> 1` copies of one
/// value stored in `ceil(bitWidth / 8)` little-endian bytes.
///
/// Every run is checked against the remaining bytes before it is read; the
/// inner unpacking loop then runs unchecked.
struct RLEBitPackedHybridDecoder {
    /// Widest value the hybrid encoding can carry here.
    static let bitWidthMax = 32

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    let bitWidth: Int
    private let mask: UInt64

    // Current run.
    private var repeatedRemaining = 0
    private var repeatedValue: UInt32 = 0
    private var packedRemaining = 0
    /// Bit position (absolute, from `bytes` start) of the next packed value.
    private var packedBitPosition = 0

    /// - Parameters:
    ///   - bytes: the encoded runs (no length prefix).
    ///   - bitWidth: 0...32.
    /// - Throws: `.corruptLevels` when the bit width is out of range.
    init(bytes: UnsafeRawBufferPointer, bitWidth: Int) throws {
        guard bitWidth >= 0, bitWidth <= RLEBitPackedHybridDecoder.bitWidthMax else {
            throw ParquetError(
                .corruptLevels,
                "RLE/bit-packed bit width \(bitWidth) out of range 0...\(RLEBitPackedHybridDecoder.bitWidthMax)")
        }
        self.bytes = bytes
        self.bitWidth = bitWidth
        mask = bitWidth == 64 ? ~0 : (UInt64(1) << UInt64(bitWidth)) - 1
    }

    /// Bytes consumed so far (runs fully read).
    var consumedBytes: Int { position }

    private mutating func readRunHeader() throws {
        var header: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else {
                throw ParquetError(.corruptLevels, "RLE/bit-packed data ended before all values were read")
            }
            let byte = bytes[position]
            position += 1
            header |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw ParquetError(.corruptLevels, "RLE/bit-packed run header varint too long") }
        }
        let runLength = Int(header >> 1)
        if header & 1 == 1 {
            try startPackedRun(groups: runLength)
        } else {
            try startRepeatedRun(count: runLength)
        }
    }

    private mutating func startPackedRun(groups: Int) throws {
        guard groups > 0 else { throw ParquetError(.corruptLevels, "empty bit-packed run") }
        let values = groups * 8
        let declaredBytes = groups * bitWidth
        // Writers may truncate the last run: only the bytes present are used.
        let availableBytes = min(declaredBytes, bytes.count - position)
        packedRemaining = bitWidth == 0 ? values : min(values, availableBytes * 8 / bitWidth)
        packedBitPosition = position * 8
        position += availableBytes
        if packedRemaining == 0 { throw ParquetError(.corruptLevels, "bit-packed run of \(values) values has no data") }
    }

    private mutating func startRepeatedRun(count: Int) throws {
        guard count > 0 else { throw ParquetError(.corruptLevels, "empty repeated run") }
        let valueBytes = (bitWidth + 7) / 8
        guard valueBytes <= bytes.count - position else {
            throw ParquetError(.corruptLevels, "repeated run value truncated")
        }
        var value: UInt32 = 0
        for index in 0..<valueBytes { value |= UInt32(bytes[position + index]) << UInt32(8 * index) }
        position += valueBytes
        guard UInt64(value) <= mask else {
            throw ParquetError(.corruptLevels, "repeated run value \(value) wider than bit width \(bitWidth)")
        }
        repeatedValue = value
        repeatedRemaining = count
    }

    /// Decodes exactly `count` values into `output`.
    ///
    /// - Precondition: `output` has room for `count` values.
    /// - Throws: `.corruptLevels` if the data ends first.
    /// - Complexity: O(count).
    ///
    /// Safe because: each step writes `take <= count - produced` values at `output + produced`, so `output` (room for
    /// `count`: precondition; callers size it to at least `count`) is never overrun; packed values are read by `unpack`
    /// only for `take <= packedRemaining`, which `startPackedRun` limited to the bits present
    /// (`min(declaredBytes, bytes.count - position)`).
    mutating func decode(into output: UnsafeMutablePointer<UInt32>, count: Int) throws {
        var produced = 0
        while produced < count {
            if repeatedRemaining == 0 && packedRemaining == 0 { try readRunHeader() }
            let wanted = count - produced
            if repeatedRemaining > 0 {
                let take = min(wanted, repeatedRemaining)
                (output + produced).update(repeating: repeatedValue, count: take)
                repeatedRemaining -= take
                produced += take
            } else {
                let take = min(wanted, packedRemaining)
                unpack(into: output + produced, count: take)
                packedRemaining -= take
                produced += take
            }
        }
    }

    /// Decodes exactly `count` one-bit values (definition levels of a flat
    /// optional column) as bytes 0/1 and returns how many are 1.
    ///
    /// - Precondition: `bitWidth == 1`; `output` has room for `count` bytes.
    mutating func decodeBits(into output: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        precondition(bitWidth == 1)
        var produced = 0
        var ones = 0
        while produced < count {
            if repeatedRemaining == 0 && packedRemaining == 0 { try readRunHeader() }
            let wanted = count - produced
            if repeatedRemaining > 0 {
                let take = min(wanted, repeatedRemaining)
                (output + produced).update(repeating: UInt8(truncatingIfNeeded: repeatedValue), count: take)
                if repeatedValue != 0 { ones += take }
                repeatedRemaining -= take
                produced += take
            } else {
                let take = min(wanted, packedRemaining)
                var bit = packedBitPosition
                var index = 0
                // Safe because startPackedRun checked that `take` bits exist from packedBitPosition.
                while index < take && bit & 7 != 0 {
                    let value = (bytes[bit >> 3] >> UInt8(bit & 7)) & 1
                    output[produced + index] = value
                    ones += Int(value)
                    bit += 1
                    index += 1
                }
                // Whole bytes: eight levels per byte in one 8-byte store.
                while take - index >= 8 {
                    let byte = bytes[bit >> 3]
                    let expanded = RLEBitPackedHybridDecoder.expandBits(byte)
                    UnsafeMutableRawPointer(output + produced + index).storeBytes(
                        of: expanded.littleEndian, as: UInt64.self)
                    ones += byte.nonzeroBitCount
                    bit += 8
                    index += 8
                }
                while index < take {
                    let value = (bytes[bit >> 3] >> UInt8(bit & 7)) & 1
                    output[produced + index] = value
                    ones += Int(value)
                    bit += 1
                    index += 1
                }
                packedBitPosition = bit
                packedRemaining -= take
                produced += take
            }
        }
        return ones
    }

    /// The eight bits of `byte` as eight bytes 0/1, bit 0 in the lowest byte.
    @inline(__always)
    static func expandBits(_ byte: UInt8) -> UInt64 {
        // Bits 0...6 land on bit 0 of bytes 0...6 through one multiply
        // (no carries: the partial products are 7 bits apart); bit 7 is moved alone.
        let low = (UInt64(byte & 0x7f) &* 0x0002_0408_1020_4081) & 0x0101_0101_0101_0101
        return low | UInt64(byte >> 7) << 56
    }

    /// Unpacks `count` values of the current packed run.
    private mutating func unpack(into output: UnsafeMutablePointer<UInt32>, count: Int) {
        if bitWidth == 0 {
            output.update(repeating: 0, count: count)
            return
        }
        var bit = packedBitPosition
        let width = bitWidth
        let limitFast = (bytes.count - 8) * 8  // a full 8-byte load at bit>>3 stays inside
        var index = 0
        guard let base = bytes.baseAddress else { return }
        // Safe because startPackedRun checked that `count * width` bits exist
        // from packedBitPosition; the fast paths also need 8 readable bytes
        // past every load.
        // Until byte-aligned, one value at a time; then groups of eight values
        // (exactly `width` bytes) with the width a constant in each case.
        while index < count && bit & 7 != 0 && bit <= limitFast {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
            index += 1
        }
        if bit & 7 == 0 {
            let groups = min((count - index) / 8, max(0, (limitFast - bit) / 8 - width) / width)
            if groups > 0 {
                let source = base + (bit >> 3)
                let target = output + index
                switch width {
                case 1: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 1)
                case 2: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 2)
                case 3: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 3)
                case 4: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 4)
                case 5: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 5)
                case 6: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 6)
                case 7: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 7)
                case 8: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 8)
                case 9: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 9)
                case 10: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 10)
                case 11: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 11)
                case 12: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 12)
                case 13: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 13)
                case 14: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 14)
                case 15: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 15)
                case 16: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: 16)
                default: RLEBitPackedHybridDecoder.unpackGroups(source, target, groups, width: width)
                }
                bit += groups * 8 * width
                index += groups * 8
            }
        }
        while index < count && bit <= limitFast {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
            index += 1
        }
        while index < count {
            output[index] = UInt32(truncatingIfNeeded: slowRead(bit: bit))
            bit += width
            index += 1
        }
        packedBitPosition = bit
    }

    /// Unpacks `groups` groups of eight `width`-bit values starting at
    /// byte-aligned `source`. Inlined per constant width, so every shift and
    /// offset is a constant.
    ///
    /// - Precondition: `source` has `groups * width + 8` readable bytes; width ≤ 32.
    ///
    /// Safe because: `unpack`, the only caller, takes `groups <= ((bytes.count - 8 - bit / 8) - width) / width`, so the
    /// last load ends at most `bit / 8 + groups * width + 8 <= bytes.count` bytes in (the precondition), and
    /// `groups <= (count - index) / 8`, so the `groups * 8` values fit in `output`.
    @inline(__always)
    static func unpackGroups(
        _ source: UnsafeRawPointer, _ target: UnsafeMutablePointer<UInt32>, _ groups: Int, width: Int
    ) {
        let mask = (UInt64(1) << UInt64(width)) &- 1
        var input = source
        var output = target
        for _ in 0..<groups {
            for lane in 0..<8 {
                let offset = lane &* width
                let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: offset >> 3, as: UInt64.self))
                output[lane] = UInt32(truncatingIfNeeded: (word >> UInt64(offset & 7)) & mask)
            }
            input += width
            output += 8
        }
    }

    private func slowRead(bit: Int) -> UInt64 {
        var value: UInt64 = 0
        var got = 0
        var position = bit
        while got < bitWidth {
            let byte = UInt64(bytes[position >> 3])
            let offset = position & 7
            let take = min(8 - offset, bitWidth - got)
            value |= ((byte >> UInt64(offset)) & ((1 << UInt64(take)) - 1)) << UInt64(got)
            got += take
            position += take
        }
        return value
    }
}
