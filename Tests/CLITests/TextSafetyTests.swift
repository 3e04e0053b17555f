import Foundation
import Parquet
import Reports
import TestSupport
import Testing
import TextFormats

/// Text from inputs is inert everywhere roo writes it: no spreadsheet
/// formula, no row broken by a line break, no control byte on a terminal.
struct TextSafetyTests {
    /// Keys a hostile extract could hold, with the origin's bytes.
    static let hostileKeys: [[UInt8]] = [
        Array("=HYPERLINK(\"http://x\",\"a\")".utf8), Array("+1".utf8), Array("-1+2".utf8), Array("@SUM(A1)".utf8),
        [0x09] + Array("TAB".utf8), [0x0d] + Array("CR".utf8), [0x0d, 0x0a] + Array("=CMD|'/c calc'!A0".utf8),
        Array("A".utf8) + [0x0d, 0x0a] + Array("=CMD|'/c calc'!A0".utf8), Array("B\t=1+1".utf8), Array("C\n@x".utf8),
    ]

    static func hostileCSV() throws -> String {
        var bytes = Array("origin,partner,hs_code,customs_value,duty\n".utf8)
        for key in hostileKeys {
            // Quoted so that CR, LF and tabs stay inside the field.
            bytes +=
                [0x22] + key.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22] + Array(",MX,870323,1.00,0\n".utf8)
        }
        let path = FixturePaths.temporaryDirectory() + "/hostile.csv"
        #expect(FixturePaths.write(bytes, to: path))
        return path
    }

    static func startsFormula(_ field: Substring) -> Bool {
        guard let first = field.utf8.first else { return false }
        return DelimitedText.startsFormula(first)
    }

    @Test func everyTextFormatKeepsHostileKeysInert() throws {
        let input = try TextSafetyTests.hostileCSV()
        let directory = FixturePaths.temporaryDirectory()
        for format in ["csv", "tsv"] {
            let run = try CLITests.roo(["summarize", input, "--table", "by_origin", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            let separator: Character = format == "csv" ? "," : "\t"
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(
                lines.count == TextSafetyTests.hostileKeys.count + 1,
                "\(format): one line per key, none broken: \(run.stdout)")
            for line in lines.dropFirst() {
                #expect(
                    !line.contains("\r") && !line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" },
                    "\(format): \(line)")
                let origin = line.split(separator: separator, omittingEmptySubsequences: false).first ?? ""
                let unquoted = origin.hasPrefix("\"") ? origin.dropFirst() : origin
                #expect(!TextSafetyTests.startsFormula(unquoted), "\(format): unguarded \(origin)")
            }
        }
        for (format, marker) in [("md", "|"), ("jsonl", "{")] {
            let run = try CLITests.roo(["summarize", input, "--table", "by_origin", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(
                !run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(format) holds a control byte")
            #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(marker) }, "\(format): \(run.stdout)")
        }
        // The workbook stores text as inline strings, never formulas; the report escapes it.
        let workbook = directory + "/r.xlsx"
        #expect(try CLITests.roo(["summarize", input, "--output", workbook]).status == 0)
        let unzip = try OutputSafetyTests.bash("unzip -p '\(workbook)' 'xl/worksheets/*.xml'", in: directory)
        #expect(
            unzip.status == 0 && unzip.stdout.contains("inlineStr") && !unzip.stdout.contains("<f>")
                && !unzip.stdout.contains("<f "))
        let report = try CLITests.roo(["summarize", input, "--format", "html"])
        #expect(
            report.status == 0 && !report.stdout.contains("=HYPERLINK(\"HTTP")
                && report.stdout.contains("=HYPERLINK(&quot;HTTP"))
    }

    @Test func rejectsAndCatGuardTextButNotNumbers() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/rejects-in.csv"
        let text = "origin,partner,hs_code,customs_value,duty\n\"=CMD\",MX,7,-12.50,0\n\"A\r\n=B\",MX,7,\"@x\",0\n"
        #expect(FixturePaths.write(Array(text.utf8), to: path))
        let run = try CLITests.roo([
            "summarize", path, "--table", "totals", "--rejects", directory + "/rejects.csv", "--allow-empty",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.csv") ?? [], as: UTF8.self)
        #expect(rejects.contains(",'=CMD,MX,7,-12.50,0\n"), "\(rejects)")
        #expect(rejects.contains(",\"A\r\n=B\",MX,7,'@x,0\n"), "a quoted CRLF keeps the row whole: \(rejects)")
        // roo cat --format csv: a string column starting like a formula is guarded.
        let parquet = directory + "/t.parquet"
        let csv = directory + "/t.csv"
        #expect(FixturePaths.write(Array("name,amount\n=1+1,-3\nplain,4\n".utf8), to: csv))
        #expect(try CLITests.roo(["ingest", csv, "--output", parquet]).status == 0)
        let cat = try CLITests.roo(["cat", parquet, "--format", "csv"])
        #expect(cat.stdout == "name,amount\n'=1+1,-3\nplain,4\n", "\(cat.stdout)")
    }

    @Test func delimitedFieldsAreQuotedAndGuardedOnBytes() {
        let table = SummaryTable(
            name: .byOrigin, columns: ["origin"],
            rows: [
                [.text("A\r\n=CMD")], [.text("\r\n=CMD")], [.text("-1+2")], [.text("x\ty")], [.text("ok")],
            ])
        #expect(OutputFormat.csv.render(table) == "origin\n\"A\r\n=CMD\"\n\"'\r\n=CMD\"\n'-1+2\nx\ty\nok\n")
        #expect(OutputFormat.tsv.render(table) == "origin\nA  =CMD\n'  =CMD\n'-1+2\nx y\nok\n")
        #expect(OutputFormat.md.render(table).contains("| A\\x0D\\x0A=CMD |"))
    }

    @Test func errorLinesNeverCarryControlBytes() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/header.csv"
        // A header whose (quoted) names would forge a second error line and color the terminal.
        #expect(
            FixturePaths.write(Array("\"a\nroo: error: forged\",\"\u{1B}[31mred\",partner\n1,2,3\n".utf8), to: path))
        let run = try CLITests.roo(["summarize", path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        #expect(
            !run.stderr.contains("\u{1B}") && run.stderr.contains("a\\x0Aroo: error: forged")
                && run.stderr.contains("\\x1B[31mred"), "\(run.stderr)")
    }

    /// `roo inspect` prints a file's own strings (key-value metadata, column
    /// names, the writer's name) with their control bytes as `\xNN`: no
    /// terminal escape and no forged line (before, metadata and names went
    /// out raw).
    @Test func inspectShowsAFilesStringsInert() throws {
        let path = FixturePaths.temporaryDirectory() + "/hostile-metadata.parquet"
        var options = WriterOptions()
        options.keyValueMetadata = [KeyValue(key: "k\u{1B}]0;title\u{07}", value: "x\u{1B}[31mRED\n- forged: line")]
        let writer = try ParquetWriter(
            path: path, columns: [WriterColumn(name: "\u{1B}[2Jorigin|x", physicalType: .int32)], options: options)
        try writer.write([ColumnData(.int32([1, 2]))])
        try writer.close()
        for format in ["md", "json"] {
            let run = try CLITests.roo(["inspect", path, "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "\(format): \(run.stdout)")
            #expect(!run.stdout.contains("\n- forged"), "\(format): \(run.stdout)")
        }
        let markdown = try CLITests.roo(["inspect", path]).stdout
        #expect(markdown.contains("- metadata `k\\x1B]0;title\\x07`: x\\x1B[31mRED\\x0A- forged: line"), "\(markdown)")
        #expect(markdown.contains("| \\x1B[2Jorigin\\|x |"), "\(markdown)")
    }
}
