import CZstd

/// Streaming zstd decompression with `ZSTD_decompressStream`, across any
/// number of frames (a new frame starts automatically after one ends).
final class ZstdDecoder {
    private let stream: OpaquePointer
    /// Whether the last call left a frame unfinished (return value != 0).
    private var isFrameOpen = false

    /// Allocates the decompression stream.
    ///
    /// - Throws: `.decompression` if libzstd cannot allocate it.
    init(path: String) throws(DelimitedError) {
        guard let stream = ZSTD_createDStream() else {
            throw DelimitedError(.decompression, path: path, "zstd: ZSTD_createDStream failed (out of memory)")
        }
        let status = ZSTD_initDStream(stream)
        guard ZSTD_isError(status) == 0 else {
            ZSTD_freeDStream(stream)
            throw DelimitedError(.decompression, path: path, "zstd: \(String(cString: ZSTD_getErrorName(status)))")
        }
        self.stream = stream
    }

    deinit { ZSTD_freeDStream(stream) }

    /// Decompresses the next bytes into `output`.
    ///
    /// - Parameters:
    ///   - output: non-empty destination.
    ///   - source: the compressed bytes; refilled as needed.
    /// - Returns: bytes written, 0 once the last frame has ended.
    /// - Throws: `.decompression` naming libzstd's error, or on a truncated
    ///   last frame, with the compressed byte offset.
    /// - Complexity: O(bytes produced + bytes consumed).
    func read(into output: UnsafeMutableRawBufferPointer, from source: InputSource) throws(DelimitedError) -> Int {
        precondition(!output.isEmpty, "empty output buffer")
        // Safe because: libzstd is given each buffer with its own count (`window.count`, `output.count`) and
        // reads/writes only below it, setting `pos <= size`; `consume(input.pos)` checks its argument against
        // the window with a precondition, and `target.pos <= output.count` is returned.
        while true {
            if source.isWindowEmpty, !source.isAtEndOfFile { try source.refill() }
            if source.isWindowEmpty, source.isAtEndOfFile, !isFrameOpen { return 0 }
            let window = source.window
            var input = ZSTD_inBuffer(src: window.baseAddress, size: window.count, pos: 0)
            var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
            let result = ZSTD_decompressStream(stream, &target, &input)
            source.consume(input.pos)
            guard ZSTD_isError(result) == 0 else {
                throw failure(source, "zstd: \(String(cString: ZSTD_getErrorName(result)))")
            }
            isFrameOpen = result != 0
            if target.pos > 0 { return target.pos }
            if source.isWindowEmpty, source.isAtEndOfFile, isFrameOpen {
                throw failure(source, "zstd: unexpected end of file inside a zstd frame (truncated)")
            }
            if input.pos == 0, !source.isWindowEmpty {
                throw failure(source, "zstd: decompression made no progress")
            }
        }
    }

    private func failure(_ source: InputSource, _ message: String) -> DelimitedError {
        let offset = source.bytesReadFromFile - source.window.count
        return DelimitedError(.decompression, path: source.path, "\(message) (compressed byte \(offset))")
    }
}
