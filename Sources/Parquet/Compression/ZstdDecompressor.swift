import CZstd

/// A reusable libzstd decompression context (one per worker).
final class ZstdDecompressor {
    private let context: OpaquePointer

    init() {
        // ZSTD_createDCtx fails only when out of memory; that is a program
        // error (allocation failure), not bad input.
        guard let context = ZSTD_createDCtx() else { fatalError("ZSTD_createDCtx: out of memory") }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    /// The size a single-frame `input` states in its frame header, or nil
    /// when it does not state it, holds several frames, or is not zstd
    /// (decoding reports that).
    static func statedContentSize(_ input: UnsafeRawBufferPointer) -> Int? {
        let frameSize = ZSTD_findFrameCompressedSize(input.baseAddress, input.count)
        guard ZSTD_isError(frameSize) == 0, frameSize == input.count else { return nil }
        let size = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
        guard size < UInt64.max - 1, size <= UInt64(Int.max) else { return nil }
        return Int(size)
    }

    /// Decompresses one or more zstd frames in `input` into `output`, which
    /// must be exactly the decompressed size.
    ///
    /// - Throws: `.decompression` naming zstd's error, or a size mismatch.
    ///
    /// Safe because: libzstd writes at most `output.count - written` bytes at offset `written` and returns how many it
    /// wrote, so `written <= output.count`; `ZSTD_findFrameCompressedSize` fails (`srcSize_wrong`) unless the whole
    /// frame lies inside `remainingInput`, so `inputPosition <= input.count` and `input[inputPosition...]` is valid;
    /// errors throw before either position moves.
    func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        var written = 0
        var inputPosition = 0
        // A page may hold several frames back to back; decode them all.
        repeat {
            let remainingInput = UnsafeRawBufferPointer(rebasing: input[inputPosition...])
            let frameSize = ZSTD_findFrameCompressedSize(remainingInput.baseAddress, remainingInput.count)
            if ZSTD_isError(frameSize) != 0 {
                throw ParquetError(.decompression, "zstd: \(String(cString: ZSTD_getErrorName(frameSize)))")
            }
            let result = ZSTD_decompressDCtx(
                context, output.baseAddress.map { $0 + written }, output.count - written,
                remainingInput.baseAddress, frameSize)
            if ZSTD_isError(result) != 0 {
                throw ParquetError(.decompression, "zstd: \(String(cString: ZSTD_getErrorName(result)))")
            }
            written += result
            inputPosition += frameSize
        } while inputPosition < input.count
        guard written == output.count else {
            throw ParquetError(
                .decompression, "zstd: page decompressed to \(written) bytes, page header says \(output.count)")
        }
    }
}
