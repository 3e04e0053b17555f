import Testing
@testable import Parquet
import TestSupport

/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
/// BYTE_STREAM_SPLIT against a reference encoder written from the spec.
struct DeltaEncodingTests {
    /// DELTA_BINARY_PACKED of `values` (block 128, 4 miniblocks of 32), with
    /// wrapping deltas as the spec defines; the last miniblock is padded.
    static func encode(_ values: [Int64]) -> [UInt8] {
        let blockSize = 128, miniblocks = 4, perMiniblock = 32
        var out =
            ReferenceEncoders.varint(UInt64(blockSize)) + ReferenceEncoders.varint(UInt64(miniblocks))
            + ReferenceEncoders.varint(UInt64(values.count)) + ReferenceEncoders.zigzag(values.first ?? 0)
        guard values.count > 1 else { return out }
        let deltas = zip(values.dropFirst(), values).map { $0 &- $1 }
        for blockStart in stride(from: 0, to: deltas.count, by: blockSize) {
            let block = Array(deltas[blockStart..<min(blockStart + blockSize, deltas.count)])
            let minDelta = block.min() ?? 0
            out += ReferenceEncoders.zigzag(minDelta)
            var widths: [UInt8] = []
            var bodies: [[UInt8]] = []
            for miniblock in 0..<miniblocks {
                let start = miniblock * perMiniblock
                guard start < block.count else { widths.append(0); continue }
                let slice = block[start..<min(start + perMiniblock, block.count)].map {
                    UInt64(bitPattern: $0 &- minDelta)
                }
                let width = slice.map { 64 - $0.leadingZeroBitCount }.max() ?? 0
                widths.append(UInt8(width))
                var bits = [UInt8](repeating: 0, count: perMiniblock * width / 8)
                for (index, value) in slice.enumerated() {
                    for bit in 0..<width where value >> UInt64(bit) & 1 == 1 {
                        let position = index * width + bit
                        bits[position / 8] |= 1 << UInt8(position % 8)
                    }
                }
                bodies.append(bits)
            }
            out += widths + bodies.flatMap { $0 }
        }
        return out
    }

    static func decode(_ bytes: [UInt8], count: Int) throws -> [Int64] {
        var output = [Int64](repeating: 0, count: count)
        _ = try bytes.withUnsafeBytes { source in
            try output.withUnsafeMutableBufferPointer {
                try DeltaBinaryPackedDecoder.decode(source, count: count, into: $0.baseAddress!)
            }
        }
        return output
    }

    static let sequences: [[Int64]] = {
        let steps: [Int64] = (0..<300).map { Int64($0) * 7 - 1000 }
        let extremes: [Int64] = (0..<200).map { $0 % 2 == 0 ? Int64.min : Int64.max }  // deltas wrap: 64-bit widths
        let shrinking: [Int64] = (0..<129).map { 1000 - Int64($0) * Int64($0) }  // negative, growing deltas
        let constant = [Int64](repeating: 5, count: 257)  // width 0 everywhere
        return [[], [42], steps, extremes, shrinking, constant]
    }()

    @Test(arguments: sequences)
    func deltaBinaryPackedRoundTrips(_ values: [Int64]) throws {
        #expect(try DeltaEncodingTests.decode(DeltaEncodingTests.encode(values), count: values.count) == values)
    }

