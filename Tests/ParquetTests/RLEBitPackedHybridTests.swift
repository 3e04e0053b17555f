import Testing
@testable import Parquet
import TestSupport

struct RLEBitPackedHybridTests {
    /// Deterministic values below 2^width.
    static func values(count: Int, width: Int, seed: UInt64) -> [UInt32] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        let mask: UInt64 = width == 0 ? 0 : (width == 32 ? 0xffff_ffff : (1 << UInt64(width)) - 1)
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32((state >> 17) & mask)
        }
    }

    static func decode(_ bytes: [UInt8], width: Int, count: Int, chunk: Int) throws -> [UInt32] {
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedHybridDecoder(bytes: raw, bitWidth: width)
            var out = [UInt32](repeating: 0xdead, count: count)
            try out.withUnsafeMutableBufferPointer { buffer in
                var done = 0
                while done < count {
                    let take = min(chunk, count - done)
                    try decoder.decode(into: buffer.baseAddress! + done, count: take)
                    done += take
                }
            }
            return out
        }
    }

    @Test(arguments: 0...32)
    func mixedRunsAtEveryBitWidth(width: Int) throws {
        for count in [1, 7, 9, 63, 65, 1001] {
            // Runs: repeated, bit-packed (multiple of 8), repeated, final bit-packed of odd length.
            let packed = RLEBitPackedHybridTests.values(count: 24, width: width, seed: UInt64(width))
            let tail = RLEBitPackedHybridTests.values(count: count, width: width, seed: UInt64(count))
            let repeated = width == 0 ? 0 : UInt32((UInt64(1) << UInt64(width)) - 1)
            var bytes = ReferenceEncoders.repeatedRun(repeated, count: 5, bitWidth: width)
            bytes += ReferenceEncoders.bitPackedRun(packed, bitWidth: width)
            bytes += ReferenceEncoders.repeatedRun(1 & repeated, count: count, bitWidth: width)
            bytes += ReferenceEncoders.bitPackedRun(tail, bitWidth: width)
            let expected =
                Array(repeating: repeated, count: 5) + packed + Array(repeating: 1 & repeated, count: count) + tail
            for chunk in [1, 3, 8, 1000, expected.count] {
                let decoded = try RLEBitPackedHybridTests.decode(
                    bytes, width: width, count: expected.count, chunk: chunk)
                #expect(decoded == expected, "width \(width) count \(count) chunk \(chunk)")
            }
        }
    }

    @Test func rejectsWidthAbove32() {
        #expect(throws: ParquetError.self) {
            _ = try RLEBitPackedHybridTests.decode([0], width: 33, count: 1, chunk: 1)
        }
    }

    @Test func truncatedDataThrows() throws {
        let bytes = ReferenceEncoders.bitPackedRun(
            RLEBitPackedHybridTests.values(count: 16, width: 5, seed: 1), bitWidth: 5)
        for cut in 0..<bytes.count {
            #expect(throws: ParquetError.self) {
                _ = try RLEBitPackedHybridTests.decode(Array(bytes[0..<cut]), width: 5, count: 16, chunk: 16)
            }
        }
        // Asking for more values than encoded throws instead of reading past the end.
        #expect(throws: ParquetError.self) {
            _ = try RLEBitPackedHybridTests.decode(bytes, width: 5, count: 17, chunk: 17)
        }
    }

    @Test func repeatedValueWiderThanBitWidthThrows() {
        let bytes = ReferenceEncoders.repeatedRun(4, count: 3, bitWidth: 2)
        #expect(throws: ParquetError.self) {
            _ = try RLEBitPackedHybridTests.decode(bytes, width: 2, count: 3, chunk: 3)
        }
    }

    @Test func levelBitWidths() {
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: 0) == 0)
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: 1) == 1)
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: 2) == 2)
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: 3) == 2)
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: 4) == 3)
        #expect(ColumnChunkDecoder.bitWidth(forMaxLevel: Schema.depthMax) <= RLEBitPackedHybridDecoder.bitWidthMax)
    }
}
