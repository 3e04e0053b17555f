import Delimited
import TestSupport
import Testing

@Suite struct CSVReaderTests {
    static let input = "\u{FEFF}id;name;amount\r\n1;\"Smith; J\";10,5\r\n\r\n2;Müller;7\r\n3;\"two\nlines\";1\r\n"

    func readAllRows(_ reader: CSVReader) throws(DelimitedError) -> [Row] {
        let batch = RecordBatch()
        var result: [Row] = []
        while try reader.next(into: batch) { result += rows(of: batch) }
        return result
    }

    @Test func readsHeaderAndRecords() throws {
        for chunkSize in [1, 7, 1 << 20] {
            let reader = try CSVReader(path: temporaryFile(Array(Self.input.utf8)), chunkSizeBytes: chunkSize)
            #expect(reader.dialect == .semicolon)
            #expect(reader.header == ["id", "name", "amount"])
            #expect(reader.headerLineNumber == 1)
            let rows = try readAllRows(reader)
            #expect(
                rows.map(\.fields) == [["1", "Smith; J", "10,5"], ["2", "Müller", "7"], ["3", "two\nlines", "1"]])
            #expect(rows.map(\.line) == [2, 4, 5])
            let batch = RecordBatch()
            #expect(try reader.next(into: batch) == false)
            #expect(batch.count == 0)
        }
    }

    /// A header after a preamble (DataWeb: a quoted title holding commas, a row count): found by its first
    /// field, in any chunk size; line numbers stay the file's; a file without one is one clear error.
    @Test func aHeaderAfterAPreambleIsFoundByItsFirstField() throws {
        let input =
            "\"General Imports|Monthly data for 2023,2024\",,\nData Row Count,2,\n Data type ,Country,2023\n"
            + "Customs Value,China,1.00\n"
        for chunkSize in [1, 7, 1 << 20] {
            let reader = try CSVReader(
                stream: InputStream(path: temporaryFile(Array(input.utf8))), chunkSizeBytes: chunkSize,
                headerFirstField: "Data Type")
            #expect(reader.header == [" Data type ", "Country", "2023"], "chunk size \(chunkSize)")
            #expect(reader.headerLineNumber == 3)
            let rows = try readAllRows(reader)
            #expect(rows.map(\.fields) == [["Customs Value", "China", "1.00"]] && rows.map(\.line) == [4])
        }
        let path = temporaryFile(Array("a,b\n1,2\n".utf8))
        let none = thrownError { () throws(DelimitedError) in
            _ = try CSVReader(stream: InputStream(path: path), headerFirstField: "Data Type")
        }
        #expect(none?.description.hasSuffix("no header record starting with 'Data Type'") == true, "\(none as Any)")
    }

    @Test func givenDialectIsUsed() throws {
        let reader = try CSVReader(path: temporaryFile(Array("a;b,c\n1;2,3\n".utf8)), dialect: .comma)
        #expect(reader.dialect == .comma)
        #expect(reader.header == ["a;b", "c"])
    }

    @Test func rawChunksAfterHeaderForParallelParsing() throws {
        let reader = try CSVReader(path: temporaryFile(Array(Self.input.utf8)), chunkSizeBytes: 5)
        var chunks: [CSVChunk] = []
        while let chunk = try reader.nextChunk() { chunks.append(chunk) }
        let expected = Array(Self.input.utf8.dropFirst(3 + "id;name;amount\r\n".utf8.count))
        #expect(chunks.flatMap(\.bytes) == expected)
        #expect(chunks.first?.firstLineNumber == 2)
    }

    @Test func compressedInputAndThroughputCounter() throws {
        let bytes = Array(Self.input.utf8)
        for compressed in [gzip(bytes), zstd(bytes)] {
            let reader = try CSVReader(path: temporaryFile(compressed, name: "data.bin"))
            #expect(reader.header == ["id", "name", "amount"])
            #expect(try readAllRows(reader).count == 3)
            #expect(reader.compressedBytesRead == compressed.count)
        }
    }

    @Test func headerWithInvalidUTF8IsRepaired() throws {
        let reader = try CSVReader(path: temporaryFile([0x61, 0xFF, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A]))
        #expect(reader.header == ["a\u{FFFD}", "b"])
    }

    @Test func leadingEmptyLinesBeforeHeader() throws {
        let reader = try CSVReader(path: temporaryFile(Array("\n\r\n\na,b\n1,2".utf8)), chunkSizeBytes: 1)
        #expect(reader.header == ["a", "b"])
        #expect(reader.headerLineNumber == 4)
        #expect(try readAllRows(reader).map(\.line) == [5])
    }

    @Test func emptyInputIsMalformed() {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8)] {
            let error = thrownError { () throws(DelimitedError) in _ = try CSVReader(path: temporaryFile(bytes)) }
            #expect(error?.code == .malformed)
            #expect(error?.message.contains("empty input") == true)
        }
        let error = thrownError { () throws(DelimitedError) in
            _ = try CSVReader(path: temporaryFile(gzip([]), name: "empty.csv.gz"))
        }
        #expect(error?.code == .malformed)
    }

    @Test func malformedHeaderThrows() {
        let error = thrownError { () throws(DelimitedError) in
            _ = try CSVReader(path: temporaryFile(Array("\n\"a\"b,c\n1,2\n".utf8)))
        }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
        #expect(error?.message.contains("text after closing quote") == true)
    }

    @Test func missingFileIsNotFound() {
        let error = thrownError { () throws(DelimitedError) in
            _ = try CSVReader(path: FixturePaths.temporaryDirectory() + "/nope.csv")
        }
        #expect(error?.code == .notFound)
    }
}

extension CSVReaderTests {
    @Test func invalidDialectThrows() {
        let path = temporaryFile(Array("a,b\n".utf8))
        let error = thrownError { () throws(DelimitedError) in
            _ = try CSVReader(path: path, dialect: CSVDialect(delimiter: 34))
        }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("invalid dialect") == true)
    }
}
