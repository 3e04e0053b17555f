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
                && run.stderr.contains("compare its values with roo mirror")
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

    /// `ingest --basis general` records the basis in the footer; summarizing that file with a response read on
    /// the consumption basis (the default, or `--basis consumption`) is refused: the values are not comparable.
    @Test func anIngestedBasisTravelsAndIsNeverMixed() throws {
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", PublicLayoutTests.censusAPI, "--layout", "census-api", "--basis", "general", "--output",
            directory + "/g.parquet",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let look = try CLITests.roo(["inspect", directory + "/g.parquet"])
        #expect(look.stdout.contains("`roo.value_basis`: general imports (GEN_VAL_MO)"), "\(look.stdout)")
        for extra in [[], ["--basis", "consumption"]] {
            let mixed = try CLITests.roo(
                ["summarize", directory + "/g.parquet", PublicLayoutTests.censusAPI, "--layout", "census-api"] + extra)
            #expect(
                mixed.status == 64 && mixed.stderr.contains("inputs disagree on --basis")
                    && mixed.stderr.contains("summarize them apart"), "\(mixed.stderr)")
        }
        let same = try CLITests.roo([
            "summarize", directory + "/g.parquet", PublicLayoutTests.censusAPI, "--layout", "census-api", "--basis",
            "general", "--table", "totals",
        ])
        #expect(same.status == 0, "\(same.stderr)")
        // Partials of the two bases do not merge either.
        for (name, basis) in [("c", "consumption"), ("g", "general")] {
            let partial = try CLITests.roo([
                "summarize", PublicLayoutTests.censusAPI, "--layout", "census-api", "--basis", basis, "--partial",
                "\(directory)/\(name).partial.parquet",
            ])
            #expect(partial.status == 0, "\(partial.stderr)")
        }
        let merge = try CLITests.roo(["merge", directory + "/c.partial.parquet", directory + "/g.partial.parquet"])
        #expect(
            merge.status == 64 && merge.stderr.contains("partials were computed with different --basis"),
            "\(merge.stderr)")
    }

    /// A Census API response is told apart from CSV: inspect names its layout, summarize without it says which.
    @Test func aJSONResponseIsRecognized() throws {
        let look = try CLITests.roo(["inspect", PublicLayoutTests.censusAPI])
        #expect(
            look.stderr.contains("is a JSON array of rows (10 columns), not Parquet")
                && look.stderr.contains("--layout census-api --output") && look.stderr.contains("imports_hs.parquet"),
            "\(look.stderr)")
        let plain = try CLITests.roo(["summarize", PublicLayoutTests.censusAPI])
        #expect(
            plain.status == 64 && plain.stderr.contains("is a JSON array of rows, not CSV")
                && plain.stderr.contains("--layout census-api") && !plain.stderr.contains("--map"), "\(plain.stderr)")
        // BACI has no duty: inspect's advice is ingest or mirror, not summarize.
        let baci = try CLITests.roo(["inspect", PublicLayoutTests.baci + "/BACI_HS17_Y2018_fixture.csv"])
        #expect(
            baci.stderr.contains("roo mirror --upstream") && !baci.stderr.contains("roo summarize"), "\(baci.stderr)")
    }

    /// A response holding several commodity levels (COMM_LVL HS10 and HS6) would count each product once per
    /// level: refused, naming the levels.
    @Test func aResponseOfSeveralCommodityLevelsIsRefused() throws {
        let text = String(decoding: try #require(FixturePaths.read(PublicLayoutTests.censusAPI)), as: UTF8.self)
        let mixed = text.replacingOccurrences(of: "\"HS10\", \"2024-03\"]", with: "\"HS6\", \"2024-03\"]")
        #expect(mixed != text)
        let path = FixturePaths.temporaryDirectory() + "/mixed.json"
        #expect(FixturePaths.write(Array(mixed.utf8), to: path))
        let run = try CLITests.roo(["summarize", path, "--layout", "census-api", "--table", "totals"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains("COMM_LVL holds HS10, HS6: each product would be counted once per commodity level"),
            "\(run.stderr)")
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

    static let comtrade = LayoutFixtureTests.root + "/comtrade"

    /// `ingest --layout comtrade` keeps each flow once: its total row (partner2Code 0, customsCode C00,
    /// motCode 0) of imports (flowCode M), never World or TOTAL; the rows it skips are counted.
    @Test func comtradeIngestsEachFlowOnce() throws {
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", PublicLayoutTests.comtrade + "/comtrade_484_M.csv", "--layout", "comtrade", "--output",
            directory + "/c.parquet",
        ])
        let counts = String(
            decoding: FixturePaths.read(PublicLayoutTests.comtrade + "/ingest.txt") ?? [], as: UTF8.self)
        #expect(
            ingest.status == 0 && ingest.stderr.hasPrefix("roo: ingest: " + String(counts.dropLast()) + ": "),
            "\(ingest.stderr)")
        let rows = try CLITests.roo([
            "cat", directory + "/c.parquet", "--columns", "origin,partner,hs_code,customs_value,reporter,period",
            "--format", "csv",
        ])
        #expect(Array(rows.stdout.utf8) == FixturePaths.read(PublicLayoutTests.comtrade + "/expected.csv"))
    }

    /// `--layout comtrade-consignment` reads a plus download's breakdown by consignment country: partner =
    /// partner2Code, the totals skipped and counted; each flow's parts sum to the total `--layout comtrade`
    /// reads, and the flows without a breakdown are the only totals it leaves out.
    @Test func comtradeConsignmentReadsEachFlowsBreakdown() throws {
        let directory = FixturePaths.temporaryDirectory()
        let plus = PublicLayoutTests.comtrade + "/comtrade_842_M_plus.csv"
        let ingest = try CLITests.roo([
            "ingest", plus, "--layout", "comtrade-consignment", "--output", directory + "/p.parquet",
        ])
        let counts = String(
            decoding: FixturePaths.read(PublicLayoutTests.comtrade + "/ingest-consignment.txt") ?? [], as: UTF8.self)
        #expect(ingest.stderr.hasPrefix("roo: ingest: " + String(counts.dropLast()) + ": "), "\(ingest.stderr)")
        let columns = "origin,partner,hs_code,customs_value,reporter,period"
        let parts = try CLITests.roo(["cat", directory + "/p.parquet", "--columns", columns, "--format", "csv"])
        #expect(Array(parts.stdout.utf8) == FixturePaths.read(PublicLayoutTests.comtrade + "/expected-consignment.csv"))
        #expect(
            try CLITests.roo(["ingest", plus, "--layout", "comtrade", "--output", directory + "/t.parquet"]).status == 0
        )
        let totals = try CLITests.roo(["cat", directory + "/t.parquet", "--columns", columns, "--format", "csv"])
        /// origin, hs_code, period → thousandths of a dollar.
        func sums(_ csv: String) -> [String: Int64] {
            var sums: [String: Int64] = [:]
            for line in csv.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",").map(String.init)
                sums[cells[0] + " " + cells[2] + " " + cells[5], default: 0] += Int64(
                    cells[3].replacingOccurrences(of: ".", with: ""))!
            }
            return sums
        }
        let byParts = sums(parts.stdout)
        let byTotals = sums(totals.stdout)
        #expect(byParts.count >= 12 && byTotals.count == 24 && byParts.count < byTotals.count)
        for (flow, sum) in byParts { #expect(byTotals[flow] == sum, "\(flow)") }
        #expect(parts.stdout.contains(",156,484,") || parts.stdout.contains("156,484,"), "CN origin consigned from MX")
    }

    /// Comtrade as the upstream side of `roo mirror`: its values for China, summed by product and year from
    /// the generator's rows, are the mirror's upstream columns.
    @Test func comtradeIsAnUpstreamSide() throws {
        let run = try CLITests.roo([
            "mirror", "--upstream", PublicLayoutTests.comtrade + "/comtrade_484_M.csv", "--upstream-layout", "comtrade",
            "--upstream-reporter", "MX", "--upstream-partner", "CN", "--downstream",
            MirrorTests.root + "/downstream.csv", "--downstream-partner", "MX", "--base", "2018", "--year", "2024",
            "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        var want: [String: [Int64]] = [:]
        let expected = String(
            decoding: FixturePaths.read(PublicLayoutTests.comtrade + "/expected.csv") ?? [], as: UTF8.self)
        for line in expected.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            guard cells[0] == "156" else { continue }
            // Three decimals, read to the cent half away from zero (all positive here).
            let thousandths = Int64(cells[3].replacingOccurrences(of: ".", with: ""))!
            want[cells[2], default: [0, 0]][cells[5] == "2018" ? 0 : 1] += (thousandths + 5) / 10
        }
        for line in run.stdout.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let sums = want[cells[0]] else { continue }
            let cents = { (text: String) in Int64(text.replacingOccurrences(of: ".", with: "")) }
            #expect(cents(cells[cells.count - 10]) == sums[0] && cents(cells[cells.count - 9]) == sums[1], "\(line)")
            want[cells[0]] = nil
        }
        #expect(want.isEmpty, "products missing from the mirror: \(want.keys.sorted())")
    }
}
