/// Decompresses page bodies for any supported codec into a reusable buffer.
///
/// One instance per worker: it owns the zstd context and the output buffer,
/// so steady-state decompression allocates nothing.
final class PageDecompressor {
    private var zstd: ZstdDecompressor?
    private let output = ScratchBuffer<UInt8>(capacity: 1 << 16)

    init() {}

    /// Whether `codec` can be decompressed.
    static func supports(_ codec: CompressionCodec) -> Bool {
        codec == .uncompressed || codec == .zstd || codec == .snappy
    }

    /// Decompresses `input` straight into `target`, whose size is the page's
    /// declared uncompressed size (used to skip a copy for PLAIN pages).
    ///
    /// - Precondition: `codec` is ZSTD or SNAPPY and `input` is not empty.
    func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        switch codec {
        case .zstd:
            if zstd == nil { zstd = ZstdDecompressor() }
            try zstd?.decompress(input, into: target)
        case .snappy:
            try SnappyDecompressor.decompress(input, into: target)
        default:
            throw ParquetError(.unsupported, "unsupported compression codec \(codec)")
        }
    }

    /// Returns the decompressed bytes of `input`.
    ///
    /// For `.uncompressed` the input is returned as is (no copy). Otherwise
    /// the result lives in an internal buffer, valid until the next call.
    ///
    /// - Parameters:
    ///   - uncompressedSize: the size the page header declares; the output must match it.
    /// - Throws: `.unsupported` for codecs outside UNCOMPRESSED/ZSTD/SNAPPY,
    ///   `.decompression` for corrupt data or a size mismatch.
    func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> UnsafeRawBufferPointer {
        if codec == .uncompressed {
            guard input.count == uncompressedSize else {
                throw ParquetError(.corruptPage, "uncompressed page has \(input.count) bytes but header says \(uncompressedSize)")
            }
            return input
        }
        if input.isEmpty {
            // A 0-byte section is never fed to a codec (Snappy would reject it).
            guard uncompressedSize == 0 else {
                throw ParquetError(.decompression, "\(codec): empty page body but header says \(uncompressedSize) bytes")
            }
            return UnsafeRawBufferPointer(start: output.pointer, count: 0)
        }
        output.resize(uncompressedSize)
        let target = UnsafeMutableRawBufferPointer(start: output.pointer, count: uncompressedSize)
        try decompress(codec, input, into: target)
        return UnsafeRawBufferPointer(target)
    }
}