    @Test func deltaBinaryPackedRejectsMalformedHeaders() {
        let good = DeltaEncodingTests.encode(Array(0..<100).map { Int64($0) })
        let cases: [[UInt8]] = [
            Array(good.prefix(good.count - 10)),  // truncated miniblock
            [0x80, 0x01, 0x04, 0x05, 0x00],  // count 5 != 100 asked
            [0x00, 0x04, 0x64, 0x00],  // block size 0
            [0x80, 0x01, 0x03, 0x64, 0x00],  // 128 / 3 miniblocks
            [0x80, 0x01, 0x04, 0x64, 0x00, 0x00, 65, 0, 0, 0],  // bit width 65
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],  // varint too long
        ]
        for bytes in cases {
            #expect(throws: ParquetError.self) { _ = try DeltaEncodingTests.decode(bytes, count: 100) }
        }
    }

    @Test func deltaLengthAndIncrementalByteArrays() throws {
        let words = ["apple", "applesauce", "apply", "", "banana", "band"]
        let lengths = DeltaEncodingTests.encode(words.map { Int64($0.utf8.count) })
        let lengthPrefixed = lengths + words.flatMap { Array($0.utf8) }
        let values = ScratchBuffer<UInt8>(), ends = ScratchBuffer<Int>(), scratch = ScratchBuffer<Int64>()
        let consumed = try lengthPrefixed.withUnsafeBytes {
            try DeltaByteArrayDecoder.decodeLengthPrefixed(
                $0, count: words.count, lengths: scratch, bytes: values, ends: ends)
        }
        #expect(consumed == lengthPrefixed.count)
        #expect(DeltaEncodingTests.strings(values, ends) == words)

        // DELTA_BYTE_ARRAY: shared prefix with the previous value, then the suffix.
        var prefixes: [Int64] = []
        var suffixes: [String] = []
        var previous = ""
        for word in words {
            let shared = zip(previous.utf8, word.utf8).prefix { $0 == $1 }.count
            prefixes.append(Int64(shared))
            suffixes.append(String(decoding: Array(word.utf8)[shared...], as: UTF8.self))
            previous = word
        }
        let incremental =
            DeltaEncodingTests.encode(prefixes) + DeltaEncodingTests.encode(suffixes.map { Int64($0.utf8.count) })
            + suffixes.flatMap { Array($0.utf8) }
        let out = ScratchBuffer<UInt8>(), outEnds = ScratchBuffer<Int>()
        _ = try incremental.withUnsafeBytes {
            try DeltaByteArrayDecoder.decodeIncremental(
                $0, count: words.count, prefixLengths: ScratchBuffer(), suffixLengths: ScratchBuffer(),
                suffixBytes: ScratchBuffer(), suffixEnds: ScratchBuffer(), bytes: out, ends: outEnds
            )
        }
        #expect(DeltaEncodingTests.strings(out, outEnds) == words)

        // A prefix longer than the previous value is malformed.
        let bad = DeltaEncodingTests.encode([3]) + DeltaEncodingTests.encode([1]) + [0x61]
        #expect(throws: ParquetError.self) {
            _ = try bad.withUnsafeBytes {
                try DeltaByteArrayDecoder.decodeIncremental(
                    $0, count: 1, prefixLengths: ScratchBuffer(), suffixLengths: ScratchBuffer(),
                    suffixBytes: ScratchBuffer(), suffixEnds: ScratchBuffer(), bytes: ScratchBuffer(),
                    ends: ScratchBuffer()
                )
            }
        }
    }

    static func strings(_ bytes: ScratchBuffer<UInt8>, _ ends: ScratchBuffer<Int>) -> [String] {
        var start = 0
        return ends.elements.map { end in
            defer { start = end }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes.elements[start..<end]), as: UTF8.self)
        }
    }

    @Test func byteStreamSplitReassemblesValues() throws {
        let values: [UInt32] = [0x0403_0201, 0x0807_0605, 0x0c0b_0a09]
        // Stream k holds byte k of every value.
        let encoded: [UInt8] = (0..<4).flatMap { k in values.map { UInt8(truncatingIfNeeded: $0 >> (8 * UInt32(k))) } }
        var decoded = [UInt32](repeating: 0, count: 3)
        try encoded.withUnsafeBytes { source in
            try decoded.withUnsafeMutableBytes {
                try ByteStreamSplitDecoder.decode(source, count: 3, width: 4, into: $0.baseAddress!)
            }
        }
        #expect(decoded.map { UInt32(littleEndian: $0) } == values)
        #expect(throws: ParquetError.self) {
            try encoded.withUnsafeBytes { source in
                try decoded.withUnsafeMutableBytes {
                    try ByteStreamSplitDecoder.decode(source, count: 4, width: 4, into: $0.baseAddress!)
                }
            }
        }
    }
}
