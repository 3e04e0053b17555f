import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Parquet
import TestSupport

/// Files written by roo read back with roo's reader to the same values, for
/// every type × nullability × dictionary × codec × page version.
struct WriterRoundTripTests {
    struct Setting: CustomTestStringConvertible, Sendable {
        var codec: CompressionCodec
        var dictionary: Bool
        var pageVersion: Int
        var testDescription: String { "\(codec) dictionary=\(dictionary) v\(pageVersion)" }
    }

    static let settings: [Setting] = [CompressionCodec.uncompressed, .snappy, .zstd].flatMap { codec in
        [true, false].flatMap { dictionary in
            [1, 2].map { Setting(codec: codec, dictionary: dictionary, pageVersion: $0) }
        }
    }

    static let rows = 5_000

    /// Row value as raw PLAIN bytes (nil = null), per column.
    static func expected(_ column: Int, _ row: Int, optional: Bool) -> [UInt8]? {
        if optional && row % 7 == 3 { return nil }
        let small = row % 13  // repeats, so dictionaries are small
        switch column {
        case 0: return [UInt8(row % 3 == 0 ? 1 : 0)]
        case 1: return withUnsafeBytes(of: Int32(small - 6).littleEndian) { Array($0) }
        case 2: return withUnsafeBytes(of: (Int64(row) * 1_000_003 - 7).littleEndian) { Array($0) }
        case 3: return withUnsafeBytes(of: Float(small) / 4) { Array($0) }
        case 4: return withUnsafeBytes(of: Double(row) / 3) { Array($0) }
        case 5: return Array("key-\(small)-\(String(repeating: "x", count: small))".utf8)
        default: return Array("AB\(small % 10)".utf8)
        }
    }

    static let columnTypes: [(PhysicalType, LogicalType?, Int)] = [
        (.boolean, nil, 0), (.int32, .integer(bitWidth: 32, isSigned: true), 0),
        (.int64, .decimal(scale: 2, precision: 18), 0),
        (.float, nil, 0), (.double, nil, 0), (.byteArray, .string, 0), (.fixedLenByteArray, nil, 3),
    ]

    static func columnData(_ column: Int, optional: Bool) -> ColumnData {
        var validity: [Bool] = []
        var present: [[UInt8]] = []
        for row in 0..<rows {
            let value = expected(column, row, optional: optional)
            validity.append(value != nil)
            if let value { present.append(value) }
        }
        func load<T>(_: T.Type) -> [T] {
            present.map { bytes in bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) } }
        }
        let values: ColumnData.Values
        switch column {
        case 0: values = .boolean(present.map { $0[0] == 1 })
        case 1: values = .int32(load(Int32.self))
        case 2: values = .int64(load(Int64.self))
        case 3: values = .float(load(Float.self))
        case 4: values = .double(load(Double.self))
        case 5:
            var offsets = [0]
            var bytes: [UInt8] = []
            for value in present {
                bytes += value
                offsets.append(bytes.count)
            }
            values = .byteArray(offsets: offsets, bytes: bytes)
        default: values = .fixedLenByteArray(width: 3, bytes: present.flatMap { $0 })
        }
        return ColumnData(values, validity: optional ? validity : nil)
    }

    @Test(arguments: settings)
    func roundTrip(_ setting: Setting) throws {
        var options = WriterOptions()
        options.codec = setting.codec
        options.dictionaryEnabled = setting.dictionary
        options.dataPageVersion = setting.pageVersion
        options.pageRowCountMax = 1_000
        options.keyValueMetadata = [KeyValue(key: "roo.test", value: "round trip")]
        var columns: [WriterColumn] = []
        var data: [ColumnData] = []
        for optional in [false, true] {
            for (index, type) in WriterRoundTripTests.columnTypes.enumerated() {
                columns.append(
                    WriterColumn(
                        name: "c\(index)_\(optional ? "opt" : "req")", physicalType: type.0, logicalType: type.1,
                        isOptional: optional, typeLength: type.2))
                data.append(WriterRoundTripTests.columnData(index, optional: optional))
            }
        }
        // ROO_WRITER_OUTPUT_DIR keeps the files for scripts/check/writer.sh (pyarrow, DuckDB, Polars).
        let directory = getenv("ROO_WRITER_OUTPUT_DIR").map { String(cString: $0) } ?? FixturePaths.temporaryDirectory()
        let path = directory + "/roundtrip-\(setting.codec)-dict\(setting.dictionary)-v\(setting.pageVersion).parquet"
        let writer = try ParquetWriter(path: path, columns: columns, options: options)
        try writer.write(data)
        try writer.write(data)  // a second row group
        try writer.close()

        let file = try ParquetFile(path: path)
        #expect(file.rowGroupCount == 2)
        #expect(file.rowCount == Int64(2 * WriterRoundTripTests.rows))
        #expect(file.metadata.keyValueMetadata.contains(KeyValue(key: "roo.test", value: "round trip")))
        let decoder = ColumnChunkDecoder()
        let batch = ColumnBatch()
        for group in 0..<2 {
            for (columnIndex, column) in columns.enumerated() {
                try decoder.decode(file, rowGroup: group, column: columnIndex, into: batch)
                #expect(batch.rowCount == WriterRoundTripTests.rows)
                var mismatches = 0
                for row in 0..<batch.rowCount {
                    let wanted = WriterRoundTripTests.expected(columnIndex % 7, row, optional: column.isOptional)
                    let got: [UInt8]? = batch.isValid(row) ? Array(batch.bytes(at: row)) : nil
                    if got != wanted { mismatches += 1 }
                }
                #expect(mismatches == 0, "\(column.name): \(mismatches) rows differ")
                let stats = file.metadata.rowGroups[group].columns[columnIndex].metaData?.statistics
                #expect(
                    stats?.nullCount
                        == Int64(column.isOptional ? (0..<WriterRoundTripTests.rows).filter { $0 % 7 == 3 }.count : 0))
            }
        }
    }

    @Test func failedWriteLeavesNoFile() throws {
        let path = FixturePaths.temporaryDirectory() + "/aborted.parquet"
        let writer = try ParquetWriter(
            path: path, columns: [WriterColumn(name: "a", physicalType: .int64, isOptional: false)])
        #expect(throws: ParquetError.self) { try writer.write([ColumnData(.int64([1, 2]), validity: [true, false])]) }
        writer.abort()
        #expect(!FixturePaths.exists(path))
        #expect(FixturePaths.list(NSStringLike(path).directory).isEmpty)
    }
}

/// Directory of a path (tests only).
struct NSStringLike {
    var text: String
    init(_ text: String) { self.text = text }
    var directory: String { String(text[..<(text.lastIndex(of: "/") ?? text.endIndex)]) }
}
