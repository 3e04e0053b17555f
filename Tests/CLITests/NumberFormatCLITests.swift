import Foundation
import Reports
import Testing
import TestSupport
import ZIPFoundation

/// Money written as people write it (`$1,234.56`, `1.234,56`) through
/// `roo summarize` and `roo ingest`, end to end, on `Fixtures/numbers/`.
struct NumberFormatCLITests {
    static let dollars = FixturePaths.fixtures + "/numbers/us-dollars.csv"
    static let decimalComma = FixturePaths.fixtures + "/numbers/decimal-comma.csv"
    /// `--map`s from the messy headers of `us-dollars.csv` to the canonical columns.
    static let dollarMaps = [
        "--map", "origin=Country of Origin", "--map", "partner=Country of Export", "--map", "hs_code=HS Code",
        "--map", "customs_value=Customs Value ($)", "--map", "duty=Duty ($)", "--map", "program=SPI",
    ]
    static let totalsHeader =
        "files,lines_read,lines_filtered,lines_rejected,missing_origin,missing_partner,missing_hs,bad_hs,"
        + "missing_value,invalid_value,missing_duty,lines_aggregated,hs_odd_length,lines,customs_value,duty,"
        + "duty_free_lines,duty_free_value,"
        + "preference_value,non_regional_value,non_regional_share,claim_share,effective_duty_rate\n"
    /// The tables of both fixtures as the DuckDB oracle computes them (`scripts/check/oracle.py`, same options).
    static let dollarsTotals =
        totalsHeader + "1,7,0,1,0,0,0,0,0,1,0,6,0,6,2014586.24,24.50,4,2013587.24,2013580.23,13587.24,0.006748,"
        + "0.999501,0.000012\n"
    static let decimalCommaTotals =
        totalsHeader + "1,5,0,1,0,0,0,0,0,1,0,4,0,4,1013573.22,0.35,3,1013580.23,1013580.23,263580.23,0.260049,"
        + "1.000007,0.000000\n"

    static func ok(_ arguments: [String]) throws -> CLITests.Run {
        let run = try CLITests.roo(arguments)
        #expect(run.status == 0, "roo \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    @Test func summarizeReadsDollarSignsAndThousandsSeparators() throws {
        let rejects = FixturePaths.temporaryDirectory() + "/rejects.csv"
        let run = try NumberFormatCLITests.ok(
            ["summarize", NumberFormatCLITests.dollars, "--table", "totals", "--rejects", rejects]
                + NumberFormatCLITests.dollarMaps)
        #expect(run.stdout == NumberFormatCLITests.dollarsTotals)
        let lines = String(decoding: FixturePaths.read(rejects) ?? [], as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last == "\(NumberFormatCLITests.dollars),,7,invalid_value,MX,MX,8708295160,\"1,23.45\",0")
    }

