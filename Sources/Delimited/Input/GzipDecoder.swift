import CSystemZlib

/// Streaming gzip decompression with zlib's `inflate`, including files made
/// of several gzip members back to back (as `cat a.gz b.gz` produces).
///
/// Window bits `15 + 32` let zlib accept a gzip or zlib header. After each
/// member's end (`Z_STREAM_END`) the stream is reset and decoding continues
/// with the next member, if any bytes remain.
final class GzipDecoder {
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether a member has started and not yet reached `Z_STREAM_END`.
    private var isMemberOpen = false

    /// Allocates the inflate state.
    ///
    /// - Throws: `.decompression` if zlib cannot initialise (out of memory or
    ///   a zlib version mismatch).
    /// Whether the input is one raw deflate stream (a ZIP entry), not gzip members.
    private let isRawDeflate: Bool
    /// Raw deflate only: the stream has ended.
    private var isFinished = false

    init(path: String, rawDeflate: Bool = false) throws(DelimitedError) {
        isRawDeflate = rawDeflate
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(
            stream, rawDeflate ? -15 : 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw DelimitedError(.decompression, path: path, "gzip: inflateInit2 failed (zlib status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Decompresses the next bytes into `output`.
    ///
    /// - Parameters:
    ///   - output: non-empty destination.
    ///   - source: the compressed bytes; refilled as needed.
    /// - Returns: bytes written, 0 once the last member has ended.
    /// - Throws: `.decompression` on corrupt or truncated data, naming zlib's
    ///   message and the compressed byte offset.
    /// - Complexity: O(bytes produced + bytes consumed).
    func read(into output: UnsafeMutableRawBufferPointer, from source: InputSource) throws(DelimitedError) -> Int {
        precondition(!output.isEmpty, "empty output buffer")
        let outputCount = min(output.count, Int(UInt32.max))
        if isFinished { return 0 }
        while true {
            if source.isWindowEmpty, !source.isAtEndOfFile { try source.refill() }
            if source.isWindowEmpty, source.isAtEndOfFile, !isMemberOpen { return 0 }
            let window = source.window
            stream.pointee.next_in = window.baseAddress?.assumingMemoryBound(to: Bytef.self)
            // Safe because the window is at most `InputSource.bufferSizeBytes` (1 MiB).
            stream.pointee.avail_in = UInt32(window.count)
            stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(outputCount)
            isMemberOpen = true
            let status = inflate(stream, Z_NO_FLUSH)
            let consumed = window.count - Int(stream.pointee.avail_in)
            let produced = outputCount - Int(stream.pointee.avail_out)
            source.consume(consumed)
            switch status {
            case Z_STREAM_END:
                isMemberOpen = false
                if isRawDeflate {
                    isFinished = true
                    return produced
                }
                inflateReset(stream)
            case Z_OK, Z_BUF_ERROR:
                if produced == 0, source.isWindowEmpty, source.isAtEndOfFile {
                    throw failure(source, "gzip: unexpected end of file inside a gzip member (truncated)")
                }
                if produced == 0, consumed == 0, !source.isWindowEmpty {
                    throw failure(source, "gzip: inflate made no progress")
                }
            default:
                throw failure(source, "gzip: \(zlibMessage(status))")
            }
            if produced > 0 { return produced }
        }
    }

    private func zlibMessage(_ status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        switch status {
        case Z_NEED_DICT: return "a preset dictionary is required"
        case Z_MEM_ERROR: return "out of memory"
        default: return "zlib status \(status)"
        }
    }

    private func failure(_ source: InputSource, _ message: String) -> DelimitedError {
        let offset = source.bytesReadFromFile - source.window.count
        return DelimitedError(.decompression, path: source.path, "\(message) (compressed byte \(offset))")
    }
}
