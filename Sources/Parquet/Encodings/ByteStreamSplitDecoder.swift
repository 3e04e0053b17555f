/// Decoder for `BYTE_STREAM_SPLIT`: byte `k` of every value is stored in
/// stream `k`, the streams back to back (FLOAT, DOUBLE, INT32, INT64,
/// FIXED_LEN_BYTE_ARRAY).
enum ByteStreamSplitDecoder {
    /// Reassembles `count` values of `width` bytes into `target`.
    ///
    /// - Precondition: `target` has room for `count * width` bytes.
    /// - Throws: `.corruptValues` when the data holds fewer than `count * width` bytes.
    /// - Complexity: O(count × width).
    ///
    /// Safe because: `width > 0` and `count <= source.count / width` are checked at entry, so stream `k` (`count` bytes
    /// at `input + k * count`) lies inside `source`; the writes at `index * width + stream < count * width` stay in the
    /// `count * width` bytes the caller provides (precondition: `decodeOtherValues` resizes `fixedValues` to
    /// `(start + slots) * width` with `count = present <= slots`).
    static func decode(
        _ source: UnsafeRawBufferPointer, count: Int, width: Int, into target: UnsafeMutableRawPointer
    ) throws {
        guard width > 0, count <= source.count / width else {
            throw ParquetError(
                .corruptValues,
                "BYTE_STREAM_SPLIT data of \(source.count) bytes cannot hold \(count) values of \(width) bytes")
        }
        guard count > 0, let base = source.baseAddress else { return }
        let output = target.assumingMemoryBound(to: UInt8.self)
        let input = base.assumingMemoryBound(to: UInt8.self)
        for stream in 0..<width {
            let streamBase = input + stream * count
            for index in 0..<count { output[index * width + stream] = streamBase[index] }
        }
    }
}
