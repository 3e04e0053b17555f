import CZstd

/// Compresses page bodies for the writer (one per worker; reuses the zstd context).
final class PageCompressor {
    let codec: CompressionCodec
    let zstdLevel: Int32
    private var context: OpaquePointer?

    init(codec: CompressionCodec, zstdLevel: Int32) {
        self.codec = codec
        self.zstdLevel = zstdLevel
    }

    deinit { if let context { ZSTD_freeCCtx(context) } }

    /// Appends the compressed form of `input` to `out`.
    func compress(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws {
        switch codec {
        case .uncompressed:
            out.append(contentsOf: input)
        case .snappy:
            SnappyCompressor.compress(input, into: &out)
        case .zstd:
            if context == nil { context = ZSTD_createCCtx() }
            guard let context else { throw ParquetError(.io, "zstd: cannot create a compression context") }
            let bound = ZSTD_compressBound(input.count)
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: bound))
            let written = out.withUnsafeMutableBytes { raw in
                ZSTD_compressCCtx(
                    context, raw.baseAddress.map { $0 + start }, bound, input.baseAddress, input.count, zstdLevel)
            }
            guard ZSTD_isError(written) == 0 else {
                throw ParquetError(.io, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
            }
            out.removeLast(bound - written)
        default:
            throw ParquetError(.unsupported, "the writer does not support codec \(codec)")
        }
    }
}
