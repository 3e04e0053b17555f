import Foundation
import Testing
import TestSupport

/// `roo mirror` on `Fixtures/mirror` (scripts/fixtures/make_mirror.py: every branch — both sides, one side
/// only, growth above, at and below the threshold, zero bases), against the DuckDB oracle
/// (scripts/check/mirror_oracle.py), byte for byte; its outputs and its refusals.
struct MirrorTests {
    static let root = FixturePaths.fixtures + "/mirror"
    static let sides = [
        "--upstream", root + "/upstream.csv", "--upstream-reporter", "MX", "--upstream-partner", "CN",
        "--downstream", root + "/downstream.csv", "--downstream-partner", "MX", "--base", "2018", "--year", "2024",
    ]

    @Test(arguments: [
        ([String](), "expected.csv"), (["--hs-level", "4", "--threshold", "150"], "expected-hs4-150.csv"),
    ])
    func equalsTheOracle(_ extra: [String], _ expected: String) throws {
        for threads in ["1", "3"] {
            let run = try CLITests.roo(["mirror"] + MirrorTests.sides + extra + ["--threads", threads])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(Array(run.stdout.utf8) == FixturePaths.read(MirrorTests.root + "/" + expected), "\(run.stdout)")
        }
    }

    @Test func everyFormatHoldsTheComparison() throws {
        let directory = FixturePaths.temporaryDirectory()
        for name in ["m.csv", "m.tsv", "m.jsonl", "m.md", "m.xlsx", "m.html", "m.parquet"] {
            let run = try CLITests.roo(["mirror"] + MirrorTests.sides + ["--output", "\(directory)/\(name)"])
            #expect(run.status == 0 && FixturePaths.exists("\(directory)/\(name)"), "\(name): \(run.stderr)")
        }
        let html = String(decoding: FixturePaths.read(directory + "/m.html") ?? [], as: UTF8.self)
        #expect(
            html.contains("<svg") && html.contains("class=\"point coincident\"") && html.contains("Of 8 HS6 products"))
        let markdown = String(decoding: FixturePaths.read(directory + "/m.md") ?? [], as: UTF8.self)
        #expect(
            markdown.hasPrefix(
                "Of 8 HS6 products, 3 grew by more than 50% on both sides from 2018 to 2024: Mexico's imports from "
                    + "China of those rose from US$115,000 to US$295,000, and imports from Mexico of them from "
                    + "US$70,000 to US$183,000 (92.6% of it duty-free in 2024). 1 product appears upstream only, 1 "
                    + "downstream only."), "\(markdown.prefix(400))")
        let parquet = try CLITests.roo(["cat", directory + "/m.parquet", "--format", "csv"])
        #expect(parquet.status == 0 && parquet.stdout.contains("850440"), "\(parquet.stderr)")
        let shown = try CLITests.onTerminal(
            "\(FixturePaths.rooBinary()) mirror " + MirrorTests.sides.joined(separator: " "))
        #expect(
            shown.status == 0 && shown.shown.contains("Both grew") && shown.shown.contains("850440"), "\(shown.shown)")
    }

    @Test func refusalsSayWhatToGive() throws {
        let noLine = try CLITests.roo(
            ["mirror"] + MirrorTests.sides.map { $0 == "CN" ? "JP" : $0 })
        #expect(noLine.status == 65, "\(noLine.stderr)")
        #expect(noLine.stderr.contains("no line of 2018 or 2024 has origin JP (the largest: CN"), "\(noLine.stderr)")
        let level = try CLITests.roo(["mirror"] + MirrorTests.sides + ["--hs-level", "8"])
        #expect(level.status == 64 && level.stderr.contains("--hs-level takes 2 to 6"), "\(level.stderr)")
        let threshold = try CLITests.roo(["mirror"] + MirrorTests.sides + ["--threshold", "fifty"])
        #expect(threshold.status == 64 && threshold.stderr.contains("--threshold takes a percent"))
        let overwrite = try CLITests.roo(
            ["mirror"] + MirrorTests.sides + ["--output", MirrorTests.root + "/upstream.csv"])
        #expect(overwrite.status == 73, "an output that is an input: \(overwrite.stderr)")
    }

    /// A side's own `--upstream-map`: the same comparison from renamed headers; without it, the error's advice
    /// names the side's option.
    @Test func eachSideHasItsOwnMap() throws {
        let text = String(decoding: try #require(FixturePaths.read(MirrorTests.root + "/upstream.csv")), as: UTF8.self)
        let renamed = text.replacingOccurrences(
            of: "reporter,origin,partner,hs_code,", with: "reporter,COO,partner,HTS,")
        #expect(renamed != text)
        let path = FixturePaths.temporaryDirectory() + "/renamed.csv"
        #expect(FixturePaths.write(Array(renamed.utf8), to: path))
        let sides = MirrorTests.sides.map { $0 == MirrorTests.root + "/upstream.csv" ? path : $0 }
        let mapped = try CLITests.roo(
            ["mirror"] + sides + ["--upstream-map", "origin=COO", "--upstream-map", "hs_code=HTS"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(Array(mapped.stdout.utf8) == FixturePaths.read(MirrorTests.root + "/expected.csv"))
        let unmapped = try CLITests.roo(["mirror"] + sides)
        #expect(unmapped.status == 64 && unmapped.stderr.contains("--upstream-map"), "\(unmapped.stderr)")
    }

    /// Codes shorter than --hs-level cannot meet the other side's products: said, with the level to give.
    @Test func productsShorterThanTheLevelAreWarnedAbout() throws {
        let text = String(
            decoding: try #require(FixturePaths.read(MirrorTests.root + "/downstream.csv")), as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        for index in 1..<6 {
            var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[3] = String(cells[3].prefix(4))
            lines[index] = cells.joined(separator: ",")
        }
        let path = FixturePaths.temporaryDirectory() + "/short.csv"
        #expect(FixturePaths.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path))
        let sides = MirrorTests.sides.map { $0 == MirrorTests.root + "/downstream.csv" ? path : $0 }
        let run = try CLITests.roo(["mirror"] + sides)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains("downstream: ") && run.stderr.contains("of fewer than 6 digits (e.g. ")
                && run.stderr.contains("give --hs-level 4"), "\(run.stderr)")
        #expect(try !CLITests.roo(["mirror"] + MirrorTests.sides).stderr.contains("fewer than"))
    }

    /// BACI upstream (no duty: values only) against a canonical downstream; BACI downstream leaves the shares empty.
    @Test func baciIsAnUpstreamSide() throws {
        let baci = LayoutFixtureTests.root + "/baci"
        let run = try CLITests.roo([
            "mirror", "--upstream", baci + "/BACI_HS17_Y2018_fixture.csv", baci + "/BACI_HS17_Y2024_fixture.csv",
            "--upstream-layout", "baci", "--upstream-reporter", "MX", "--upstream-partner", "CN", "--downstream",
            baci + "/BACI_HS17_Y2018_fixture.csv", baci + "/BACI_HS17_Y2024_fixture.csv", "--downstream-layout", "baci",
            "--downstream-reporter", "US", "--downstream-partner", "MX", "--base", "2018", "--year", "2024", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst()
        #expect(
            !rows.isEmpty && rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= 13 })
        // Shares of a side without duty are empty, never 0.
        #expect(rows.allSatisfy { !$0.contains(",0.000000,0.000000,") }, "\(run.stdout)")
    }
}
