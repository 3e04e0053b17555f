import Delimited
import Testing

@testable import Layouts

/// The JSON rows of Census API responses (`JSONRows`, `JSONRowsSource`):
/// values and escapes, any white space, chunk cuts, and hostile bytes.
struct JSONRowsTests {
    /// The header names and the rows (fields as text, or the malformation) of `text`, cut into chunks of
    /// about `chunkSize` bytes the way `JSONRowsSource` cuts them.
    static func read(_ text: String, chunkSize: Int = 1 << 20) -> (names: [String], rows: [String])? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw -> ([String], [String])? in
            guard let header = try? JSONRows.header(raw) else { return nil }
            var rows: [String] = []
            var start = header.end
            var line = 1 + header.lines
            let batch = RecordBatch()
            while start < raw.count {
                let (end, lines) = JSONRows.boundary(raw, from: start, size: chunkSize)
                let chunk = CSVChunk(bytes: Array(raw[start..<end]), firstLineNumber: line)
                batch.beginBuilding(chunk)
                chunk.bytes.withUnsafeBytes { JSONRows.parse($0, firstLine: line, into: batch) }
                for record in 0..<batch.count {
                    if let reason = batch.malformation(record) {
                        rows.append("line \(batch.lineNumber(record)): \(reason)")
                    } else {
                        let fields = (0..<batch.fieldCount(record)).map {
                            String(decoding: batch.field(record, $0), as: UTF8.self)
                        }
                        rows.append(fields.joined(separator: "|"))
                    }
                }
                #expect(lines == chunk.bytes.filter { $0 == 0x0a }.count)
                line += lines
                start = end
            }
            return (header.names, rows)
        }
    }

    @Test func rowsPerLineAsTheAPIWritesThem() throws {
        let text = """
            [["CTY_CODE","I_COMMODITY","CON_VAL_MO","time"],
            ["5700","8504400000","1000","2024-01"],
            ["2010","8708295160","700","2024-02"]]
            """
        let read = try #require(JSONRowsTests.read(text))
        #expect(read.names == ["CTY_CODE", "I_COMMODITY", "CON_VAL_MO", "time"])
        #expect(read.rows == ["5700|8504400000|1000|2024-01", "2010|8708295160|700|2024-02"])
    }

    @Test func valuesEscapesNullsAndNumbers() throws {
        let text =
            #"[["a","b","c","d"],["CHINA \"PRC\" \u00e9\ud83d\ude00\/\\",null,12.5e3,true],["\n\t","","-1",false]]"#
        let read = try #require(JSONRowsTests.read(text))
        #expect(read.rows == ["CHINA \"PRC\" é😀/\\||12.5e3|true", "\n\t||-1|false"])
    }

    @Test func anyWhiteSpaceAndAnyChunkSizeGiveTheSameRows() throws {
        let rows = (0..<50).map { #"["\#($0)","x\"y","\#($0 * 7)"]"# }
        let compact = "[" + (["[\"n\",\"t\",\"v\"]"] + rows).joined(separator: ",") + "]"
        let pretty =
            "[\n  " + (["[\n    \"n\",\n    \"t\",\n    \"v\"\n  ]"] + rows).joined(separator: ",\n  ") + "\n]\n"
        let want = try #require(JSONRowsTests.read(compact)).rows
        #expect(want.count == 50 && want[3] == "3|x\"y|21")
        for text in [compact, pretty] {
            for size in [1, 7, 64, 1 << 20] {
                #expect(JSONRowsTests.read(text, chunkSize: size)?.rows == want, "chunks of \(size)")
            }
        }
    }

    @Test func malformedRowsAreRecordsWithAReason() throws {
        let text = """
            [["a","b"],
            ["1","2"],
            ["1" "2"],
            {"a":1},
            ["x",["nested"]],
            ["bad \u{01} control"],
            ["3","4"]]
            trailing
            """
        let read = try #require(JSONRowsTests.read(text))
        #expect(
            read.rows == [
                "1|2", "line 3: expected , or ] after a value, found '\"'",
                "line 4: expected a row [\"…\", …], found '{'",
                "line 5: a nested array or object is no field value",
                "line 6: a control character (byte 0x1) inside a string", "3|4",
                "line 8: text after the end of the JSON array",
            ], "\(read.rows)")
    }

    @Test func aHeaderThatIsNoRowOfNamesIsRefused() {
        for text in ["", "   ", "{}", "[]", "[1,2]", "[[]]", "[[\"a\"", "[\"a\",\"b\"]", "nonsense"] {
            #expect(JSONRowsTests.read(text) == nil, "\(text)")
        }
    }

    /// Random bytes and random cuts of a valid response: rows or malformed records, never a trap, and the
    /// chunk cuts always advance.
    @Test func hostileBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let valid = Array(#"[["a","b"],["1","x\"\\\u00e9"],[null,2]]"#.utf8)
        let alphabet = Array(#"[]{},:"\ nu0123456789abcdefABCDEF"#.utf8) + [0x0a, 0x00, 0xff]
        for round in 0..<20_000 {
            var bytes = valid
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                }
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[at] = alphabet.randomElement(using: &generator)!
                }
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            }
            _ = JSONRowsTests.read(String(decoding: bytes, as: UTF8.self), chunkSize: Int.random(in: 1...16))
            bytes.withUnsafeBytes { raw in
                let batch = RecordBatch()
                batch.beginBuilding(CSVChunk(bytes: bytes, firstLineNumber: 1))
                JSONRows.parse(raw, firstLine: 1, into: batch)
            }
        }
    }
}
