/// Decoder for `DELTA_BINARY_PACKED` (INT32/INT64 values; also the lengths
/// inside `DELTA_LENGTH_BYTE_ARRAY` and `DELTA_BYTE_ARRAY`).
///
/// Layout: a header (block size, miniblocks per block, value count, first
/// value as zigzag ULEB128), then blocks: a zigzag min delta, one bit-width
/// byte per miniblock, and the miniblocks' bit-packed deltas (LSB first).
/// Arithmetic wraps (two's complement), as the format requires; INT32
/// callers truncate. Every read is bounds-checked; a bit width above 64 or a
/// header that does not match the page is malformed.
enum DeltaBinaryPackedDecoder {
    /// Largest accepted block size (values); real writers use 128–1024.
    static let blockSizeMax = 1 << 16

    /// Decodes exactly `count` values into `output` and returns the bytes of
    /// `source` consumed (the encoded values end there).
    ///
    /// - Precondition: `output` has room for `count` values.
    /// - Throws: `.corruptValues` when the data is malformed, truncated, or
    ///   declares a value count other than `count`.
    /// - Complexity: O(count + bytes read).
    ///
    /// Safe because: `output` has room for `count` values (precondition; callers resize to `count`), and the loops
    /// write `output[0]` only when `count > 0` and `output[produced + index]` with
    /// `produced + index < produced + take <= count`. Every byte comes from `ByteReader`, whose `take` checks the bytes
    /// left; `width <= 64` is checked, and the packed slice holds `valuesPerMiniblock * width` bits
    /// (`valuesPerMiniblock` is a multiple of 8, checked with the header) or `take * width` bits for a cut last
    /// miniblock, so `unpack` stays inside it for every `index < take`.
    static func decode(
        _ source: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutablePointer<Int64>
    ) throws -> Int {
        var reader = ByteReader(bytes: source)
        let blockSize = try reader.uleb128()
        let miniblockCount = try reader.uleb128()
        let totalCount = try reader.uleb128()
        var previous = Int64(bitPattern: try reader.zigzag())
        guard blockSize > 0, blockSize <= UInt64(blockSizeMax),
            miniblockCount > 0, miniblockCount <= blockSize, blockSize % miniblockCount == 0,
            (blockSize / miniblockCount) % 8 == 0
        else {
            throw ParquetError(
                .corruptValues,
                "DELTA_BINARY_PACKED header: block size \(blockSize) with \(miniblockCount) miniblocks is malformed")
        }
        guard totalCount == UInt64(count) else {
            throw ParquetError(
                .corruptValues, "DELTA_BINARY_PACKED declares \(totalCount) values but the page holds \(count)")
        }
        guard count > 0 else { return reader.position }
        let valuesPerMiniblock = Int(blockSize / miniblockCount)
        let miniblocks = Int(miniblockCount)
        output[0] = previous
        var produced = 1
        while produced < count {
            let minDelta = Int64(bitPattern: try reader.zigzag())
            let widths = try reader.take(miniblocks)
            for miniblock in 0..<miniblocks where produced < count {
                let width = Int(widths[miniblock])
                guard width <= 64 else {
                    throw ParquetError(.corruptValues, "DELTA_BINARY_PACKED miniblock bit width \(width) exceeds 64")
                }
                // A miniblock is written whole (padded) even when the values
                // run out; a last miniblock cut to its values is accepted too.
                let take = min(valuesPerMiniblock, count - produced)
                let fullBytes = valuesPerMiniblock * width / 8
                let isLast = produced + take == count
                let packed = try reader.take(
                    isLast && reader.remaining < fullBytes ? (take * width + 7) / 8 : fullBytes)
                for index in 0..<take {
                    let delta = unpack(packed, index: index, width: width)
                    previous = previous &+ minDelta &+ Int64(bitPattern: delta)
                    output[produced + index] = previous
                }
                produced += take
            }
        }
        return reader.position
    }

    /// Value `index` of a little-endian bit-packed run of `width`-bit values.
    ///
    /// - Precondition: `packed` holds at least `(index + 1) * width` bits.
    ///
    /// Safe because: `decode`, the only caller, passes `index < take` with a slice of at least `take * width` bits, so
    /// `packed` holds `(index + 1) * width` bits; the `needed` bytes from `bit >> 3` end at byte
    /// `(bit + width - 1) >> 3`, the one holding the value's last bit.
    @inline(__always)
    static func unpack(_ packed: UnsafeRawBufferPointer, index: Int, width: Int) -> UInt64 {
        if width == 0 { return 0 }
        let bit = index * width
        var byte = bit >> 3
        let shift = bit & 7
        // Up to 9 bytes hold the value: gather them one by one (never past `packed`).
        let needed = (shift + width + 7) >> 3
        var low: UInt64 = 0
        var high: UInt64 = 0
        for offset in 0..<needed {
            let value = UInt64(packed[byte])
            if offset < 8 { low |= value << UInt64(offset * 8) } else { high = value }
            byte += 1
        }
        var result = low >> UInt64(shift)
        if shift > 0 && needed == 9 { result |= high << UInt64(64 - shift) }
        return width == 64 ? result : result & ((1 << UInt64(width)) - 1)
    }
}

/// A bounds-checked cursor over page bytes for the DELTA decoders.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Bytes not yet read.
    var remaining: Int { bytes.count - position }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func uleb128() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else {
                throw ParquetError(.corruptValues, "varint runs past the end of the page data")
            }
            guard shift < 64 else { throw ParquetError(.corruptValues, "varint longer than 10 bytes") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed varint, as its bit pattern.
    mutating func zigzag() throws -> UInt64 {
        let raw = try uleb128()
        return (raw >> 1) ^ (0 &- (raw & 1))
    }

    /// The next `count` bytes.
    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw ParquetError(
                .corruptValues, "encoded data needs \(count) bytes but only \(remaining) remain in the page")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
        position += count
        return slice
    }
}
