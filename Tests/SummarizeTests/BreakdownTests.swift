import Aggregation
import Customs
import Partial
import Reports
import RooSupport
@testable import Summarize
import TestSupport
import Testing

/// `--by`: the detail table keyed by HS 4–10, period, program and reporter, on hand-made lines whose sums
/// are written here, the same across strategies and input kinds, and through partials and merge.
struct BreakdownTests {
    /// Ten lines: CN goods via MX in two subheadings of heading 8708 and one of 8703, over three months and
    /// two quarters; a program claimed or not; one line without a period; one rejected (no HS code).
    static let lines = """
        reporter,period,origin,partner,hs_code,customs_value,duty,program
        US,202401,CN,MX,8708.29.5060,100.00,0,S
        US,202401,CN,MX,8708295060,50.00,0,
        US,202402,CN,MX,8708.30.0000,25.00,1.00,
        US,202403,CN,MX,870323,10.00,0, S+
        US,202404,CN,MX,8703.23.0190,5.00,0,S
        US,,CN,MX,8703230190,1.00,0,
        CA,202404,DE,CA,8708.99,7.00,0,
        US,202405,DE,DE,300490,3.00,0.30,
        US,202406,MX,MX,8708.29,2.00,0,S
        US,202406,CN,MX,,9.00,0,S

        """

    static func csv() -> String {
        let path = FixturePaths.temporaryDirectory() + "/breakdown.csv"
        #expect(FixturePaths.write(Array(lines.utf8), to: path))
        return path
    }

    static func detail(_ by: String, inputs: [String], strategy: Strategy = .serial, threads: Int = 1) throws
        -> [String]
    {
        var options = SummarizeOptions(inputs: inputs)
        options.by = try DimensionSet(parsing: by)
        options.strategy = strategy
        options.threads = threads
        let table = try SummarizeEngine.run(options)[0]
        return OutputFormat.csv.render(table).split(separator: "\n").map(String.init)
    }

    @Test func subheadingsByMonthAddUpByHand() throws {
        let rows = try BreakdownTests.detail("hs6,month", inputs: [BreakdownTests.csv()])
        #expect(rows[0].hasPrefix("hs6,month,lines,customs_value,duty,duty_free_lines,duty_free_value,"))
        // 870829 in 2024-01: 100.00 + 50.00, both duty-free, non-regional (CN origin); 870830: dutiable.
        #expect(rows.contains("870829,2024-01,2,150.00,0.00,2,150.00,100.00,150.00,1.000000,0.666667,0.000000"))
        #expect(rows.contains("870830,2024-02,1,25.00,1.00,0,0.00,0.00,0.00,,0.000000,0.040000"))
        #expect(rows.contains("870323,2024-03,1,10.00,0.00,1,10.00,10.00,10.00,1.000000,1.000000,0.000000"))
        // The line without a period has an empty month; the MX-origin line is regional (non-regional 0).
        #expect(rows.contains("870323,,1,1.00,0.00,1,1.00,0.00,1.00,1.000000,0.000000,0.000000"))
        #expect(rows.contains("870829,2024-06,1,2.00,0.00,1,2.00,2.00,0.00,0.000000,1.000000,0.000000"))
        #expect(rows.count == 1 + 8)
    }

    @Test func headingsByQuarterAndProgram() throws {
        let path = BreakdownTests.csv()
        let rows = try BreakdownTests.detail("hs4,quarter,program", inputs: [path])
        #expect(rows[0].hasPrefix("hs4,quarter,program,lines,"))
        #expect(rows.contains("8708,2024-Q1,S,1,100.00,0.00,1,100.00,100.00,100.00,1.000000,1.000000,0.000000"))
        #expect(rows.contains("8708,2024-Q1,none,2,75.00,1.00,1,50.00,0.00,50.00,1.000000,0.000000,0.013333"))
        #expect(rows.contains("8703,2024-Q1,S+,1,10.00,0.00,1,10.00,10.00,10.00,1.000000,1.000000,0.000000"))
        #expect(rows.contains("8703,2024-Q2,S,1,5.00,0.00,1,5.00,5.00,5.00,1.000000,1.000000,0.000000"))
        let byReporter = try BreakdownTests.detail("reporter", inputs: [path])
        #expect(byReporter.contains("US,8,196.00,1.30,6,168.00,117.00,166.00,0.988095,0.596939,0.006633"))
        #expect(byReporter.contains("CA,1,7.00,0.00,1,7.00,0.00,7.00,1.000000,0.000000,0.000000"))
    }

