import Aggregation
import Customs
import Partial
import Reports
import RooSupport
@testable import Summarize
import TestSupport
import Testing

/// `--compare A:B` on the ten lines of `BreakdownTests`, summed by hand.
struct CompareTests {
    static func tables(_ compare: String, by: String = "origin,hs2,partner", strategy: Strategy = .serial)
        throws -> [TableName: String]
    {
        var options = SummarizeOptions(inputs: [BreakdownTests.csv()])
        options.compare = try PeriodComparison(parsing: compare)
        options.by = try DimensionSet(parsing: by)
        options.strategy = strategy
        options.threads = 3
        var tables: [TableName: String] = [:]
        for table in try SummarizeEngine.run(options) { tables[table.name] = OutputFormat.csv.render(table) }
        return tables
    }

    @Test func twoMonthsSideBySide() throws {
        // Kept: 2024-01 (A: 100.00 S and 50.00, CN via MX) and 2024-04 (B: 5.00 S CN via MX, 7.00 DE via CA).
        let tables = try CompareTests.tables("202401:202404", by: "program")
        let totals = try #require(tables[.totals]).split(separator: "\n")
        #expect(
            totals[0].hasSuffix(
                ",customs_value_202404,customs_value_202401,customs_value_change,"
                    + "customs_value_growth,duty_free_value_202404,duty_free_value_202401,duty_free_value_change,"
                    + "duty_free_value_growth,preference_value_202404,preference_value_202401,preference_value_change,"
                    + "preference_value_growth,non_regional_value_202404,non_regional_value_202401,"
                    + "non_regional_value_change,non_regional_value_growth"))
        // 10 lines read, 6 outside both months (one without a period), 4 aggregated.
        #expect(totals[1].hasPrefix("1,10,6,0,"))
        #expect(
            totals[1].hasSuffix(
                ",4,162.00,0.00,4,162.00,105.00,162.00,1.000000,0.648148,0.000000,"
                    + "12.00,150.00,-138.00,-0.920000,12.00,150.00,-138.00,-0.920000,5.00,100.00,-95.00,-0.950000,"
                    + "12.00,150.00,-138.00,-0.920000"))
        let partners = try #require(tables[.byPartner])
        // Canada has no line in A: its growth is empty.
        #expect(
            partners.contains(
                "\nCA,Canada,1,7.00,0.00,1,7.00,0.00,7.00,1.000000,0.000000,0.000000,"
                    + "7.00,0.00,7.00,,7.00,0.00,7.00,,0.00,0.00,0.00,,7.00,0.00,7.00,\n"))
        #expect(partners.contains(",155.00,") && partners.contains(",5.00,150.00,-145.00,-0.966667,"))
        let detail = try #require(tables[.detail])
        #expect(detail.contains("\nS,2,105.00,0.00,2,105.00,105.00,105.00,1.000000,1.000000,0.000000,5.00,100.00,"))
        #expect(try #require(tables[.throughBloc]).contains("\nMX,Mexico,3,155.00,"))
    }

    /// The headline states the number in both periods, with the change (every surface prints this sentence).
    @Test func theHeadlineStatesBothPeriods() throws {
        func headline(_ compare: String?) throws -> Headline? {
            var options = SummarizeOptions(inputs: [BreakdownTests.csv()])
            options.compare = try compare.map { try PeriodComparison(parsing: $0) }
            let context = Headline.Context(period: nil, region: ["CA", "MX", "US"], isUSMCA: true, programs: ["S"])
            return Headline(tables: try SummarizeEngine.run(options), context: context)
        }
        // B (2024-04): 5.00 CN via MX and 7.00 DE via CA; A (2024-01): 100.00 + 50.00 CN via MX.
        let compared = try #require(try headline("202401:202404"))
        #expect(
            compared.comparison
                == Headline.Comparison(current: "202404", base: "202401", currentCents: 1200, baseCents: 15000))
        #expect(compared.comparisonSentence == "Through the bloc in 202404: US$12, against US$150 in 202401 (-92.0%).")
        // No line in A: no growth to state.
        #expect(
            try headline("202402:202404")?.comparisonSentence == "Through the bloc in 202404: US$12 (none in 202402).")
        #expect(try #require(try headline(nil)).comparisonSentence == nil)
    }

    @Test func aFinerPeriodKeyIsSplitByTheComparedPeriods() throws {
        let tables = try CompareTests.tables("202401:202404", by: "quarter")
        let rows = try #require(tables[.byPeriod]).split(separator: "\n")
        // Q1 holds only A's month, Q2 only B's.
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix("2024-Q1,2,150.00,") && rows[1].hasSuffix(",-1.000000,0.00,150.00,-150.00,-1.000000"))
        #expect(rows[2].hasPrefix("2024-Q2,2,12.00,") && rows[2].hasSuffix(",12.00,0.00,12.00,"))
    }

    @Test func everyStrategyAgrees() throws {
        let baseline = try CompareTests.tables("202401:202406", by: "hs6,month")
        for strategy in Strategy.allCases {
            #expect(try CompareTests.tables("202401:202406", by: "hs6,month", strategy: strategy) == baseline)
        }
    }

    @Test func partialsKeepTheComparisonAndRefuseAnother() throws {
        let directory = FixturePaths.temporaryDirectory()
        var options = SummarizeOptions(inputs: [BreakdownTests.csv()])
        options.compare = try PeriodComparison(parsing: "202401:202404")
        let whole = try SummarizeEngine.run(options)
        let aggregate = try SummarizeEngine.aggregate(options, outputs: [], showProgress: false) { _ in }.aggregate
        try PartialFile.write(aggregate, to: directory + "/a.parquet")
        #expect(try PartialFile.read(directory + "/a.parquet").tables(top: nil) == whole)
        options.compare = try PeriodComparison(parsing: "202401:202405")
        try PartialFile.write(
            SummarizeEngine.aggregate(options, outputs: [], showProgress: false) { _ in }.aggregate,
            to: directory + "/b.parquet")
        #expect {
            try ExactAggregate.merged(
                [PartialFile.read(directory + "/a.parquet"), PartialFile.read(directory + "/b.parquet")],
                names: ["a", "b"])
        } throws: { "\($0)".contains("different --compare") }
    }

    @Test(arguments: ["2024", "2024:202503", "2024:2024", "202413:202501", "24:25", "2024:2025:2026", "x:y"])
    func malformedComparisonsAreRefused(_ text: String) {
        #expect(throws: PeriodComparisonError.self) { try PeriodComparison(parsing: text) }
    }

    @Test func periodsOfAComparison() throws {
        let years = try PeriodComparison(parsing: "2025:2024")
        #expect(years.grain == .year && years.months == [202501...202512, 202401...202412])
        #expect(
            years.side(ofPeriod: "2024-Q3", from: .quarter) == 1 && years.side(ofPeriod: "2025-01", from: .month) == 0)
        #expect(years.side(ofPeriod: "2023", from: .year) == nil)
        let months = try PeriodComparison(parsing: "202403:202503")
        #expect(months.grain == .month && months.text == "202403:202503")
    }
}
