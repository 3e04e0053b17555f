import Foundation
import Testing
import TestSupport

/// The public-data layouts (`Fixtures/layouts`, made by
/// `scripts/fixtures/make_layouts.py` from the sources' own descriptions).
struct PublicLayoutTests {
    static let baci = LayoutFixtureTests.root + "/baci"

    /// `ingest --layout baci`, read back with `roo cat`, gives the rows the
    /// generator wrote from BACI's description (exporter as origin and
    /// partner, importer as reporter, `k` zero-padded to six digits, `v` ×
    /// 1,000 exactly, the year as the period); the malformed records are the rejects.
    @Test(arguments: [2018, 2024]) func baciIngestsToItsDocumentedColumns(_ year: Int) throws {
        let name = "\(PublicLayoutTests.baci)/BACI_HS17_Y\(year)_fixture"
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", name + ".csv", "--layout", "baci", "--output", directory + "/b.parquet",
            "--rejects", directory + "/rejects.tsv",
        ])
        let counts = String(decoding: FixturePaths.read(name + ".ingest.txt") ?? [], as: UTF8.self)
        #expect(ingest.status == 0 && ingest.stderr == "roo: ingest: " + counts, "\(ingest.stderr)")
        let rows = try CLITests.roo(["cat", directory + "/b.parquet", "--format", "csv"])
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(Array(rows.stdout.utf8) == FixturePaths.read(name + ".expected.csv"), "\(rows.stdout.prefix(300))")
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self)
        #expect(rejects.split(separator: "\n").dropFirst().allSatisfy { $0.contains("expected 6 fields, found 7") })
    }

    /// BACI has no duty and no program: summarize says so and what to run instead, once.
    @Test func baciCannotBeClassifiedDutyFree() throws {
        let run = try CLITests.roo([
            "summarize", "\(PublicLayoutTests.baci)/BACI_HS17_Y2018_fixture.csv", "--layout", "baci",
        ])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr.contains("--layout baci has no duty column: CEPII BACI records trade values only")
                && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    static let censusAPI = LayoutFixtureTests.root + "/census-api/imports_hs.json"

    /// A response cut short between rows would parse cleanly: it is refused, naming the fix.
    @Test func aCensusAPIResponseCutShortIsRefused() throws {
        let whole = try #require(FixturePaths.read(PublicLayoutTests.censusAPI))
        let text = String(decoding: whole, as: UTF8.self)
        let cut = try #require(text.range(of: "],\n[", options: .backwards))
        let path = FixturePaths.temporaryDirectory() + "/cut.json"
        #expect(FixturePaths.write(Array(text[..<cut.upperBound].dropLast(1).utf8), to: path))
        let run = try CLITests.roo(["summarize", path, "--layout", "census-api"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains("not a census-api input: the JSON array does not end with ]] (a download cut short?)")
                && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    /// `--basis general` reads GEN_VAL_MO (the generator writes it as CON_VAL_MO plus up to $50,000), and the
    /// notes say which basis; `--basis` with a layout of no Census data is refused.
    @Test func theBasisPicksTheValueAndIsInTheNotes() throws {
        let directory = FixturePaths.temporaryDirectory()
        for basis in ["consumption", "general"] {
            let run = try CLITests.roo([
                "summarize", PublicLayoutTests.censusAPI, "--layout", "census-api", "--basis", basis,
                "--output", "\(directory)/\(basis).xlsx",
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let consumption = try CLITests.roo([
            "summarize", PublicLayoutTests.censusAPI, "--layout", "census-api", "--table", "totals",
        ])
        let general = try CLITests.roo([
            "summarize", PublicLayoutTests.censusAPI, "--layout", "census-api", "--basis", "general",
            "--table", "totals",
        ])
        #expect(consumption.stdout != general.stdout && !general.stdout.isEmpty)
        let refused = try CLITests.roo([
            "summarize", PublicLayoutTests.censusAPI, "--layout", "baci", "--basis", "general",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--basis applies to the layouts of US Census"))
    }
}
