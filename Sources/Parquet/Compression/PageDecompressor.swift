/// Decompresses page bodies for any supported codec into a reusable buffer.
///
/// One instance per worker: it owns the zstd context and the output buffer,
/// so steady-state decompression allocates nothing.
final class PageDecompressor {
    private var zstd: ZstdDecompressor?
    private var gzip: GzipDecompressor?
    private let output = ScratchBuffer<UInt8>(capacity: 1 << 16)

    init() {}

    /// Whether `codec` can be decompressed.
    static func supports(_ codec: CompressionCodec) -> Bool {
        switch codec {
        case .uncompressed, .zstd, .snappy, .gzip, .brotli, .lz4, .lz4Raw: true
        default: false  // LZO and unknown codecs
        }
    }

    /// Decompresses `input` straight into `target`, whose size is the page's
    /// declared uncompressed size (used to skip a copy for PLAIN pages).
    ///
    /// - Precondition: `codec` is a compressing codec and `input` is not empty.
    func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer
    ) throws {
        switch codec {
        case .zstd:
            if zstd == nil { zstd = ZstdDecompressor() }
            try zstd?.decompress(input, into: target)
        case .snappy:
            try SnappyDecompressor.decompress(input, into: target)
        case .gzip:
            if gzip == nil { gzip = GzipDecompressor() }
            try gzip?.decompress(input, into: target)
        case .lz4Raw:
            try LZ4Decompressor.decompressBlock(input, into: target)
        case .lz4:
            try LZ4Decompressor.decompressHadoop(input, into: target)
        case .brotli:
            try BrotliDecompressor.decompress(input, into: target)
        default:
            throw ParquetError(.unsupported, "unsupported compression codec \(codec)")
        }
    }

    /// Rejects a declared uncompressed size the compressed bytes cannot
    /// produce, before the output buffer is allocated: the size a Snappy
    /// preamble or a zstd frame header states must match, and GZIP and LZ4
    /// cannot expand more than their format's maximum ratio.
    static func checkDeclaredSize(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int
    ) throws {
        let stated: Int?
        let ratioMax: Int?
        switch codec {
        case .snappy:
            stated = try SnappyDecompressor.uncompressedLength(input).length
            ratioMax = nil
        case .zstd:
            stated = ZstdDecompressor.statedContentSize(input)
            ratioMax = nil
        case .gzip:
            (stated, ratioMax) = (nil, 1032)  // deflate's maximum (258 bytes per 2 bits)
        case .lz4, .lz4Raw:
            (stated, ratioMax) = (nil, 256)  // a 255-byte length extension per input byte
        default:
            (stated, ratioMax) = (nil, nil)
        }
        if let stated, stated != uncompressedSize {
            throw ParquetError(
                .decompression, "\(codec): compressed data holds \(stated) bytes, page header says \(uncompressedSize)")
        }
        if let ratioMax, uncompressedSize > input.count * ratioMax + 1024 {
            throw ParquetError(
                .decompression,
                "\(codec): \(input.count) compressed bytes cannot expand to the \(uncompressedSize) bytes the page "
                    + "header declares"
            )
        }
    }

    /// Returns the decompressed bytes of `input`.
    ///
    /// For `.uncompressed` the input is returned as is (no copy). Otherwise
    /// the result lives in an internal buffer, valid until the next call.
    ///
    /// - Parameters:
    ///   - uncompressedSize: the size the page header declares; the output must match it.
    /// - Throws: `.unsupported` for LZO and unknown codecs,
    ///   `.decompression` for corrupt data or a size mismatch.
    func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int
    ) throws -> UnsafeRawBufferPointer {
        if codec == .uncompressed {
            guard input.count == uncompressedSize else {
                throw ParquetError(
                    .corruptPage, "uncompressed page has \(input.count) bytes but header says \(uncompressedSize)")
            }
            return input
        }
        if input.isEmpty {
            // A 0-byte section is never fed to a codec (Snappy would reject it).
            guard uncompressedSize == 0 else {
                throw ParquetError(
                    .decompression, "\(codec): empty page body but header says \(uncompressedSize) bytes")
            }
            return UnsafeRawBufferPointer(start: output.pointer, count: 0)
        }
        try PageDecompressor.checkDeclaredSize(codec, input, uncompressedSize: uncompressedSize)
        output.resize(uncompressedSize)
        let target = UnsafeMutableRawBufferPointer(start: output.pointer, count: uncompressedSize)
        try decompress(codec, input, into: target)
        return UnsafeRawBufferPointer(target)
    }
}
