import Testing
@testable import Parquet

/// Raw LZ4 blocks and the Hadoop framing, including malformed sequences.
struct LZ4DecompressorTests {
    static func decompress(_ block: [UInt8], size: Int, hadoop: Bool = false) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        try block.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { target in
                if hadoop {
                    try LZ4Decompressor.decompressHadoop(input, into: target)
                } else {
                    try LZ4Decompressor.decompressBlock(input, into: target)
                }
            }
        }
        return output
    }

    /// "abc", then a 9-byte match at offset 3 (overlapping), then literal "Z".
    static let block: [UInt8] = [0x35, 0x61, 0x62, 0x63, 0x03, 0x00, 0x10, 0x5a]

    @Test func literalsOverlappingMatchAndFinalLiterals() throws {
        #expect(
            try LZ4DecompressorTests.decompress(LZ4DecompressorTests.block, size: 13) == Array("abcabcabcabcZ".utf8))
    }

    @Test func longLengthsUse255Extensions() throws {
        // 20 literals (15 + 5), then a match of 4 + 15 + 255 + 6 = 280 bytes at offset 1, then 1 literal.
        let literals = [UInt8](repeating: 0x41, count: 20)
        let block: [UInt8] = [0xff, 5] + literals + [0x01, 0x00, 255, 6] + [0x10, 0x42]
        let expected = literals + [UInt8](repeating: 0x41, count: 280) + [0x42]
        #expect(try LZ4DecompressorTests.decompress(block, size: expected.count) == expected)
    }

    @Test func hadoopFramesAndRawFallback() throws {
        let size = UInt32(13)
        let compressed = UInt32(LZ4DecompressorTests.block.count)
        let frame: [UInt8] =
            withUnsafeBytes(of: size.bigEndian, Array.init) + withUnsafeBytes(of: compressed.bigEndian, Array.init)
            + LZ4DecompressorTests.block
        #expect(
            try LZ4DecompressorTests.decompress(frame + frame, size: 26, hadoop: true)
                == Array("abcabcabcabcZabcabcabcabcZ".utf8))
        // Without the framing (older parquet-cpp files) the block is read raw.
        #expect(
            try LZ4DecompressorTests.decompress(LZ4DecompressorTests.block, size: 13, hadoop: true)
                == Array("abcabcabcabcZ".utf8))
    }

    @Test func malformedBlocksThrow() {
        let cases: [([UInt8], Int)] = [
            ([0x50, 0x61], 5),  // literal run longer than the input
            ([0x10, 0x61, 0x00, 0x00, 0x10, 0x62], 6),  // offset 0
            ([0x10, 0x61, 0x05, 0x00, 0x10, 0x62], 6),  // offset beyond the output
            ([0x1f, 0x61, 0x01, 0x00, 0xff], 300),  // truncated length extension
            ([0x10, 0x61, 0x01, 0x00], 5),  // ends with a match
            (LZ4DecompressorTests.block, 12),  // output larger than the page
            (LZ4DecompressorTests.block, 14),  // output smaller than the page
            ([], 1),  // empty
        ]
        for (block, size) in cases {
            #expect(throws: ParquetError.self) { _ = try LZ4DecompressorTests.decompress(block, size: size) }
        }
    }
}
