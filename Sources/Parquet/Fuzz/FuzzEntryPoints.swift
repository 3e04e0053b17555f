import MappedIO

/// Entry points of the libFuzzer targets (`Sources/FuzzParquet`,
/// `Sources/FuzzPages`): each feeds arbitrary bytes to one decoding layer.
/// Whatever the bytes, they must return normally (a thrown `ParquetError`
/// is a normal outcome): a trap, a sanitizer report or a hang is a bug.
package enum FuzzEntryPoints {
    /// Rows per column chunk the harness decodes: larger declared chunks are
    /// legal (a run-length page expands without bound) but would make every
    /// tiny input a multi-gigabyte decode, so the harness skips them.
    package static let chunkRowsMax = 1 << 20

    /// Opens `bytes` as a Parquet file and decodes every column chunk.
    ///
    /// Safe because: the only pointer use is `MappedFile(copying:)`, which copies exactly `bytes.count` bytes; the
    /// loops run over `0..<rowGroupCount` (`metadata.rowGroups.count`) and `0..<schema.columns.count`, the ranges
    /// `decode` and `decompressOnly` require, and every read of the bytes goes through their checked decoders.
    package static func parquetFile(_ bytes: UnsafeRawBufferPointer) {
        guard let mapping = try? MappedFile(copying: bytes, path: "fuzz.parquet"),
            let file = try? ParquetFile(mapping: mapping)
        else { return }
        let decoder = ColumnChunkDecoder()
        let batch = ColumnBatch()
        for group in 0..<file.rowGroupCount where file.metadata.rowGroups[group].numRows <= Int64(chunkRowsMax) {
            for column in 0..<file.schema.columns.count {
                _ = try? decoder.decode(file, rowGroup: group, column: column, into: batch)
                _ = try? decoder.decompressOnly(file, rowGroup: group, column: column)
            }
        }
    }

    /// Decoders picked by the first input byte; the second byte is a
    /// parameter (bit width, value width or codec), the rest the encoded data.
    package static func pageDecoders(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2 else { return }
        let selector = bytes[0]
        let parameter = Int(bytes[1])
        let data = UnsafeRawBufferPointer(rebasing: bytes[2...])
        // Value counts are bounded by the input (as a page's are by its header).
        let count = min(data.count * 8 + 1, 1 << 16)
        switch selector % 10 {
        case 0:
            guard var decoder = try? RLEBitPackedHybridDecoder(bytes: data, bitWidth: parameter % 33) else { return }
            let output = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
            defer { output.deallocate() }
            _ = try? decoder.decode(into: output, count: count)
        case 1:
            guard var decoder = try? RLEBitPackedHybridDecoder(bytes: data, bitWidth: 1) else { return }
            let output = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            defer { output.deallocate() }
            _ = try? decoder.decodeBits(into: output, count: count)
        case 2:
            // The decoder writes exactly `parameter` values (room for them, as its precondition says).
            let output = UnsafeMutablePointer<Int64>.allocate(capacity: max(parameter, 1))
            defer { output.deallocate() }
            _ = try? DeltaBinaryPackedDecoder.decode(data, count: parameter, into: output)
        case 3, 4:
            let lengths = ScratchBuffer<Int64>(), suffixLengths = ScratchBuffer<Int64>()
            let suffixBytes = ScratchBuffer<UInt8>(), suffixEnds = ScratchBuffer<Int>()
            let values = ScratchBuffer<UInt8>(), ends = ScratchBuffer<Int>()
            if selector % 10 == 3 {
                _ = try? DeltaByteArrayDecoder.decodeLengthPrefixed(
                    data, count: parameter, lengths: lengths, bytes: values, ends: ends)
            } else {
                _ = try? DeltaByteArrayDecoder.decodeIncremental(
                    data, count: parameter, prefixLengths: lengths, suffixLengths: suffixLengths,
                    suffixBytes: suffixBytes, suffixEnds: suffixEnds, bytes: values, ends: ends
                )
            }
        case 5:
            let width = parameter % 16 + 1
            let output = UnsafeMutableRawPointer.allocate(byteCount: data.count + 1, alignment: 16)
            defer { output.deallocate() }
            _ = try? ByteStreamSplitDecoder.decode(data, count: data.count / width, width: width, into: output)
        case 6:
            let values = ScratchBuffer<UInt8>(), ends = ScratchBuffer<Int>()
            _ = try? PlainDecoder.decodeByteArrays(data, count: parameter, bytes: values, ends: ends)
        case 7:
            var decoder = ThriftCompactDecoder(data)
            _ = try? decoder.readPageHeader()
        case 8:
            var decoder = ThriftCompactDecoder(data)
            _ = try? decoder.readFileMetaData()
        default:
            // Codecs: the declared output size comes from the input, bounded.
            let codecs: [CompressionCodec] = [.snappy, .gzip, .brotli, .zstd, .lz4, .lz4Raw]
            let codec = codecs[parameter % codecs.count]
            let size = min(parameter * 97 + data.count * 4, 1 << 20)
            let decompressor = PageDecompressor()
            _ = try? decompressor.decompress(codec, data, uncompressedSize: size)
        }
    }
}
