import CSystemZlib

/// One-shot GZIP page decompression with zlib's `inflate` (Parquet's GZIP
/// codec: a gzip stream, possibly several members back to back; a zlib
/// header is accepted too).
///
/// One instance per `PageDecompressor`: the inflate state is allocated once
/// and reset per page.
final class GzipDecompressor {
    private let stream: UnsafeMutablePointer<z_stream>
    private var isReady = false

    init() {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if isReady { inflateEnd(stream) }
        stream.deallocate()
    }

    /// Decompresses `input` into `output`, which must be exactly the page's
    /// decompressed size.
    ///
    /// - Throws: `.decompression` for corrupt or truncated data, trailing
    ///   output beyond the declared size, or a size mismatch.
    /// - Complexity: O(input + output).
    ///
    /// Safe because: zlib reads at most `avail_in` bytes at `next_in` and writes at most `avail_out` bytes at
    /// `next_out`, set here to exactly `input` and `output` (both checked to fit in `UInt32` at entry); `inflateReset`
    /// between gzip members keeps those pointers and counts, so later members continue within the same bounds.
    func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard input.count <= Int(UInt32.max), output.count <= Int(UInt32.max) else {
            throw ParquetError(.decompression, "gzip: page larger than 4 GiB")
        }
        if !isReady {
            let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                throw ParquetError(.decompression, "gzip: inflateInit2 failed (zlib status \(status))")
            }
            isReady = true
        } else {
            inflateReset(stream)
        }
        // zlib takes mutable pointers but never writes through next_in.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(output.count)
        while true {
            let status = inflate(stream, Z_FINISH)
            switch status {
            case Z_STREAM_END:
                // Another member may follow (concatenated gzip members).
                let remaining = Int(stream.pointee.avail_in)
                guard remaining > 0, !isTrailingPadding(remaining) else { return try checkFilled(output) }
                inflateReset(stream)
            case Z_OK, Z_BUF_ERROR:
                if stream.pointee.avail_out == 0 {
                    throw ParquetError(
                        .decompression,
                        "gzip: page decompresses to more than the \(output.count) bytes its header declares")
                }
                throw ParquetError(.decompression, "gzip: truncated page (compressed data ended early)")
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw ParquetError(.decompression, "gzip: \(message)")
            }
        }
    }

    /// Zero bytes after the last member (some writers pad) are ignored.
    private func isTrailingPadding(_ remaining: Int) -> Bool {
        guard let next = stream.pointee.next_in else { return true }
        for index in 0..<remaining where next[index] != 0 { return false }
        return true
    }

    private func checkFilled(_ output: UnsafeMutableRawBufferPointer) throws {
        let produced = output.count - Int(stream.pointee.avail_out)
        guard produced == output.count else {
            throw ParquetError(.decompression, "gzip: page holds \(produced) bytes, page header says \(output.count)")
        }
    }
}