    @Test func summarizeReadsDecimalCommasWithTheOption() throws {
        let run = try NumberFormatCLITests.ok([
            "summarize", NumberFormatCLITests.decimalComma, "--decimal-separator", ",", "--table", "totals",
        ])
        #expect(run.stdout == NumberFormatCLITests.decimalCommaTotals)
        let explicit = try NumberFormatCLITests.ok([
            "summarize", NumberFormatCLITests.decimalComma, "--decimal-separator", ",",
            "--thousands", ".", "--table", "totals",
        ])
        #expect(explicit.stdout == run.stdout)
        // The warning of the rejected line does not tell to give the option already given.
        #expect(run.stderr.contains("1 line of 5 (20%) rejected: invalid_value 1"), "\(run.stderr)")
        #expect(!run.stderr.contains("give --decimal-separator"), "\(run.stderr)")
        // Without it, 1.234,56 is not a number (and 0,35 not one either: its group has two digits).
        let plain = try NumberFormatCLITests.ok([
            "summarize", NumberFormatCLITests.decimalComma, "--table", "totals", "--allow-empty",
        ])
        #expect(
            plain.stdout.hasSuffix("\n1,5,0,5,0,0,0,0,0,4,1,0,0,0,0.00,0.00,0,0.00,0.00,0.00,,,\n"), "\(plain.stdout)")
        #expect(plain.stderr.contains("look like decimal commas: give --decimal-separator ,"), "\(plain.stderr)")
    }

    @Test func moneyTextPastInt64CentsWithSeparatorsIsExit65NamingTheLine() throws {
        let path = FixturePaths.temporaryDirectory() + "/big.csv"
        let text =
            "origin,partner,hs_code,customs_value,duty\nCN,MX,8703,\"$92,233,720,368,547,758.07\",0\nCN,MX,8703,\"$92,"
            + "233,720,368,547,758.08\",0\n"
        FixturePaths.write(Array(text.utf8), to: path)
        let run = try CLITests.roo(["summarize", path])
        #expect(run.status == 65)
        #expect(
            run.stderr
                == "roo: error: \(path): line 3: customs_value $92,233,720,368,547,758.08 does not fit Int64 cents\n")
    }

    @Test(arguments: ["summarize", "ingest"])
    func separatorsThatCannotWorkAreOneUsageErrorLine(_ command: String) throws {
        let output = FixturePaths.temporaryDirectory() + "/out.parquet"
        let base =
            command == "ingest"
            ? [command, NumberFormatCLITests.decimalComma, "--output", output]
            : [command, NumberFormatCLITests.decimalComma]
        for (options, message) in [
            (
                ["--decimal-separator", ",", "--thousands", ","],
                "--decimal-separator and --thousands are both \",\": for 1.234,56 give --thousands . (or leave it out)"
            ),
            (
                ["--thousands", "."],
                "--decimal-separator and --thousands are both \".\": for 1.234,56 give --decimal-separator ,"
            ),
            (["--decimal-separator", ";"], "--decimal-separator must be \".\" or \",\", got \";\""),
            (["--thousands", "_"], "--thousands must be \",\", \".\", \"'\", space or none, got \"_\""),
        ] {
            let run = try CLITests.roo(base + options)
            #expect(run.status == 64, "\(options)")
            #expect(run.stderr.hasPrefix("roo: error: " + message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(!FixturePaths.exists(output))
        }
    }

    @Test func theWorkbookNotesSayHowMoneyTextWasRead() throws {
        let book = FixturePaths.temporaryDirectory() + "/book.xlsx"
        _ = try NumberFormatCLITests.ok([
            "summarize", NumberFormatCLITests.decimalComma, "--decimal-separator", ",", "--output", book,
        ])
        let archive = try Archive(url: URL(fileURLWithPath: book), accessMode: .read)
        // the notes sheet, after the summary and the tables
        let entry = try #require(archive["xl/worksheets/sheet\(SummaryTable.names(by: .standard).count + 2).xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        let notes = String(decoding: data, as: UTF8.self)
        let row =
            notes.components(separatedBy: ">money text</t>").dropFirst().first?.components(separatedBy: "</row>").first
            ?? ""
        #expect(row.contains(">decimal separator &quot;,&quot;, thousands separator &quot;.&quot;</t>"), "\(notes)")
    }

    /// Schema of `path` as `roo inspect --format json` gives it: column name → logical (or physical) type.
    static func columnTypes(_ path: String) throws -> [String: String] {
        let run = try NumberFormatCLITests.ok(["inspect", path, "--format", "json"])
        guard case let .array(schema)? = ScannedJSON.parse(run.stdout)?["schema"] else { return [:] }
        var types: [String: String] = [:]
        for column in schema {
            guard case let .string(name)? = column["name"] else { continue }
            if case let .string(logical)? = column["logical_type"] {
                types[name] = logical
            } else if case let .string(physical)? = column["physical_type"] {
                types[name] = physical
            }
        }
        return types
    }

    @Test func ingestWritesDecimalMoneyAndTextCodesThatSummarizeReads() throws {
        let directory = FixturePaths.temporaryDirectory()
        let run = try NumberFormatCLITests.ok(
            [
                "ingest", NumberFormatCLITests.dollars, "--output", directory + "/x.parquet",
                "--rejects", directory + "/rejects.tsv",
            ] + NumberFormatCLITests.dollarMaps)
        #expect(run.stderr == "roo: ingest: 7 lines in = 6 rows written + 1 row rejected\n")
        let types = try NumberFormatCLITests.columnTypes(directory + "/x.parquet")
        #expect(types["customs_value"] == "DECIMAL(18,3)")
        #expect(types["duty"] == "DECIMAL(18,2)")
        #expect(types["hs_code"] == "STRING" && types["origin"] == "STRING" && types["program"] == "STRING")
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self).split(
            separator: "\n")
        #expect(rejects.count == 2)
        #expect(rejects.last?.hasPrefix("7\tcolumn \"customs_value\": \"1,23.45\" is not an amount") == true)
        let cat = try NumberFormatCLITests.ok([
            "cat", directory + "/x.parquet", "--columns", "hs_code,customs_value", "--limit", "1",
        ])
        #expect(cat.stdout == "{\"hs_code\": \"0101210000\", \"customs_value\": \"12345.670\"}\n")
        // The same numbers as summarize of the CSV, less the rejected line.
        let tables = try NumberFormatCLITests.ok(["summarize", directory + "/x.parquet", "--table", "totals"])
        #expect(
            tables.stdout == NumberFormatCLITests.totalsHeader
                + "1,6,0,0,0,0,0,0,0,0,0,6,0,6,2014586.24,24.50,4,2013587.24,2013580.23,13587.24,0.006748,"
                + "0.999501,0.000012\n")
    }

    @Test func ingestReadsDecimalCommasWithTheOption() throws {
        let directory = FixturePaths.temporaryDirectory()
        _ = try NumberFormatCLITests.ok([
            "ingest", NumberFormatCLITests.decimalComma, "--output", directory + "/x.parquet",
            "--decimal-separator", ",", "--rejects", directory + "/rejects.tsv",
        ])
        let types = try NumberFormatCLITests.columnTypes(directory + "/x.parquet")
        #expect(types["customs_value"] == "DECIMAL(18,3)" && types["non_originating_value"] == "DECIMAL(18,2)")
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self).split(
            separator: "\n")
        #expect(
            rejects.last?.hasPrefix(
                "6\tcolumn \"customs_value\": \"1.23,4\" is not an amount (decimal separator \",\", thousands "
                    + "separator \".\""
            ) == true)
        let tables = try NumberFormatCLITests.ok(["summarize", directory + "/x.parquet", "--table", "totals"])
        #expect(
            tables.stdout == NumberFormatCLITests.totalsHeader
                + "1,4,0,0,0,0,0,0,0,0,0,4,0,4,1013573.22,0.35,3,1013580.23,1013580.23,263580.23,0.260049,"
                + "1.000007,0.000000\n")
    }

    @Test func ingestWarnsOfEachMissingColumnWithTheMapThatAddsIt() throws {
        let output = FixturePaths.temporaryDirectory() + "/x.parquet"
        let run = try NumberFormatCLITests.ok(["ingest", NumberFormatCLITests.dollars, "--output", output])
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let need = "which roo summarize needs"
        #expect(
            lines == [
                "roo: ingest: 7 lines in = 7 rows written + 0 rows rejected",
                "roo: warning: \(output): no origin column (country of origin), \(need); ingest again with --map "
                    + "origin='Country of Origin'",
                "roo: warning: \(output): no partner column (country of export), \(need); ingest again with --map "
                    + "partner='Country of Export'",
                "roo: warning: \(output): no hs_code column (HS / HTS tariff code), \(need); ingest again with --map "
                    + "hs_code='HS Code'",
                "roo: warning: \(output): no customs_value column (customs value, USD), \(need); ingest again with "
                    + "--map customs_value='Customs Value ($)'",
                "roo: warning: \(output): no duty column (calculated duty, USD), \(need) unless given "
                    + "--duty-free-programs or --duty-free-by rate-provision; ingest again with --map duty='Duty ($)'",
            ])
        // A layout that decides duty-free status by programs needs no duty column.
        let pedimento = try NumberFormatCLITests.ok([
            "ingest", FixturePaths.fixtures + "/layouts/pedimento-551/items_551.asc",
            "--layout", "pedimento-551", "--output", output,
        ])
        #expect(!pedimento.stderr.contains("roo: warning:"), "\(pedimento.stderr)")
    }
}
