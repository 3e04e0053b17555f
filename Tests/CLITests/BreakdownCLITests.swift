import Foundation
import Testing
import TestSupport

/// `summarize --by` at the command line: the readable views keep listing flows, bad lists are usage errors.
struct BreakdownCLITests {
    @Test func theReadableViewsListFlowsWhateverDetailIsKeyedBy() throws {
        let standard = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--summary"])
        let keyed = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--summary", "--by", "hs6,month"])
        #expect(keyed.status == 0, "\(keyed.stderr)")
        // The flows are (origin, chapter, partner) cells: the same lines as without --by.
        #expect(keyed.stdout == standard.stdout)
        #expect(keyed.stdout.contains("Largest flows through the bloc"))
        let directory = FixturePaths.temporaryDirectory()
        for by in ["origin,hs2,partner", "hs4,quarter"] {
            let html = try CLITests.roo([
                "summarize", SummarizeCLITests.sample, "--by", by, "--output", directory + "/\(by).html",
            ])
            #expect(html.status == 0, "\(html.stderr)")
        }
        let plain = try String(contentsOfFile: directory + "/origin,hs2,partner.html", encoding: .utf8)
        let keyedReport = try String(contentsOfFile: directory + "/hs4,quarter.html", encoding: .utf8)
        let flows = { (html: String) in
            html.components(separatedBy: "id=\"through-bloc-flows\"").dropFirst().first?.prefix(2000)
        }
        #expect(flows(plain) != nil && flows(plain) == flows(keyedReport))
    }

    @Test func aBadListIsAUsageError() throws {
        let unknown = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--by", "origin,hs5"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("\"hs5\" is none of them"), "\(unknown.stderr)")
        let noPeriod = FixturePaths.temporaryDirectory() + "/no-period.csv"
        #expect(
            FixturePaths.write(Array("origin,partner,hs_code,customs_value,duty\nCN,MX,8703,1,0\n".utf8), to: noPeriod))
        let month = try CLITests.roo(["summarize", noPeriod, "--by", "month"])
        #expect(month.status == 64 && month.stderr.contains("no column for period"), "\(month.stderr)")
    }

    @Test func linesWithoutAReadablePeriodAreCountedInAWarning() throws {
        let path = FixturePaths.temporaryDirectory() + "/bad-period.csv"
        let text =
            "origin,partner,hs_code,customs_value,duty,period\nCN,MX,8708,1.00,0,03/2024\nCN,MX,8708,2.00,0,2024-04\n"
        #expect(FixturePaths.write(Array(text.utf8), to: path))
        let run = try CLITests.roo(["summarize", path, "--by", "month,partner"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n,MX,Mexico,1,1.00,"))
        #expect(run.stderr.contains("roo: warning: 1 line has no readable period: its month is empty"), "\(run.stderr)")
        let plain = try CLITests.roo(["summarize", path])
        #expect(!plain.stderr.contains("no readable period"), "\(plain.stderr)")
    }

    @Test func aComparisonIsCheckedBeforeAnyWork() throws {
        let sample = SummarizeCLITests.sample
        let mixed = try CLITests.roo(["summarize", sample, "--compare", "2024:202503"])
        #expect(mixed.status == 64 && mixed.stderr.contains("two years (2024:2025) or two months"), "\(mixed.stderr)")
        let filtered = try CLITests.roo(["summarize", sample, "--compare", "2023:2024", "--from", "202401"])
        #expect(filtered.status == 64 && filtered.stderr.contains("leave out --from and --to"), "\(filtered.stderr)")
        // The sample holds 2024 only: 2023's columns are 0 and the growth empty.
        let years = try CLITests.roo(["summarize", sample, "--compare", "2023:2024", "--table", "totals"])
        #expect(years.status == 0, "\(years.stderr)")
        #expect(
            years.stdout.contains("customs_value_2024,customs_value_2023,customs_value_change,customs_value_growth"))
        #expect(
            years.stderr.contains("--compare 2023:2024: no line lies in 2023 (the period column runs 202401 to 202412)")
        )
        let none = try CLITests.roo(["summarize", sample, "--compare", "2021:2022"])
        #expect(none.status == 65 && none.stderr.contains("--compare 2021:2022"), "\(none.stderr)")
    }
}
