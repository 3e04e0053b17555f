import Delimited
import Testing

@Suite struct RecordBatchTests {
    @Test func quotedFieldHoldsDelimiters() {
        #expect(
            parseWhole("a,\"b,c\",d\n") == [
                Row(
                    fields: ["a", "b,c", "d"], quoted: [false, true, false], line: 1, raw: "a,\"b,c\",d",
                    malformation: nil)
            ])
    }

    @Test func doubledQuotesBecomeOne() {
        #expect(
            parseWhole("\"he said \"\"hi\"\"\",\"\"\"\"\n") == [
                Row(
                    fields: ["he said \"hi\"", "\""], quoted: [true, true], line: 1,
                    raw: "\"he said \"\"hi\"\"\",\"\"\"\"", malformation: nil)
            ])
    }

    @Test func quotedFieldsHoldLineFeedsAndCRLF() {
        let rows = parseWhole("\"line1\nline2\",b\r\n\"x\r\ny\",z\nlast,1\n")
        #expect(
            rows == [
                Row(
                    fields: ["line1\nline2", "b"], quoted: [true, false], line: 1, raw: "\"line1\nline2\",b",
                    malformation: nil),
                Row(fields: ["x\r\ny", "z"], quoted: [true, false], line: 3, raw: "\"x\r\ny\",z", malformation: nil),
                Row(fields: ["last", "1"], quoted: [false, false], line: 5, raw: "last,1", malformation: nil),
            ])
    }

    @Test func crlfLineEndsAreDropped() {
        #expect(
            parseWhole("a,b\r\nc,\r\n\"q\"\r\n") == [
                Row(fields: ["a", "b"], quoted: [false, false], line: 1, raw: "a,b", malformation: nil),
                Row(fields: ["c", ""], quoted: [false, false], line: 2, raw: "c,", malformation: nil),
                Row(fields: ["q"], quoted: [true], line: 3, raw: "\"q\"", malformation: nil),
            ])
    }

    @Test func carriageReturnElsewhereIsData() {
        #expect(
            parseWhole("a\rb,c\r") == [
                Row(fields: ["a\rb", "c\r"], quoted: [false, false], line: 1, raw: "a\rb,c\r", malformation: nil)
            ])
    }

    @Test func emptyFieldsAreUnquoted() {
        #expect(
            parseWhole("a,,b\n,\n") == [
                Row(fields: ["a", "", "b"], quoted: [false, false, false], line: 1, raw: "a,,b", malformation: nil),
                Row(fields: ["", ""], quoted: [false, false], line: 2, raw: ",", malformation: nil),
            ])
    }

    @Test func quotedEmptyField() {
        #expect(
            parseWhole("\"\",x,\"\"\n\"\"\n") == [
                Row(
                    fields: ["", "x", ""], quoted: [true, false, true], line: 1, raw: "\"\",x,\"\"", malformation: nil),
                Row(fields: [""], quoted: [true], line: 2, raw: "\"\"", malformation: nil),
            ])
    }

    @Test func trailingDelimiterAtEndOfInputMakesEmptyLastField() {
        #expect(parseWhole("a,b,").first?.fields == ["a", "b", ""])
    }

    @Test func raggedRowsKeepTheirFieldCounts() {
        let rows = parseWhole("a,b,c\n1\n2,3,4,5\n")
        #expect(rows.map(\.fields.count) == [3, 1, 4])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func emptyLinesAreSkippedButCounted() {
        let rows = parseWhole("\na,b\n\n\r\nc,d\n\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(rows.map(\.line) == [2, 5])
    }

    @Test func quotesInsideUnquotedFieldsAreData() {
        #expect(
            parseWhole("bolt 1/2\",3\nx\"y\"z,4\n") == [
                Row(
                    fields: ["bolt 1/2\"", "3"], quoted: [false, false], line: 1, raw: "bolt 1/2\",3", malformation: nil
                ),
                Row(fields: ["x\"y\"z", "4"], quoted: [false, false], line: 2, raw: "x\"y\"z,4", malformation: nil),
            ])
    }

    @Test func nonUTF8BytesAreKept() {
        let batch = RecordBatch()
        let bytes: [UInt8] = [0xFF, 0xFE, 44, 0x80, 0x22, 10]
        RecordBatch.parse(CSVChunk(bytes: bytes, firstLineNumber: 1), dialect: .comma, into: batch)
        #expect(batch.count == 1)
        #expect(Array(batch.field(0, 0)) == [0xFF, 0xFE])
        #expect(Array(batch.field(0, 1)) == [0x80, 0x22])
        #expect(Array(batch.rawText(0)) == [0xFF, 0xFE, 44, 0x80, 0x22])
    }

    @Test func unterminatedQuoteAtEndIsMalformed() {
        let rows = parseWhole("a,b\n1,2\n3,\"open\nmore\n")
        #expect(rows.count == 3)
        #expect(rows[2].line == 3)
        #expect(rows[2].malformation == "unterminated quote")
        #expect(rows[2].raw == "3,\"open\nmore")
        #expect(rows[0].malformation == nil)
        #expect(rows[1].malformation == nil)
    }

    @Test func textAfterClosingQuoteIsMalformed() {
        let rows = parseWhole("\"ab\"c,d\nx,\"y\" \n\"ok\",1\n")
        #expect(rows.map(\.malformation) == ["text after closing quote", "text after closing quote", nil])
        #expect(rows[0].fields.count == 2)
        #expect(rows[0].raw == "\"ab\"c,d")
        #expect(rows[1].raw == "x,\"y\" ")
        #expect(rows[2].fields == ["ok", "1"])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func otherDelimiters() {
        #expect(parseWhole("a;\"b;c\";d\n", dialect: .semicolon).first?.fields == ["a", "b;c", "d"])
        #expect(parseWhole("a\t\"b\tc\"\td\n", dialect: .tab).first?.fields == ["a", "b\tc", "d"])
        #expect(parseWhole("a|b,c|d\n", dialect: .pipe).first?.fields == ["a", "b,c", "d"])
    }

    @Test func firstLineNumberOffsetsRecords() {
        let batch = RecordBatch()
        RecordBatch.parse(
            CSVChunk(bytes: Array("a\n\"b\nc\"\nd".utf8), firstLineNumber: 41), dialect: .comma, into: batch)
        #expect(rows(of: batch).map(\.line) == [41, 42, 44])
    }

    @Test func batchIsReusableAcrossChunks() {
        let batch = RecordBatch()
        let big = String(repeating: "\"x\"\"y\",long field text\n", count: 500)
        RecordBatch.parse(CSVChunk(bytes: Array(big.utf8), firstLineNumber: 1), dialect: .comma, into: batch)
        #expect(batch.count == 500)
        #expect(text(batch.field(499, 0)) == "x\"y")
        RecordBatch.parse(
            CSVChunk(bytes: Array("p,\"q\"\"\"\n".utf8), firstLineNumber: 7), dialect: .comma, into: batch)
        #expect(
            rows(of: batch) == [
                Row(fields: ["p", "q\""], quoted: [false, true], line: 7, raw: "p,\"q\"\"\"", malformation: nil)
            ])
        RecordBatch.parse(CSVChunk(bytes: [], firstLineNumber: 9), dialect: .comma, into: batch)
        #expect(batch.count == 0)
    }
}
