import Testing
import TestSupport

/// Periods of a year only (`2024`, as CEPII BACI and Comtrade's annual data
/// write them): read as the whole year, never placed in a month, and never
/// left out by a month filter without a word.
struct YearOnlyPeriodTests {
    /// CN via MX: a year-only 2022 line (100), a March 2022 line (50), and a year-only 2023 line (10, dutiable).
    static let csv = """
        origin,partner,hs_code,customs_value,duty,program,period
        CN,MX,850440,100,0,,2022
        CN,MX,850440,50,0,,202203
        CN,CN,850440,10,1,,2023

        """

    static func write() -> String {
        let path = FixturePaths.temporaryDirectory() + "/years.csv"
        #expect(FixturePaths.write(Array(csv.utf8), to: path))
        return path
    }

    @Test func aYearKeyHoldsTheYearsLines() throws {
        let run = try CLITests.roo(["summarize", YearOnlyPeriodTests.write(), "--by", "year,hs6", "--table", "detail"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").prefix(4).joined(separator: ",")
        }
        #expect(rows == ["2022,850440,2,150.00", "2023,850440,1,10.00"], "\(run.stdout)")
    }

    @Test func aMonthKeyLeavesItEmptyWithAWarning() throws {
        let run = try CLITests.roo(["summarize", YearOnlyPeriodTests.write(), "--by", "month", "--table", "by_period"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n,2,110.00,") && run.stdout.contains("\n2022-03,1,50.00,"), "\(run.stdout)")
        #expect(
            run.stderr.contains("2 lines have no readable period")
                && run.stderr.contains("a year YYYY has no month: use --by year"), "\(run.stderr)")
    }

    @Test func aPartOfTheYearLeavesItOutWithACount() throws {
        let path = YearOnlyPeriodTests.write()
        let part = try CLITests.roo(["summarize", path, "--from", "202201", "--to", "202206", "--table", "totals"])
        #expect(part.status == 0, "\(part.stderr)")
        // The 2022 line is left out because the range covers part of its year; the 2023 line lies wholly
        // outside it, as a month line of 2023 would: no news, not counted (the warning said 2 before).
        #expect(
            part.stderr.contains(
                "1 line with a period of a year only (e.g. 2024) was filtered out by --from 202201 --to 202206"),
            "\(part.stderr)")
        #expect(part.stdout.contains(",50.00,"), "only the March line is kept: \(part.stdout)")
        // A range covering whole years keeps them, without a word.
        let whole = try CLITests.roo(["summarize", path, "--from", "202201", "--to", "202312", "--table", "totals"])
        #expect(whole.status == 0 && whole.stderr.isEmpty, "\(whole.stderr)")
        #expect(whole.stdout.split(separator: "\n").last?.split(separator: ",").contains("160.00") == true)
    }

    @Test func comparingTwoYearsSplitsTheirLines() throws {
        let run = try CLITests.roo([
            "summarize", YearOnlyPeriodTests.write(), "--compare", "2022:2023", "--by", "hs6", "--table", "detail",
        ])
        // No "no line lies in 2023": the 2023 line is year-only, its months are all of 2023.
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains(",10.00,150.00,-140.00,"), "customs_value_2023, _2022, change: \(run.stdout)")
    }

    @Test func anIngestedIntegerYearReadsTheSameAndNamesTheYears() throws {
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo(["ingest", YearOnlyPeriodTests.write(), "--output", directory + "/y.parquet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let run = try CLITests.roo(["summarize", directory + "/y.parquet", "--by", "year", "--table", "by_period"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n2022,2,150.00,") && run.stdout.contains("\n2023,1,10.00,"), "\(run.stdout)")
        // Integer years and months mixed: the statistics' min and max (2022, 202203) are no month range.
        let mixed = try CLITests.onTerminal("\(FixturePaths.rooBinary()) summarize \(directory)/y.parquet --quiet")
        #expect(mixed.status == 0 && !mixed.shown.contains("2022-03"), "the period covered: \(mixed.shown)")
        // Years only: the period covered is from the first year's January to the last year's December.
        let years = Array(
            "origin,partner,hs_code,customs_value,duty,period\nCN,MX,850440,100,0,2022\nCN,MX,850440,5,0,2023\n".utf8)
        #expect(FixturePaths.write(years, to: directory + "/years.csv"))
        #expect(
            try CLITests.roo(["ingest", directory + "/years.csv", "--output", directory + "/z.parquet"]).status == 0)
        let whole = try CLITests.onTerminal("\(FixturePaths.rooBinary()) summarize \(directory)/z.parquet --quiet")
        let words = whole.shown.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(Mexico) in 2022 to 2023 "), "the period covered: \(whole.shown)")
    }
}
