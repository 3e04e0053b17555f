import Testing
@testable import Parquet
import TestSupport

struct SnappyDecompressorTests {
    static func decompress(_ block: [UInt8], size: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        try block.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { target in try SnappyDecompressor.decompress(input, into: target) }
        }
        return output
    }

    @Test func literalsAndOverlappingCopies() throws {
        // "ab" literal then copy (1-byte offset form) of 8 bytes at distance 2 -> "ababababab".
        let block: [UInt8] = ReferenceEncoders.varint(10) + [0x04, 0x61, 0x62] + [0x01 | (4 << 2), 0x02]
        #expect(try SnappyDecompressorTests.decompress(block, size: 10) == Array("ababababab".utf8))
        // Two-byte offset form: copy 3 bytes from distance 3.
        let second: [UInt8] = ReferenceEncoders.varint(6) + [0x08, 0x78, 0x79, 0x7a] + [0x02 | (2 << 2), 0x03, 0x00]
        #expect(try SnappyDecompressorTests.decompress(second, size: 6) == Array("xyzxyz".utf8))
    }

    @Test func longLiteralLengthForm() throws {
        let payload = [UInt8](repeating: 0x41, count: 100)
        let block: [UInt8] = ReferenceEncoders.varint(100) + [60 << 2, 99] + payload
        #expect(try SnappyDecompressorTests.decompress(block, size: 100) == payload)
    }

    @Test func malformedBlocksThrow() {
        let cases: [([UInt8], Int)] = [
            (ReferenceEncoders.varint(4) + [0x0c, 0x61], 4),  // literal longer than input
            (ReferenceEncoders.varint(4) + [0x00, 0x61, 0x01 | (0 << 2), 0x05], 4),  // copy distance beyond output
            (ReferenceEncoders.varint(4) + [0x00, 0x61, 0x01, 0x00], 4),  // copy distance 0
            (ReferenceEncoders.varint(5) + [0x00, 0x61], 2),  // length differs from header
            (ReferenceEncoders.varint(3) + [0x00, 0x61], 3),  // block ends early
            ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 1),  // bad preamble
        ]
        for (block, size) in cases {
            #expect(throws: ParquetError.self) { _ = try SnappyDecompressorTests.decompress(block, size: size) }
        }
    }
}