    @Test func theDefaultListIsTheDefaultTable() throws {
        let path = BreakdownTests.csv()
        var options = SummarizeOptions(inputs: [path])
        let standard = try SummarizeEngine.run(options).map { OutputFormat.csv.render($0) }
        options.by = try DimensionSet(parsing: "origin,hs2,partner")
        #expect(try SummarizeEngine.run(options).map { OutputFormat.csv.render($0) } == standard)
        // The marginal tables do not depend on --by; a period and a program key add by_period and by_program.
        options.by = try DimensionSet(parsing: "hs10,month,program")
        let keyed = try SummarizeEngine.run(options)
        #expect(
            keyed.map(\.name) == [
                .detail, .byPartner, .byChapter, .byOrigin, .byPeriod, .byProgram, .totals, .throughBloc,
            ])
        #expect(
            keyed.filter { ![.detail, .byPeriod, .byProgram].contains($0.name) }.map { OutputFormat.csv.render($0) }
                == Array(standard.dropFirst()))
    }

    @Test func byPeriodIsATimeSeriesAtTheFinestPeriod() throws {
        var options = SummarizeOptions(inputs: [BreakdownTests.csv()])
        options.by = try DimensionSet(parsing: "quarter,origin,month")
        options.top = 1
        let tables = try SummarizeEngine.run(options)
        let rows = OutputFormat.csv.render(tables.first { $0.name == .byPeriod }!).split(separator: "\n")
        // Every month in time order (the line without a period first), not cut by --top; sums by hand.
        #expect(
            rows.map { String($0.prefix { $0 != "," }) } == [
                "month", "", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
            ])
        #expect(rows[2] == "2024-01,2,150.00,0.00,2,150.00,100.00,150.00,1.000000,0.666667,0.000000")
        #expect(rows[5] == "2024-04,2,12.00,0.00,2,12.00,5.00,12.00,1.000000,0.416667,0.000000")
        let program = try BreakdownTests.detail("program", inputs: [BreakdownTests.csv()])
        #expect(program[1] == "S,3,107.00,0.00,3,107.00,107.00,105.00,0.981308,1.000000,0.000000")
    }

    @Test func everyStrategyAgreesOnBreakdowns() throws {
        let inputs = [StrategyTests.skewedPath, BreakdownTests.csv()]
        for by in ["hs6,month", "origin,partner,hs10,year", "program,quarter", "reporter,hs8"] {
            let baseline = try BreakdownTests.detail(by, inputs: inputs)
            #expect(baseline.count > 10, "\(by)")
            for strategy in Strategy.allCases {
                for threads in [2, 3] {
                    #expect(
                        try BreakdownTests.detail(by, inputs: inputs, strategy: strategy, threads: threads)
                            == baseline, "\(by): \(strategy.rawValue) at \(threads) threads")
                }
            }
        }
    }

    @Test func partialsKeepTheBreakdownAndRefuseAnother() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = BreakdownTests.csv()
        var options = SummarizeOptions(inputs: [path])
        options.by = try DimensionSet(parsing: "hs6,month,program")
        let whole = try SummarizeEngine.run(options)
        options.inputs = [path]
        try PartialFile.write(
            SummarizeEngine.aggregate(options, outputs: [], showProgress: false) { _ in }.aggregate,
            to: directory + "/a.parquet")
        options.inputs = [StrategyTests.skewedPath]
        try PartialFile.write(
            SummarizeEngine.aggregate(options, outputs: [], showProgress: false) { _ in }.aggregate,
            to: directory + "/b.parquet")
        let merged = try ExactAggregate.merged(
            [PartialFile.read(directory + "/a.parquet"), PartialFile.read(directory + "/b.parquet")],
            names: ["a", "b"])
        options.inputs = [path, StrategyTests.skewedPath]
        #expect(try merged.tables(top: nil) == SummarizeEngine.run(options))
        #expect(try PartialFile.read(directory + "/a.parquet").tables(top: nil) == whole)
        options.by = .standard
        options.inputs = [path]
        try PartialFile.write(
            SummarizeEngine.aggregate(options, outputs: [], showProgress: false) { _ in }.aggregate,
            to: directory + "/c.parquet")
        #expect(throws: RooError.self) {
            try ExactAggregate.merged(
                [PartialFile.read(directory + "/a.parquet"), PartialFile.read(directory + "/c.parquet")],
                names: ["a", "c"])
        }
    }
}
