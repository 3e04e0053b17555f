import Aggregation
import Reports
import Summarize
import TestSupport
import Testing

/// Every strategy and thread count gives byte-identical output (docs/performance.md, Parallel strategies).
struct DeterminismTests {
    static func render(strategy: Strategy, threads: Int) throws -> [String] {
        var options = SummarizeOptions(inputs: [
            FixturePaths.fixtures + "/sample-2024.parquet", FixturePaths.fixtures + "/rules.parquet",
        ])
        options.strategy = strategy
        options.threads = threads
        let tables = try SummarizeEngine.run(options)
        let text = OutputFormat.allCases.filter(\.isPerTable).flatMap { format in tables.map { format.render($0) } }
        // The workbook too, its summary included (its notes hold no strategy or time here: fixed notes).
        let context = Headline.Context(
            period: "2024", region: ["CA", "MX", "US"], isUSMCA: true, programs: ["S", "S+"])
        let workbook = try XLSXFile.bytes(
            XLSXWorkbook(
                tables: tables, notes: [("inputs", .text("fixtures"))],
                headline: Headline(tables: tables, context: context)), path: "out.xlsx")
        return text + [workbook.map { String($0, radix: 16) }.joined()]
    }

    @Test func strategiesAndThreadCountsAgreeByteForByte() throws {
        let baseline = try DeterminismTests.render(strategy: .serial, threads: 1)
        #expect(
            baseline.count == OutputFormat.allCases.filter(\.isPerTable).count * SummaryTable.names(by: .standard).count
                + 1)
        for threads in [1, 2, 3, 8] {
            #expect(
                try DeterminismTests.render(strategy: .concurrentPerform, threads: threads) == baseline,
                "concurrent-perform at \(threads) threads")
        }
        #expect(try DeterminismTests.render(strategy: .serial, threads: 8) == baseline)
    }
}
