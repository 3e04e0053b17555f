/// Decompressor for raw Snappy blocks (the format Parquet's SNAPPY codec uses).
///
/// Written here rather than linked because Debian's libsnappy is C++ and the
/// format is small: a varint length, then literals and back-references.
/// Every literal and copy is checked against input and output bounds.
enum SnappyDecompressor {
    /// Reads the uncompressed length from the block preamble.
    ///
    /// Safe because: `input[index]` is read only after `index < input.count` (and `index < 5`) is checked.
    static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws -> (length: Int, headerBytes: Int) {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = 0
        while true {
            guard index < input.count, index < 5 else {
                throw ParquetError(.decompression, "snappy: invalid length preamble")
            }
            let byte = input[index]
            index += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard result <= UInt64(UInt32.max) else {
            throw ParquetError(.decompression, "snappy: length \(result) too large")
        }
        return (Int(result), index)
    }

    /// Decompresses `input` into `output`, which must be exactly the block's size.
    ///
    /// - Throws: `.decompression` for any malformed element or size mismatch.
    /// - Complexity: O(output size).
    ///
    /// Safe because: a tag is loaded only while `inputPosition < inputCount` (the loop condition); the extra length
    /// bytes after `extra <= inputCount - inputPosition`; a literal is copied after
    /// `literalLength <= inputCount - inputPosition` and `literalLength <= length - outputPosition`, where
    /// `length == output.count` was checked at entry; `copyElement` checks its offset bytes against the input left; a
    /// back-reference is copied only after `0 < offset <= outputPosition` and `copyLength <= length - outputPosition`.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let (length, headerBytes) = try uncompressedLength(input)
        guard length == output.count else {
            throw ParquetError(.decompression, "snappy: block holds \(length) bytes, page header says \(output.count)")
        }
        guard let source = input.baseAddress, let target = output.baseAddress else {
            if length == 0 { return }
            throw ParquetError(.decompression, "snappy: empty buffer")
        }
        var inputPosition = headerBytes
        var outputPosition = 0
        let inputCount = input.count
        while inputPosition < inputCount {
            let tag = source.load(fromByteOffset: inputPosition, as: UInt8.self)
            inputPosition += 1
            switch tag & 3 {
            case 0:
                var literalLength = Int(tag >> 2) + 1
                if literalLength > 60 {
                    let extra = literalLength - 60
                    guard extra <= inputCount - inputPosition else {
                        throw ParquetError(.decompression, "snappy: truncated literal length")
                    }
                    var value = 0
                    for index in 0..<extra {
                        value |= Int(source.load(fromByteOffset: inputPosition + index, as: UInt8.self)) << (8 * index)
                    }
                    inputPosition += extra
                    literalLength = value + 1
                }
                guard literalLength <= inputCount - inputPosition, literalLength <= length - outputPosition else {
                    throw ParquetError(.decompression, "snappy: literal of \(literalLength) bytes overruns the block")
                }
                (target + outputPosition).copyMemory(from: source + inputPosition, byteCount: literalLength)
                inputPosition += literalLength
                outputPosition += literalLength
            default:
                let (copyLength, offset, used) = try copyElement(
                    tag: tag, source: source, position: inputPosition, count: inputCount)
                inputPosition += used
                guard offset > 0, offset <= outputPosition, copyLength <= length - outputPosition else {
                    throw ParquetError(
                        .decompression,
                        "snappy: copy of \(copyLength) bytes at distance \(offset) is invalid at output byte "
                            + "\(outputPosition)"
                    )
                }
                copyBackReference(target, from: outputPosition - offset, to: outputPosition, count: copyLength)
                outputPosition += copyLength
            }
        }
        guard outputPosition == length else {
            throw ParquetError(.decompression, "snappy: block produced \(outputPosition) of \(length) bytes")
        }
    }

    private static func copyElement(tag: UInt8, source: UnsafeRawPointer, position: Int, count: Int) throws -> (
        length: Int, offset: Int, used: Int
    ) {
        switch tag & 3 {
        case 1:
            guard position < count else { throw ParquetError(.decompression, "snappy: truncated copy") }
            let length = Int((tag >> 2) & 7) + 4
            let offset = Int(tag >> 5) << 8 | Int(source.load(fromByteOffset: position, as: UInt8.self))
            return (length, offset, 1)
        case 2:
            guard 2 <= count - position else { throw ParquetError(.decompression, "snappy: truncated copy") }
            let offset = Int(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt16.self)))
            return (Int(tag >> 2) + 1, offset, 2)
        default:
            guard 4 <= count - position else { throw ParquetError(.decompression, "snappy: truncated copy") }
            let offset = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            return (Int(tag >> 2) + 1, offset, 4)
        }
    }

    /// Copies an LZ77 back-reference; overlapping copies repeat the pattern.
    ///
    /// Safe because: `decompress` checked `0 < offset <= outputPosition` and
    /// `copyLength <= output.count - outputPosition` before the call, so `start ..< start + count` and
    /// `destination ..< destination + count` lie in the output buffer (the overlapping loop reads only bytes already
    /// written).
    @inline(__always)
    static func copyBackReference(_ target: UnsafeMutableRawPointer, from start: Int, to destination: Int, count: Int) {
        let distance = destination - start
        if distance >= count {
            (target + destination).copyMemory(from: target + start, byteCount: count)
            return
        }
        let bytes = target.assumingMemoryBound(to: UInt8.self)
        for index in 0..<count { bytes[destination + index] = bytes[start + index] }
    }
}
