@testable import Parquet
import Testing

/// Values that do not fit their column are refused before any encoder reads
/// them through a raw pointer sized by the column's type.
struct WriterInputTests {
    static let cases: [(ColumnData, WriterColumn, String)] = [
        (ColumnData(.int32([1, 2])), WriterColumn(name: "a", physicalType: .int64), "INT32 values for a INT64 column"),
        (ColumnData(.float([1])), WriterColumn(name: "a", physicalType: .double), "FLOAT values for a DOUBLE column"),
        (
            ColumnData(.byteArray(offsets: [0, 0], bytes: [])), WriterColumn(name: "a", physicalType: .boolean),
            "BYTE_ARRAY values for a BOOLEAN column"
        ),
        (
            ColumnData(.byteArray(offsets: [0, 5, 3], bytes: [1, 2, 3, 4, 5])),
            WriterColumn(name: "a", physicalType: .byteArray), "offsets that do not rise"
        ),
        (
            ColumnData(.byteArray(offsets: [0, 9], bytes: [1])), WriterColumn(name: "a", physicalType: .byteArray),
            "within its 1 bytes"
        ),
        (
            ColumnData(.fixedLenByteArray(width: 4, bytes: [1, 2, 3, 4])),
            WriterColumn(name: "a", physicalType: .fixedLenByteArray, typeLength: 16), "for a 16-byte column"
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func mismatchedValuesAreRefused(index: Int) {
        let (data, column, phrase) = WriterInputTests.cases[index]
        do {
            _ = try ParquetWriter.encodeRowGroup([data], columns: [column], options: WriterOptions())
            Issue.record("no error for \(phrase)")
        } catch let error as ParquetError {
            #expect(error.code == .corruptValues)
            #expect(error.description.contains(phrase), "\(error.description)")
        } catch {
            Issue.record("not a ParquetError: \(error)")
        }
    }

    @Test func matchingValuesPass() throws {
        let data = ColumnData(.byteArray(offsets: [0, 2, 2, 5], bytes: Array("abcde".utf8)))
        let group = try ParquetWriter.encodeRowGroup(
            [data], columns: [WriterColumn(name: "a", physicalType: .byteArray)], options: WriterOptions())
        #expect(group.rowCount == 3)
    }
}
