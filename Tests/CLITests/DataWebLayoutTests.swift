import Foundation
import Testing
import TestSupport

/// `--layout dataweb`: USITC DataWeb query exports (`Fixtures/layouts/dataweb`, made by
/// `scripts/fixtures/make_layouts.py` from the export's shape, docs/layouts.md).
struct DataWebLayoutTests {
    static let root = LayoutFixtureTests.root + "/dataweb"
    static let columns = "origin,partner,hs_code,customs_value,reporter,period"

    /// ingest then cat gives one row per period column holding a value (annual: a year; monthly: the
    /// month of the row's year), never one for an empty cell; the Total: row and the other data types
    /// are skipped and counted, a malformed row rejected.
    @Test(arguments: [("DataWeb-Query-Export", "expected"), ("DataWeb-Query-Export-monthly", "expected-monthly")])
    func ingestsOneRowPerPeriod(_ file: String, _ expected: String) throws {
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", "\(DataWebLayoutTests.root)/\(file).csv", "--layout", "dataweb", "--output",
            directory + "/d.parquet",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        if file == "DataWeb-Query-Export" {
            let counts = String(
                decoding: FixturePaths.read(DataWebLayoutTests.root + "/ingest.txt") ?? [], as: UTF8.self)
            #expect(ingest.stderr.hasPrefix("roo: ingest: " + String(counts.dropLast()) + ": "), "\(ingest.stderr)")
        } else {
            #expect(ingest.stderr.contains(" + 1 row rejected; 1 record skipped"), "\(ingest.stderr)")
        }
        let rows = try CLITests.roo([
            "cat", directory + "/d.parquet", "--columns", DataWebLayoutTests.columns, "--format", "csv",
        ])
        #expect(Array(rows.stdout.utf8) == FixturePaths.read("\(DataWebLayoutTests.root)/\(expected).csv"))
    }

