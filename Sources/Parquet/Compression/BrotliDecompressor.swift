import CBrotli

/// One-shot BROTLI page decompression with libbrotlidec.
enum BrotliDecompressor {
    /// Decompresses `input` into `output`, which must be exactly the page's
    /// decompressed size.
    ///
    /// - Throws: `.decompression` for corrupt data or a size mismatch
    ///   (libbrotlidec never writes past `output`).
    /// - Complexity: O(input + output).
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let target = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else {
            throw ParquetError(.decompression, "brotli: empty page")
        }
        var produced = output.count
        let result = BrotliDecoderDecompress(input.count, source, &produced, target)
        guard result == BROTLI_DECODER_RESULT_SUCCESS else {
            throw ParquetError(
                .decompression,
                "brotli: corrupt or truncated page (or larger than the \(output.count) bytes its header declares)")
        }
        guard produced == output.count else {
            throw ParquetError(.decompression, "brotli: page holds \(produced) bytes, page header says \(output.count)")
        }
    }
}
