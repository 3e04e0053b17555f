import Customs
import Foundation
import Parquet
import TestSupport
import Testing

/// `--by col:NAME`: any column of the files as a text key of `detail`, in CSV,
/// Parquet (text and integer columns) and a layout's own fields; a missing,
/// ambiguous or unreadable column is one error line.
struct SourceColumnKeyTests {
    /// Six lines in three districts (one padded, one blank); values in cents are easy to sum by hand.
    static let csv = """
        origin,partner,hs_code,customs_value,duty,district
        CN,MX,8708295160,100.00,0,23
        CN,MX,8708295160,50.00,0, 23 
        CN,CA,8703230190,40.00,0,53
        DE,MX,8471300100,30.00,3.00,53
        CN,MX,8542310000,20.00,0,
        MX,US,8708295160,10.00,0,38

        """

    static func write(_ text: String, _ name: String) -> String {
        let path = FixturePaths.temporaryDirectory() + "/" + name
        #expect(FixturePaths.write(Array(text.utf8), to: path))
        return path
    }

    @Test func aCSVColumnIsATrimmedTextKey() throws {
        let path = SourceColumnKeyTests.write(SourceColumnKeyTests.csv, "district.csv")
        let run = try CLITests.roo(["summarize", path, "--by", "col:district", "--table", "detail"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("district,lines,customs_value,duty,duty_free_lines,duty_free_value,") == true)
        // 23: 150.00 duty-free, all from CN (non-regional); 53: 40.00 free of 70.00; blank: 20.00; 38: 10.00 regional.
        #expect(
            lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(7) } == [
                ["23", "2", "150.00", "0.00", "2", "150.00", "0.00"],
                ["53", "2", "70.00", "3.00", "1", "40.00", "0.00"],
                ["", "1", "20.00", "0.00", "1", "20.00", "0.00"],
                ["38", "1", "10.00", "0.00", "1", "10.00", "0.00"],
            ])
        // With the other keys, in --by order: the column's own header.
        let keyed = try CLITests.roo(["summarize", path, "--by", "partner,col:district", "--table", "detail"])
        #expect(keyed.stdout.hasPrefix("partner,partner_name,district,lines,"), "\(keyed.stdout)")
        #expect(keyed.stdout.contains("\nMX,Mexico,23,2,150.00,"))
    }

    @Test func parquetTextAndIntegerColumnsAreKeys() throws {
        let path = FixturePaths.temporaryDirectory() + "/ports.parquet"
        let text = { (values: [String]) in
            var offsets = [0]
            var bytes: [UInt8] = []
            for value in values {
                bytes += Array(value.utf8)
                offsets.append(bytes.count)
            }
            return ColumnData(.byteArray(offsets: offsets, bytes: bytes))
        }
        let columns =
            ["origin", "partner", "hs_code"].map {
                WriterColumn(name: $0, physicalType: .byteArray, logicalType: .string)
            } + [
                WriterColumn(
                    name: "customs_value", physicalType: .int64, logicalType: .decimal(scale: 2, precision: 18)),
                WriterColumn(name: "duty", physicalType: .int64, logicalType: .decimal(scale: 2, precision: 18)),
                WriterColumn(name: "port", physicalType: .int32),
                WriterColumn(name: "rate", physicalType: .double),
            ]
        let writer = try ParquetWriter(path: path, columns: columns)
        try writer.write([
            text(["CN", "CN", "CN"]), text(["MX", "MX", "CA"]), text(["8708", "8708", "8703"]),
            ColumnData(.int64([1000, 250, 700])), ColumnData(.int64([0, 0, 0])),
            // A null port reads as the empty key.
            ColumnData(.int32([2304, 901]), validity: [true, false, true]),
            ColumnData(.double([0.5, 0.5, 0.5])),
        ])
        try writer.close()
        let run = try CLITests.roo(["summarize", path, "--by", "col:port", "--table", "detail", "--format", "tsv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n2304\t1\t10.00\t"), "\(run.stdout)")
        #expect(run.stdout.contains("\n901\t1\t7.00\t"), "\(run.stdout)")
        #expect(run.stdout.contains("\n\t1\t2.50\t"), "\(run.stdout)")
        let double = try CLITests.roo(["summarize", path, "--by", "col:rate"])
        #expect(double.status == 65, "\(double.stderr)")
        #expect(double.stderr.contains("column \"rate\" (--by col:rate) has type DOUBLE"), "\(double.stderr)")
    }

    @Test func aColumnTheFileLacksOrHoldsTwiceIsOneErrorLine() throws {
        let path = SourceColumnKeyTests.write(SourceColumnKeyTests.csv, "district.csv")
        let missing = try CLITests.roo(["summarize", path, "--by", "col:District"])
        #expect(missing.status == 64, "\(missing.stderr)")
        #expect(
            missing.stderr.contains(
                "no column \"District\" for --by col:District (names are compared exactly); "
                    + "the file's columns: origin, partner, hs_code, customs_value, duty, district"),
            "\(missing.stderr)")
        let twice = SourceColumnKeyTests.write(
            "origin,partner,hs_code,customs_value,duty,port,port\nCN,MX,8708,1,0,1,2\n", "two-ports.csv")
        let ambiguous = try CLITests.roo(["summarize", twice, "--by", "col:port"])
        #expect(ambiguous.status == 65, "\(ambiguous.stderr)")
        #expect(ambiguous.stderr.contains("so --by col:port is ambiguous: rename one"), "\(ambiguous.stderr)")
    }

    @Test func aNameThatIsAnotherColumnOfTheTableIsRefused() throws {
        for (arguments, name) in [
            (["--by", "col:customs_value"], "customs_value"), (["--by", "origin,col:origin_name"], "origin_name"),
            (["--by", "col:utilization"], "utilization"),
            (["--by", "col:preference_value_2024", "--compare", "2023:2024"], "preference_value_2024"),
            (["--compare", "2023:2024", "--by", "col:non_regional_value_growth"], "non_regional_value_growth"),
        ] {
            let run = try CLITests.roo(["summarize", SummarizeCLITests.sample] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("the detail table already has a column named \"\(name)\""), "\(run.stderr)")
        }
        // A name that only looks like a compared column is a key like any other without --compare
        // (it was refused before), and with a --compare whose columns it is not.
        let notes = SourceColumnKeyTests.write(
            "origin,partner,hs_code,customs_value,duty,customs_value_note\nCN,MX,8708,1,0,late\n", "notes.csv")
        for arguments in [[], ["--compare", "2023:2024"]] {
            let run = try CLITests.roo(["summarize", notes, "--by", "col:customs_value_note"] + arguments)
            #expect(run.status == 0 || arguments.count > 0, "\(run.stderr)")
            #expect(!run.stderr.contains("already has a column"), "\(run.stderr)")
        }
        let empty = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--by", "col:"])
        #expect(empty.status == 64 && empty.stderr.contains("\"col:\" is none of them"), "\(empty.stderr)")
        #expect(Dimension(name: "col:district") == .column("district"))
        #expect(Dimension.column("district").name == "col:district")
    }

    /// Codes the run's `--country-codes` cannot convert are counted in a warning, not left silent
    /// (alpha-2 codes read as M49 numbers: every line).
    @Test func countryCodesWithoutAConversionAreWarnedAbout() throws {
        let run = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--country-codes", "m49", "--table", "totals",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "(100%) have an origin or partner code with no --country-codes m49 conversion to alpha-2 (e.g. "),
            "\(run.stderr)")
        // The examples are the smallest codes met, the same for every thread count.
        let examples = { (text: String) in text.split(separator: "(e.g. ").last?.split(separator: ")").first }
        let serial = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--country-codes", "m49", "--table", "totals", "--threads", "1",
        ])
        #expect(examples(run.stderr) != nil && examples(run.stderr) == examples(serial.stderr), "\(serial.stderr)")
        let plain = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--table", "totals"])
        #expect(!plain.stderr.contains("conversion to alpha-2"), "\(plain.stderr)")
    }

    /// A layout field that a canonical column reads is not a `col:` key: the error says which column
    /// reads it and which key groups by it.
    @Test func aLayoutFieldReadAsACanonicalColumnSaysWhichKeyToUse() throws {
        let archive = FixturePaths.fixtures + "/layouts/census-imdb/IMDB2401.ZIP"
        for (field, advice) in [
            ("cty_code", "reads \"cty_code\" as origin and partner: use --by origin or partner"),
            ("COMMODITY", "reads \"COMMODITY\" as hs_code: use --by hs2, hs4, hs6, hs8 or hs10"),
            ("con_val_mo", "reads \"con_val_mo\" as customs_value: it is a measure, not a key"),
            ("rate_prov", "reads \"rate_prov\" as rate_provision: use --by channel"),
        ] {
            let run = try CLITests.roo(["summarize", archive, "--layout", "census-imdb", "--by", "col:" + field])
            #expect(run.status == 64, "\(run.stderr)")
            #expect(run.stderr.contains("--layout census-imdb " + advice), "\(run.stderr)")
        }
    }

    /// The census-imdb layout's district of entry (a field no canonical column reads): the
    /// districts of the fixture's records, each line counted once.
    @Test func aLayoutFieldIsAKey() throws {
        let archive = FixturePaths.fixtures + "/layouts/census-imdb/IMDB2401.ZIP"
        let run = try CLITests.roo([
            "summarize", archive, "--layout", "census-imdb", "--by", "col:dist_entry", "--table", "detail",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(Set(rows.map { String($0[0]) }) == ["23", "53", "38", "27"], "\(run.stdout)")
        let totals = try CLITests.roo(["summarize", archive, "--layout", "census-imdb", "--table", "totals"])
        let aggregated = totals.stdout.split(separator: "\n")[1].split(separator: ",")
        let header = totals.stdout.split(separator: "\n")[0].split(separator: ",")
        let linesColumn = try #require(header.firstIndex(of: "lines"))
        #expect(rows.map { Int($0[1]) ?? 0 }.reduce(0, +) == Int(aggregated[linesColumn]))
    }

    /// The key is part of a partial's options: merge gives the same table, and refuses another key.
    @Test func partialsCarryTheColumnKey() throws {
        let path = SourceColumnKeyTests.write(SourceColumnKeyTests.csv, "district.csv")
        let directory = FixturePaths.temporaryDirectory()
        let partial = try CLITests.roo([
            "summarize", path, "--by", "col:district", "--partial", directory + "/a.parquet",
        ])
        #expect(partial.status == 0, "\(partial.stderr)")
        let merged = try CLITests.roo(["merge", directory + "/a.parquet", "--table", "detail"])
        let direct = try CLITests.roo(["summarize", path, "--by", "col:district", "--table", "detail"])
        #expect(merged.status == 0 && merged.stdout == direct.stdout, "\(merged.stderr)")
        let other = try CLITests.roo([
            "summarize", path, "--by", "col:district,partner", "--partial", directory + "/b.parquet",
        ])
        #expect(other.status == 0, "\(other.stderr)")
        let mismatch = try CLITests.roo(["merge", directory + "/a.parquet", directory + "/b.parquet"])
        #expect(mismatch.status != 0 && mismatch.stderr.contains("by"), "\(mismatch.stderr)")
    }
}
