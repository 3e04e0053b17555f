import Foundation
import Parquet
import Testing
import TestSupport

/// Sums decide overflow on their exact final value, the same for every
/// strategy and thread count; money text too large for Int64 cents fails
/// like Parquet; keys and column names compare by bytes.
@Suite(.serialized) struct ExactnessTests {
    static let header = "origin,partner,hs_code,customs_value,duty\n"
    static let largest = "9999999999999999.99"  // DECIMAL(18,2)'s largest value: 10 of them pass Int64

    /// A Parquet file with one line per row group, written by `roo ingest` from `lines`.
    static func perLineRowGroups(_ lines: [String], name: String) throws -> String {
        let directory = FixturePaths.temporaryDirectory()
        let csv = directory + "/\(name).csv"
        #expect(FixturePaths.write(Array((header + lines.joined(separator: "\n") + "\n").utf8), to: csv))
        let parquet = directory + "/\(name).parquet"
        let ingest = try CLITests.roo([
            "ingest", csv, "--output", parquet, "--row-group-rows", "1", "--type", "customs_value=decimal(18,2)",
            "--type", "duty=decimal(18,2)", "--type", "hs_code=string",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return parquet
    }

    static let runs: [(strategy: String, threads: String)] = [
        ("serial", "1"), ("concurrent-perform", "2"), ("concurrent-perform", "4"), ("work-queue", "3"),
        ("shared-atomic", "4"), ("locked-merge", "3"), ("task-group", "4"),
    ]

    @Test func aFinalSumThatFitsIsExactWhateverTheOrder() throws {
        // Twelve lines of the largest value, then twelve negated, then one cent: every partial order passes Int64.
        let lines =
            Array(repeating: "CN,MX,870323,\(ExactnessTests.largest),0", count: 12)
            + Array(repeating: "CN,MX,870323,-\(ExactnessTests.largest),0", count: 12) + ["CN,MX,870323,0.01,0"]
        let parquet = try ExactnessTests.perLineRowGroups(lines, name: "fits")
        var first: String?
        for run in ExactnessTests.runs {
            for _ in 0..<3 {
                let result = try CLITests.roo([
                    "summarize", parquet, "--table", "all", "--format", "jsonl", "--strategy", run.strategy,
                    "--threads", run.threads,
                ])
                #expect(result.status == 0, "\(run): \(result.stderr)")
                if let first { #expect(result.stdout == first, "\(run) differs") } else { first = result.stdout }
            }
        }
        #expect(first?.contains("\"customs_value\": 0.01") == true, "\(first ?? "")")
        // The same lines as CSV (one serial pass) agree.
        let csv = try CLITests.roo([
            "summarize", String(parquet.dropLast(".parquet".count)) + ".csv", "--table", "all", "--format", "jsonl",
        ])
        #expect(csv.status == 0 && csv.stdout == first, "\(csv.stderr)")
    }

    @Test func aFinalSumPastInt64FailsForEveryStrategy() throws {
        let lines =
            Array(repeating: "CN,MX,870323,\(ExactnessTests.largest),0", count: 12) + [
                "CN,MX,870323,-\(ExactnessTests.largest),0"
            ]
        let parquet = try ExactnessTests.perLineRowGroups(lines, name: "past")
        for run in ExactnessTests.runs {
            let directory = FixturePaths.temporaryDirectory()
            let result = try CLITests.roo([
                "summarize", parquet, "--output", directory + "/out/", "--strategy", run.strategy, "--threads",
                run.threads,
            ])
            #expect(result.status == 65, "\(run): \(result.stderr)")
            #expect(
                result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("roo: error: ")
                    && result.stderr.contains("overflows Int64"), "\(run): \(result.stderr)")
            #expect(FixturePaths.list(directory).isEmpty, "no output")
        }
        // Cells that each fit, whose marginal sum does not: the by_partner and totals sums are exact too.
        let spread = (0..<12).map { "CN,MX,\(10 + $0)0323,\(ExactnessTests.largest),0" }
        let marginal = try ExactnessTests.perLineRowGroups(spread, name: "marginal")
        let result = try CLITests.roo(["summarize", marginal, "--threads", "3"])
        #expect(result.status == 65 && result.stderr.contains("overflow"), "\(result.stderr)")
    }

    @Test func moneyTextPastInt64CentsFailsLikeParquet() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/huge.csv"
        let text =
            ExactnessTests.header + "CN,MX,870323,10.00,0\nCN,MX,870323,99999999999999999999.00,0\nCN,MX,870323,abc,0\n"
        #expect(FixturePaths.write(Array(text.utf8), to: path))
        let result = try CLITests.roo(["summarize", path, "--output", directory + "/out/"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr
                == "roo: error: \(path): line 3: customs_value 99999999999999999999.00 does not fit Int64 cents\n",
            "\(result.stderr)")
        #expect(!FixturePaths.exists(directory + "/out"))
        // The largest amount that fits, and one with many decimals, are exact.
        let edge =
            ExactnessTests.header + "CN,MX,870323,92233720368547758.07,0\nCN,MX,870323,-0.004999999999999999999999,0\n"
        #expect(FixturePaths.write(Array(edge.utf8), to: path))
        let fits = try CLITests.roo(["summarize", path, "--table", "by_chapter", "--format", "jsonl"])
        #expect(
            fits.status == 0 && fits.stdout.contains("\"customs_value\": 92233720368547758.07"),
            "\(fits.stdout) \(fits.stderr)")
    }

    @Test func keysThatDifferByBytesStayApart() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/bytes.csv"
        var bytes = Array(ExactnessTests.header.utf8)
        for origin: [UInt8] in [
            [0xff], [0xfe], [0x1b, 0x5b, 0x33, 0x31, 0x6d], Array("\\xFF".utf8), [0x45, 0xcc, 0x81], [0xc3, 0x89],
        ] {
            bytes += origin + Array(",MX,870323,1.00,0\n".utf8)
        }
        #expect(FixturePaths.write(bytes, to: path))
        let result = try CLITests.roo(["summarize", path, "--table", "by_origin", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count == 6, "\(result.stdout)")
        for shown in ["\"\\\\xFF\"", "\"\\\\xFE\"", "\"\\\\x1B[31M\"", "\"\\\\\\\\XFF\"", "\"E\u{301}\"", "\"\u{C9}\""]
        {
            #expect(result.stdout.contains("\"origin\": \(shown)"), "\(shown) in \(result.stdout)")
        }
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{FFFD}"))
        // A partial and its merge keep them apart too.
        let partial = directory + "/p.parquet"
        #expect(try CLITests.roo(["summarize", path, "--partial", partial]).status == 0)
        let merged = try CLITests.roo(["merge", partial, "--table", "by_origin", "--format", "jsonl"])
        #expect(merged.status == 0 && merged.stdout == result.stdout, "\(merged.stdout) \(merged.stderr)")
    }

    @Test func duplicateColumnNamesAreAnErrorWhenAMappingUsesThem() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/dup.csv"
        #expect(
            FixturePaths.write(
                Array("origin,partner,hs_code,customs_value,duty,origin\nCN,MX,870323,1.00,0,US\n".utf8), to: path))
        let result = try CLITests.roo(["summarize", path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr
                == "roo: error: \(path): 2 columns are named \"origin\" (columns 1 and 6), so origin is ambiguous: "
                + "rename one in the file, or --map origin= another column\n",
            "\(result.stderr)")
        // The same in a Parquet file.
        let parquet = directory + "/dup.parquet"
        let columns =
            ["origin", "partner", "hs_code", "origin"].map {
                WriterColumn(name: $0, physicalType: .byteArray, logicalType: .string, isOptional: false)
            }
            + ["customs_value", "duty"].map {
                WriterColumn(
                    name: $0, physicalType: .int64, logicalType: .decimal(scale: 2, precision: 18), isOptional: false)
            }
        let writer = try ParquetWriter(path: parquet, columns: columns)
        func text(_ value: String) -> ColumnData {
            ColumnData(.byteArray(offsets: [0, value.utf8.count], bytes: Array(value.utf8)))
        }
        try writer.write([
            text("CN"), text("MX"), text("8703230000"), text("US"), ColumnData(.int64([100])), ColumnData(.int64([0])),
        ])
        try writer.close()
        let fromParquet = try CLITests.roo(["summarize", parquet])
        #expect(
            fromParquet.status == 65 && fromParquet.stderr.contains("2 columns are named \"origin\" (columns 1 and 4)"),
            "\(fromParquet.stderr)")
        // A duplicate name no mapping uses is fine.
        #expect(
            FixturePaths.write(
                Array("origin,partner,hs_code,customs_value,duty,note,note\nCN,MX,870323,1.00,0,a,b\n".utf8), to: path))
        #expect(try CLITests.roo(["summarize", path]).status == 0)
    }
}
