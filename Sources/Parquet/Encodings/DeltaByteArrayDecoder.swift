/// Decoders for `DELTA_LENGTH_BYTE_ARRAY` (lengths as DELTA_BINARY_PACKED,
/// then the values' bytes back to back) and `DELTA_BYTE_ARRAY` (prefix
/// lengths shared with the previous value, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY).
///
/// Both append the values' bytes to `bytes` and each value's end offset to
/// `ends`, like `PlainDecoder.decodeByteArrays`. Lengths are checked before
/// any copy: negative, past the page, or a prefix longer than the previous
/// value is malformed.
enum DeltaByteArrayDecoder {
    /// Most bytes one DELTA_BYTE_ARRAY page may decode to (1 GiB).
    static let decodedBytesMax = 1 << 30

    /// Decodes `count` DELTA_LENGTH_BYTE_ARRAY values; returns bytes consumed.
    ///
    /// - Complexity: O(count + bytes).
    ///
    /// Safe because: `lengths` is resized to `count` and `DeltaBinaryPackedDecoder.decode` writes exactly `count`
    /// values; the first loop checks `0 <= length <= source.count - position - total` for every value, so the copies
    /// end at `position + total <= source.count`, and `bytes` is reserved for those `total` bytes before the copy loop.
    static func decodeLengthPrefixed(
        _ source: UnsafeRawBufferPointer, count: Int, lengths: ScratchBuffer<Int64>,
        bytes: ScratchBuffer<UInt8>, ends: ScratchBuffer<Int>
    ) throws -> Int {
        lengths.resize(count)
        var position = try DeltaBinaryPackedDecoder.decode(source, count: count, into: lengths.pointer)
        let lengthValues = lengths.pointer
        var total = 0
        for index in 0..<count {
            let length = lengthValues[index]
            guard length >= 0, length <= Int64(source.count - position - total) else {
                throw ParquetError(
                    .corruptValues,
                    "DELTA_LENGTH_BYTE_ARRAY value \(index) of \(count): length \(length) exceeds the "
                        + "\(source.count - position - total) bytes left"
                )
            }
            total += Int(length)
        }
        bytes.reserve(bytes.count + total)
        ends.reserve(ends.count + count)
        guard let base = source.baseAddress else { return position }
        for index in 0..<count {
            let length = Int(lengthValues[index])
            // Safe: every length was checked against the bytes left above, and `bytes` reserved.
            (UnsafeMutableRawPointer(bytes.pointer) + bytes.count).copyMemory(from: base + position, byteCount: length)
            bytes.count += length
            position += length
            ends.append(bytes.count)
        }
        return position
    }

    /// Decodes `count` DELTA_BYTE_ARRAY values; returns bytes consumed.
    ///
    /// - Parameter previousEnd: index in `bytes` where the page's first
    ///   value may not reach back past (a page starts with an empty previous value).
    /// - Complexity: O(count + bytes).
    ///
    /// Safe because: `prefixEnd` is a position `ByteReader` reached, so `source[prefixEnd...]` is valid;
    /// `prefixLengths` and (through `decodeLengthPrefixed`) `suffixEnds` hold exactly `count` values, read at
    /// `0..<count`; `0 <= prefix <= previousLength` is checked, so the prefix is copied from the previous value already
    /// in `bytes` (`previousStart ..< previousStart + previousLength`); each suffix `suffixStart ..< suffixEnd` lies in
    /// `suffixBytes` (ends `decodeLengthPrefixed` wrote); `bytes` is reserved to `start + length` before both copies,
    /// and its pointer is read after the reserve.
    static func decodeIncremental(
        _ source: UnsafeRawBufferPointer, count: Int, prefixLengths: ScratchBuffer<Int64>,
        suffixLengths: ScratchBuffer<Int64>,
        suffixBytes: ScratchBuffer<UInt8>, suffixEnds: ScratchBuffer<Int>, bytes: ScratchBuffer<UInt8>,
        ends: ScratchBuffer<Int>
    ) throws -> Int {
        prefixLengths.resize(count)
        let prefixEnd = try DeltaBinaryPackedDecoder.decode(source, count: count, into: prefixLengths.pointer)
        suffixBytes.removeAll()
        suffixEnds.removeAll()
        let suffixSource = UnsafeRawBufferPointer(rebasing: source[prefixEnd...])
        let consumed = try decodeLengthPrefixed(
            suffixSource, count: count, lengths: suffixLengths, bytes: suffixBytes, ends: suffixEnds)
        ends.reserve(ends.count + count)
        let firstByte = bytes.count
        var previousStart = bytes.count
        var previousLength = 0
        var suffixStart = 0
        for index in 0..<count {
            let prefix = prefixLengths.pointer[index]
            guard prefix >= 0, prefix <= Int64(previousLength) else {
                throw ParquetError(
                    .corruptValues,
                    "DELTA_BYTE_ARRAY value \(index) of \(count): prefix length \(prefix) exceeds the previous value's "
                        + "\(previousLength) bytes"
                )
            }
            let suffixEnd = suffixEnds.pointer[index]
            let suffixLength = suffixEnd - suffixStart
            let start = bytes.count
            let length = Int(prefix) + suffixLength
            // Shared prefixes let a small page expand without bound: cap what one page may produce.
            guard start - firstByte + length <= decodedBytesMax else {
                throw ParquetError(.corruptValues, "DELTA_BYTE_ARRAY page expands past \(decodedBytesMax) bytes")
            }
            bytes.reserve(start + length)
            // The prefix is copied from the previous value (already in `bytes`), then the suffix.
            let target = UnsafeMutableRawPointer(bytes.pointer)
            (target + start).copyMemory(from: UnsafeRawPointer(bytes.pointer) + previousStart, byteCount: Int(prefix))
            (target + start + Int(prefix)).copyMemory(
                from: UnsafeRawPointer(suffixBytes.pointer) + suffixStart, byteCount: suffixLength)
            bytes.count = start + length
            ends.append(bytes.count)
            previousStart = start
            previousLength = length
            suffixStart = suffixEnd
        }
        return prefixEnd + consumed
    }
}
