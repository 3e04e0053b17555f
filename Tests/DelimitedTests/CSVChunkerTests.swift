import Delimited
import Testing

@Suite struct CSVChunkerTests {
    static let tricky = Array(
        ("id,desc,qty\r\n"
            + "1,\"multi\nline, with comma\",3\r\n"
            + "\n"
            + "2,bolt 1/2\",4\n"
            + "3,\"say \"\"hi\"\"\",5\n"
            + "4,\"x\r\ny\r\nz\",6\n"
            + "\r\n"
            + "5,a very long record that is much longer than the chunk size of seven bytes,7\n"
            + "6,\"ab\"c,8\n"
            + "7,last,9").utf8)

    @Test func chunksConcatenateToTheInputWithoutBOM() throws {
        let body = Self.tricky
        for chunkSize in [1, 2, 3, 7, 16, 100, 1 << 20] {
            let chunks = try chunks(of: temporaryFile([0xEF, 0xBB, 0xBF] + body), chunkSizeBytes: chunkSize)
            #expect(chunks.flatMap(\.bytes) == body, "chunk size \(chunkSize)")
            #expect(chunks.allSatisfy { !$0.bytes.isEmpty })
        }
    }

    @Test func chunksEndAtRecordBoundaries() throws {
        let chunks = try chunks(of: temporaryFile(Self.tricky), chunkSizeBytes: 7)
        #expect(chunks.count > 5)
        for chunk in chunks.dropLast() { #expect(chunk.bytes.last == 10) }
        var line = 1
        for chunk in chunks {
            #expect(chunk.firstLineNumber == line)
            line += chunk.bytes.filter { $0 == 10 }.count
        }
    }

    @Test func lineNumbersAcrossChunkBoundaries() throws {
        let whole = try rowsChunked(Self.tricky, chunkSizeBytes: 1 << 20)
        #expect(whole.map(\.line) == [1, 2, 5, 6, 7, 11, 12, 13])
        #expect(whole.map(\.malformation) == [nil, nil, nil, nil, nil, nil, "text after closing quote", nil])
        #expect(whole[1].fields == ["1", "multi\nline, with comma", "3"])
        #expect(whole[2].fields == ["2", "bolt 1/2\"", "4"])
        #expect(whole[4].fields == ["4", "x\r\ny\r\nz", "6"])
        for chunkSize in [1, 2, 3, 7, 11] {
            #expect(try rowsChunked(Self.tricky, chunkSizeBytes: chunkSize) == whole, "chunk size \(chunkSize)")
        }
    }

    @Test func recordLongerThanChunkSizeStaysWhole() throws {
        let long = String(repeating: "x", count: 1000)
        let input = Array("a,b\n\(long),\"\(long)\nsecond\"\nc,d\n".utf8)
        let chunks = try chunks(of: temporaryFile(input), chunkSizeBytes: 7)
        #expect(chunks.first?.bytes == Array("a,b\n".utf8))
        #expect(chunks.dropFirst().first?.firstLineNumber == 2)
        #expect(chunks.flatMap(\.bytes) == input)
        let rows = try rowsChunked(input, chunkSizeBytes: 7)
        #expect(rows.map(\.fields) == [["a", "b"], [long, long + "\nsecond"], ["c", "d"]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test func unterminatedQuoteAtEndOfInputIsTheLastChunk() throws {
        let input = Array("a,b\n1,2\n3,\"open\nmore\nstill open\n".utf8)
        let chunks = try chunks(of: temporaryFile(input), chunkSizeBytes: 4)
        #expect(chunks.last.map { String(decoding: $0.bytes, as: UTF8.self) } == "3,\"open\nmore\nstill open\n")
        let rows = try rowsChunked(input, chunkSizeBytes: 4)
        #expect(rows.count == 3)
        #expect(rows[2].line == 3)
        #expect(rows[2].malformation == "unterminated quote")
        #expect(rows[2].raw == "3,\"open\nmore\nstill open")
    }

    @Test func recordSizeLimitThrows() throws {
        let stream = try InputStream(
            path: temporaryFile(Array("a\n\"never closed\nxxxxxxxxxxxxxxxxxxxxxxxx\nyyyy".utf8)))
        let chunker = CSVChunker(stream: stream, chunkSizeBytes: 2, recordSizeBytesMax: 16)
        #expect(try chunker.nextChunk()?.bytes == Array("a\n".utf8))
        let error = thrownError { () throws(DelimitedError) in _ = try chunker.nextChunk() }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
    }

    @Test func emptyAndBOMOnlyInputsGiveNoChunk() throws {
        #expect(try chunks(of: temporaryFile([]), chunkSizeBytes: 7).isEmpty)
        #expect(try chunks(of: temporaryFile([0xEF, 0xBB, 0xBF]), chunkSizeBytes: 1).isEmpty)
        #expect(try chunks(of: temporaryFile([0xEF, 0xBB]), chunkSizeBytes: 1).flatMap(\.bytes) == [0xEF, 0xBB])
    }

    @Test func peekDoesNotConsume() throws {
        let input = Array("\u{FEFF}x;y\n1;2\n".utf8)
        let chunker = CSVChunker(stream: try InputStream(path: temporaryFile(input)), chunkSizeBytes: 3)
        #expect(try chunker.peek(byteCountMax: 4) == Array("x;y\n".utf8))
        chunker.dialect = .semicolon
        var all: [UInt8] = []
        while let chunk = try chunker.nextChunk() { all += chunk.bytes }
        #expect(all == Array("x;y\n1;2\n".utf8))
    }

    /// Random records (quotes, delimiters, LF, CRLF inside fields, empty and
    /// ragged rows) survive writing and chunked parsing at every chunk size.
    @Test func randomRecordsRoundTrip() throws {
        var random = SplitMix64(state: 42)
        let alphabet: [String] = ["a", "b", "7", " ", ",", "\"", "\n", "\r\n", "é", ";"]
        var expected: [[String]] = []
        var input = ""
        for _ in 0..<300 {
            var fields: [String] = []
            for _ in 0..<(1 + random.below(5)) {
                fields.append((0..<random.below(6)).map { _ in alphabet[random.below(alphabet.count)] }.joined())
            }
            expected.append(fields)
            input += fields.map { field in
                let needsQuotes =
                    field.utf8.contains(44) || field.utf8.contains(10) || field.utf8.first == 34
                    || (fields.count == 1 && field.isEmpty)
                return needsQuotes || random.below(2) == 0 ? "\"" + field.replacingQuotes() + "\"" : field
            }.joined(separator: ",")
            input += random.below(2) == 0 ? "\n" : "\r\n"
        }
        let bytes = Array(input.utf8)
        for chunkSize in [1, 5, 64, 1 << 20] {
            let rows = try rowsChunked(bytes, chunkSizeBytes: chunkSize)
            #expect(rows.map(\.fields) == expected, "chunk size \(chunkSize)")
            #expect(rows.allSatisfy { $0.malformation == nil })
        }
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self { result += character == "\"" ? "\"\"" : String(character) }
        return result
    }
}
