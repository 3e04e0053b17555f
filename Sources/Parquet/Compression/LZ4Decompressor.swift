/// Decompressor for LZ4 blocks: Parquet's LZ4_RAW codec (one raw block) and
/// the deprecated LZ4 codec (Hadoop framing, or a raw block from writers
/// that ignored the framing).
///
/// Written here rather than linked: the block format is small (literal runs
/// and back-references) and every length and offset is checked against the
/// input and output bounds before use.
enum LZ4Decompressor {
    /// Decompresses one raw LZ4 block into `output`, which must be exactly
    /// the block's decompressed size.
    ///
    /// - Throws: `.decompression` for a malformed sequence or a size mismatch.
    /// - Complexity: O(output size).
    static func decompressBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let produced = try decodeBlock(input, into: output)
        guard produced == output.count else {
            throw ParquetError(.decompression, "lz4: block holds \(produced) bytes, page header says \(output.count)")
        }
    }

    /// Decompresses the deprecated LZ4 codec: Hadoop frames (big-endian
    /// decompressed size, big-endian compressed size, raw block; repeated)
    /// when the input parses as such, else one raw block (what parquet-cpp
    /// wrote before the framing was settled).
    static func decompressHadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if (try? decompressFrames(input, into: output)) == true { return }
        try decompressBlock(input, into: output)
    }

    /// Returns true when `input` is entirely well-formed Hadoop frames that
    /// fill `output` exactly.
    ///
    /// Safe because: the two 4-byte sizes are read only after `input.count - inputPosition >= 8`, and each block and
    /// target are sliced only after `compressedSize <= input.count - inputPosition` and
    /// `decompressedSize <= output.count - outputPosition` (both sizes are non-negative: they come from `UInt32`);
    /// `decodeBlock` never writes past the slice it is given.
    private static func decompressFrames(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws -> Bool {
        var inputPosition = 0
        var outputPosition = 0
        while inputPosition < input.count {
            guard input.count - inputPosition >= 8 else { return false }
            let decompressedSize = Int(bigEndian32(input, inputPosition))
            let compressedSize = Int(bigEndian32(input, inputPosition + 4))
            inputPosition += 8
            guard compressedSize <= input.count - inputPosition, decompressedSize <= output.count - outputPosition
            else { return false }
            let block = UnsafeRawBufferPointer(rebasing: input[inputPosition..<(inputPosition + compressedSize)])
            let target = UnsafeMutableRawBufferPointer(
                rebasing: output[outputPosition..<(outputPosition + decompressedSize)])
            guard try decodeBlock(block, into: target) == decompressedSize else { return false }
            inputPosition += compressedSize
            outputPosition += decompressedSize
        }
        return outputPosition == output.count && inputPosition > 0
    }

    private static func bigEndian32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// Decodes a raw block into `output` (at most its size) and returns the
    /// bytes produced.
    ///
    /// Safe because: a token is loaded only while `inputPosition < inputCount` (the input is non-empty at entry, and
    /// the loop repeats only after the check that input is left after a match); every literal run is checked against
    /// the input and the output left before it is copied, the two offset bytes against the input left, and a match
    /// against `0 < offset <= outputPosition` and the output left before `copyMatch`; `readLengthExtension` checks its
    /// own reads.
    private static func decodeBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        guard let source = input.baseAddress, !input.isEmpty else {
            throw ParquetError(.decompression, "lz4: empty block")
        }
        let inputCount = input.count
        let outputCount = output.count
        var inputPosition = 0
        var outputPosition = 0
        while true {
            let token = source.load(fromByteOffset: inputPosition, as: UInt8.self)
            inputPosition += 1
            var literalLength = Int(token >> 4)
            if literalLength == 15 { literalLength += try readLengthExtension(source, inputCount, &inputPosition) }
            guard literalLength <= inputCount - inputPosition else {
                throw ParquetError(.decompression, "lz4: literal run of \(literalLength) bytes overruns the input")
            }
            guard literalLength <= outputCount - outputPosition else {
                throw ParquetError(
                    .decompression, "lz4: literal run of \(literalLength) bytes overruns the \(outputCount)-byte page")
            }
            if literalLength > 0, let target = output.baseAddress {
                (target + outputPosition).copyMemory(from: source + inputPosition, byteCount: literalLength)
            }
            inputPosition += literalLength
            outputPosition += literalLength
            // The last sequence is literals only.
            if inputPosition == inputCount { return outputPosition }
            guard inputCount - inputPosition >= 2 else {
                throw ParquetError(.decompression, "lz4: truncated match offset")
            }
            let offset =
                Int(source.load(fromByteOffset: inputPosition, as: UInt8.self))
                | Int(source.load(fromByteOffset: inputPosition + 1, as: UInt8.self)) << 8
            inputPosition += 2
            guard offset > 0, offset <= outputPosition else {
                throw ParquetError(
                    .decompression, "lz4: match offset \(offset) outside the \(outputPosition) bytes produced")
            }
            var matchLength = Int(token & 15) + 4
            if token & 15 == 15 { matchLength += try readLengthExtension(source, inputCount, &inputPosition) }
            guard matchLength <= outputCount - outputPosition, let target = output.baseAddress else {
                throw ParquetError(
                    .decompression, "lz4: match of \(matchLength) bytes overruns the \(outputCount)-byte page")
            }
            copyMatch(target, at: outputPosition, offset: offset, length: matchLength)
            outputPosition += matchLength
            guard inputPosition < inputCount else {
                throw ParquetError(.decompression, "lz4: block ends with a match (the last sequence must be literals)")
            }
        }
    }

    /// Reads the 255-continued extension of a literal or match length.
    ///
    /// Safe because: each byte is loaded only after `position < count`, and `decodeBlock` passes the input's size as
    /// `count`.
    private static func readLengthExtension(
        _ source: UnsafeRawPointer, _ count: Int, _ position: inout Int
    ) throws -> Int {
        var total = 0
        while true {
            guard position < count else { throw ParquetError(.decompression, "lz4: truncated length") }
            let byte = Int(source.load(fromByteOffset: position, as: UInt8.self))
            position += 1
            total += byte
            // A length beyond any page size is malformed (and cannot overflow Int here).
            guard total <= Int(Int32.max) else { throw ParquetError(.decompression, "lz4: length too large") }
            if byte != 255 { return total }
        }
    }

    /// Copies a back-reference; overlapping copies (offset < length) repeat the pattern.
    ///
    /// Safe because: `decodeBlock` checked `0 < offset <= position` and `length <= output.count - position` before the
    /// call, so the source `position - offset ..< position - offset + length` and the target
    /// `position ..< position + length` lie in the output buffer at `base` (the overlapping loop reads only bytes
    /// already written).
    @inline(__always)
    private static func copyMatch(_ base: UnsafeMutableRawPointer, at position: Int, offset: Int, length: Int) {
        let target = base + position
        let source = base + (position - offset)
        if offset >= length {
            target.copyMemory(from: UnsafeRawPointer(source), byteCount: length)
            return
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        for index in 0..<length { bytes[position + index] = bytes[position - offset + index] }
    }
}