    /// The annual export as a mirror's downstream side equals the DuckDB oracle over its canonical CSV
    /// (countries by name converted to alpha-2; no duty, so the shares are empty), at 1 and 3 threads, and
    /// the years between base and target are no news (no year-only warning).
    @Test(arguments: [1, 3]) func isADownstreamSide(_ threads: Int) throws {
        let run = try CLITests.roo([
            "mirror", "--upstream", MirrorTests.root + "/upstream.csv", "--upstream-reporter", "MX",
            "--upstream-partner", "CN", "--downstream", DataWebLayoutTests.root + "/DataWeb-Query-Export.csv",
            "--downstream-layout", "dataweb", "--downstream-partner", "MX", "--base", "2018", "--year", "2024",
            "--threads", String(threads),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Array(run.stdout.utf8) == FixturePaths.read(DataWebLayoutTests.root + "/mirror-expected.csv"))
        #expect(!run.stderr.contains("year only") && run.stderr.contains("records skipped"), "\(run.stderr)")
    }

    /// A country name no table holds is kept and warned about with an example, never dropped silently.
    @Test func anUnknownCountryNameIsWarnedAbout() throws {
        let run = try CLITests.roo([
            "mirror", "--upstream", MirrorTests.root + "/upstream.csv", "--upstream-reporter", "MX",
            "--upstream-partner", "CN", "--downstream", DataWebLayoutTests.root + "/DataWeb-Query-Export-monthly.csv",
            "--downstream-layout", "dataweb", "--downstream-partner", "MX", "--base", "2023", "--year", "2024",
            "--hs-level", "4",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("(e.g. FREEDONIA)") && run.stderr.contains("names conversion"), "\(run.stderr)")
    }

    /// What users meet first: summarize without the layout names it; with it, refuses (no duty) and points
    /// at mirror; inspect advises the layout; a file that is no export, or mixes frequencies, is one error.
    @Test func misreadsAreNamed() throws {
        let export = DataWebLayoutTests.root + "/DataWeb-Query-Export.csv"
        let plain = try CLITests.roo(["summarize", export])
        #expect(plain.status == 64 && plain.stderr.contains("read it with --layout dataweb"), "\(plain.stderr)")
        let layout = try CLITests.roo(["summarize", export, "--layout", "dataweb"])
        #expect(
            layout.status == 64 && layout.stderr.contains("--layout dataweb has no duty column")
                && layout.stderr.contains("roo mirror"), "\(layout.stderr)")
        let inspect = try CLITests.roo(["inspect", export])
        #expect(inspect.stderr.contains("--downstream-layout dataweb"), "\(inspect.stderr)")
        let directory = FixturePaths.temporaryDirectory()
        for (text, status, message) in [
            ("a,b\n1,2\n", Int32(65), "no header record starting with 'Data Type'"),
            ("Data Type,Country,2023,March\nCustoms Value,China,1,2\n", 65, "both month and year columns"),
            ("Data Type,Country,March\nCustoms Value,China,1\n", 64, "needs a field for period (one of: Year)"),
        ] {
            #expect(FixturePaths.write(Array(text.utf8), to: directory + "/x.csv"))
            let run = try CLITests.roo([
                "ingest", directory + "/x.csv", "--layout", "dataweb", "--output", directory + "/x.parquet",
            ])
            #expect(run.status == status && run.stderr.contains(message), "\(text): \(run.stderr)")
        }
    }

    /// The exports as workbooks read as their CSV twins do: the annual one as openpyxl writes it (inline
    /// strings, the duties on a sheet of their own, a "Query Parameters" sheet first), the monthly one as
    /// Excel stores it (shared strings, 17-digit numbers, prefixed XML names); the sheet read is the
    /// customs value's.
    @Test(arguments: [("DataWeb-Query-Export", "expected"), ("DataWeb-Query-Export-monthly", "expected-monthly")])
    func workbooksReadAsTheirCSV(_ file: String, _ expected: String) throws {
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", "\(DataWebLayoutTests.root)/\(file).xlsx", "--layout", "dataweb", "--output",
            directory + "/w.parquet",
        ])
        #expect(ingest.status == 0 && ingest.stderr.contains("+ 0 rows rejected; 1 record skipped"), "\(ingest.stderr)")
        let rows = try CLITests.roo([
            "cat", directory + "/w.parquet", "--columns", DataWebLayoutTests.columns, "--format", "csv",
        ])
        #expect(Array(rows.stdout.utf8) == FixturePaths.read("\(DataWebLayoutTests.root)/\(expected).csv"))
        if file == "DataWeb-Query-Export" {
            let run = try CLITests.roo([
                "mirror", "--upstream", MirrorTests.root + "/upstream.csv", "--upstream-reporter", "MX",
                "--upstream-partner", "CN", "--downstream", "\(DataWebLayoutTests.root)/\(file).xlsx",
                "--downstream-layout", "dataweb", "--downstream-partner", "MX", "--base", "2018", "--year", "2024",
            ])
            #expect(Array(run.stdout.utf8) == FixturePaths.read(DataWebLayoutTests.root + "/mirror-expected.csv"))
        }
    }

    /// A workbook roo cannot place is one error naming its sheets; a damaged one is one error line (65),
    /// never a signal.
    @Test func workbooksThatCannotBeReadAreNamed() throws {
        let book = DataWebLayoutTests.root + "/DataWeb-Query-Export.xlsx"
        let directory = FixturePaths.temporaryDirectory()
        let baci = try CLITests.roo(["ingest", book, "--layout", "baci", "--output", directory + "/b.parquet"])
        #expect(
            baci.status == 65
                && baci.stderr.contains("its sheets are 'Query Parameters', 'Customs Value', 'Calculated Duties'"),
            "\(baci.stderr)")
        let imdb = try CLITests.roo(["ingest", book, "--layout", "census-imdb", "--output", directory + "/c.parquet"])
        #expect(
            imdb.status == 65 && imdb.stderr.contains("an Excel workbook is no census-imdb input"), "\(imdb.stderr)")
        let original = FixturePaths.read(book) ?? []
        var state: UInt64 = 7
        for round in 0..<40 {
            var bytes = original
            for _ in 0..<(1 + round % 5) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[Int((state >> 33) % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: state >> 17) | 1
            }
            #expect(FixturePaths.write(bytes, to: directory + "/x.xlsx"))
            let run = try CLITests.roo([
                "ingest", directory + "/x.xlsx", "--layout", "dataweb", "--output", directory + "/x\(round).parquet",
            ])
            #expect([0, 65].contains(run.status) && run.stderr.split(separator: "\n").count <= 3, "\(run.stderr)")
        }
    }
}
