import Testing
@testable import Parquet
import TestSupport

struct ThriftCompactDecoderTests {
    func decoder(_ bytes: [UInt8], _ body: (inout ThriftCompactDecoder) throws -> Void) throws {
        try bytes.withUnsafeBytes { raw in
            var decoder = ThriftCompactDecoder(raw)
            try body(&decoder)
        }
    }

    @Test(arguments: [
        Int64.min, Int64.min + 1, -1, 0, 1, 63, 64, -64, -65, Int64(Int32.max), Int64(Int32.min), Int64.max - 1,
        Int64.max,
    ])
    func zigzagRoundTrips(value: Int64) throws {
        try decoder(ReferenceEncoders.zigzag(value)) { decoder in
            let decoded = try decoder.readI64()
            #expect(decoded == value)
        }
    }

    @Test func varintExtremes() throws {
        try decoder(ReferenceEncoders.varint(UInt64.max)) { decoder in
            let value = try decoder.readVarint()
            #expect(value == UInt64.max)
        }
        // 11 continuation bytes: too long.
        try decoder([UInt8](repeating: 0xff, count: 11)) { decoder in
            #expect(throws: ParquetError.self) { _ = try decoder.readVarint() }
        }
        // 10th byte may only carry one bit.
        try decoder([UInt8](repeating: 0xff, count: 9) + [0x02]) { decoder in
            #expect(throws: ParquetError.self) { _ = try decoder.readVarint() }
        }
        // Truncated.
        try decoder([0x80]) { decoder in #expect(throws: ParquetError.self) { _ = try decoder.readVarint() } }
    }

    @Test func i32AndI16RangeChecked() throws {
        try decoder(ReferenceEncoders.zigzag(Int64(Int32.max) + 1)) { decoder in
            #expect(throws: ParquetError.self) { _ = try decoder.readI32() }
        }
        try decoder(ReferenceEncoders.zigzag(Int64(Int32.min))) { decoder in
            let value = try decoder.readI32()
            #expect(value == Int32.min)
        }
        try decoder(ReferenceEncoders.zigzag(Int64(Int16.max) + 1)) { decoder in
            #expect(throws: ParquetError.self) { _ = try decoder.readI16() }
        }
    }

    @Test func skipsEveryWireType() throws {
        // struct { 1: bool true, 2: byte, 3: i16, 4: i32, 5: i64, 6: double, 7: binary,
        //          8: list<i32>, 9: set<bool>, 10: map<i32,binary>, 11: struct{1: i32}, 12 (long delta form): i32 }
        var bytes: [UInt8] = [0x11, 0x13, 0x7f, 0x14] + ReferenceEncoders.zigzag(-300)
        bytes += [0x15] + ReferenceEncoders.zigzag(70000) + [0x16] + ReferenceEncoders.zigzag(-1 << 40)
        bytes += [0x17] + [UInt8](repeating: 0x3f, count: 8) + [0x18, 0x03] + Array("abc".utf8)
        bytes += [0x19, 0x25] + ReferenceEncoders.zigzag(1) + ReferenceEncoders.zigzag(2)
        bytes += [0x1a, 0x31, 0x01, 0x02, 0x01]
        bytes += [0x1b, 0x01, 0x58] + ReferenceEncoders.zigzag(7) + [0x01, 0x78]
        bytes += [0x1c, 0x15, 0x02, 0x00]
        bytes += [0x05] + ReferenceEncoders.zigzag(12) + ReferenceEncoders.zigzag(42)
        bytes += [0x00]
        try decoder(bytes) { decoder in
            var found: Int32?
            try decoder.readStruct { decoder, field in
                guard field.id == 12, field.type == .i32 else { return false }
                found = try decoder.readI32()
                return true
            }
            #expect(found == 42)
            #expect(decoder.position == bytes.count)
        }
    }

    @Test func nestingDepthIsBounded() throws {
        // Struct field 1 of type struct, nested 100 times.
        let bytes = [UInt8](repeating: 0x1c, count: 100) + [UInt8](repeating: 0x00, count: 101)
        try decoder(bytes) { decoder in
            #expect(throws: ParquetError.self) { try decoder.readStruct { _, _ in false } }
        }
    }

    @Test func collectionSizeIsBoundedByBytesLeft() throws {
        // list header: size 15 -> varint follows (1_000_000) of i32.
        let bytes: [UInt8] = [0xf5] + ReferenceEncoders.varint(1_000_000) + [0x00, 0x00]
        try decoder(bytes) { decoder in
            #expect(throws: ParquetError.self) { _ = try decoder.readList(expecting: .i32) { try $0.readI32() } }
        }
    }

    @Test func binaryLengthBeyondDataThrows() throws {
        try decoder([0x10, 0x61]) { decoder in #expect(throws: ParquetError.self) { _ = try decoder.readBinary() } }
    }

    @Test func limitsRelate() {
        #expect(ThriftCompactDecoder.nestingDepthMax >= Schema.depthMax / 8)
        #expect(ColumnChunkDecoder.dictionaryEntryCountMax <= ColumnChunkDecoder.chunkRowCountMax)
        #expect(PageIterator.pageSizeBytesMax <= Int(Int32.max))
        #expect(ParquetFile.footerSizeBytesMax <= Int(UInt32.max))
    }
}
