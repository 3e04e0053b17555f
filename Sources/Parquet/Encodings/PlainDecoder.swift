/// PLAIN decoding (parquet-format Encodings.md "Plain").
///
/// Each function checks the total size it needs once, then copies without
/// per-value checks (except BYTE_ARRAY, whose lengths are read one by one).
enum PlainDecoder {
    /// Copies `count` values of `width` bytes.
    ///
    /// - Precondition: `target` has room for `count * width` bytes.
    /// - Throws: `.corruptValues` if `source` is shorter than `count * width`.
    static func decodeFixedWidth(
        _ source: UnsafeRawBufferPointer, count: Int, width: Int, into target: UnsafeMutableRawPointer
    ) throws {
        let (needed, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, needed <= source.count else {
            throw ParquetError(
                .corruptValues, "PLAIN data has \(source.count) bytes, \(count) values of \(width) bytes need \(needed)"
            )
        }
        if let base = source.baseAddress, needed > 0 { target.copyMemory(from: base, byteCount: needed) }
    }

    /// Unpacks `count` bit-packed booleans (LSB first) to one byte each.
    static func decodeBooleans(
        _ source: UnsafeRawBufferPointer, count: Int, into target: UnsafeMutablePointer<UInt8>
    ) throws {
        let needed = (count + 7) / 8
        guard needed <= source.count else {
            throw ParquetError(
                .corruptValues, "PLAIN BOOLEAN data has \(source.count) bytes, \(count) values need \(needed)")
        }
        for index in 0..<count {
            // Safe because index / 8 < needed <= source.count.
            target[index] = (source[index >> 3] >> UInt8(index & 7)) & 1
        }
    }

    /// Decodes `count` length-prefixed byte arrays, appending their bytes to
    /// `bytes` and each value's end offset to `ends`.
    static func decodeByteArrays(
        _ source: UnsafeRawBufferPointer, count: Int, bytes: ScratchBuffer<UInt8>, ends: ScratchBuffer<Int>
    ) throws -> Int {
        // Each value needs at least its 4-byte length.
        guard count <= source.count / 4 else {
            throw ParquetError(
                .corruptValues, "PLAIN BYTE_ARRAY data of \(source.count) bytes cannot hold \(count) values")
        }
        // All the value bytes together are at most the page: reserve once.
        bytes.reserve(bytes.count + source.count)
        ends.reserve(ends.count + count)
        guard let base = source.baseAddress else { return 0 }
        var position = 0
        let limit = source.count
        let target = UnsafeMutableRawPointer(bytes.pointer)
        let endsBase = ends.pointer
        var written = bytes.count
        var endCount = ends.count
        defer {
            bytes.count = written
            ends.count = endCount
        }
        for index in 0..<count {
            guard 4 <= limit - position else {
                throw ParquetError(
                    .corruptValues,
                    "PLAIN BYTE_ARRAY value \(index) of \(count): length prefix past the end of the page data")
            }
            let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            position += 4
            guard length <= limit - position else {
                throw ParquetError(
                    .corruptValues,
                    "PLAIN BYTE_ARRAY value \(index) of \(count): length \(length) exceeds the \(limit - position) "
                        + "bytes left"
                )
            }
            // Safe because bytes was reserved for the whole page and ends for `count` more values.
            (target + written).copyMemory(from: base + position, byteCount: length)
            written += length
            position += length
            endsBase[endCount] = written
            endCount += 1
        }
        return position
    }
}
