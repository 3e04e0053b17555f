import Aggregation
@testable import Generate
import Parquet
import Reports
@testable import Summarize
import TestSupport
import Testing

/// Every strategy × thread count gives byte-identical tables, on a file with
/// skewed work units: one huge row group, tiny ones and empty ones, pages
/// that do not align with work-queue's row ranges.
struct StrategyTests {
    static let skewedPath: String = {
        let path = FixturePaths.temporaryDirectory() + "/skewed.parquet"
        let model = GeneratorModel(seed: 5)
        var options = GenerateOptions(rows: 0, output: path)
        options.seed = 5
        var writerOptions = WriterOptions()
        writerOptions.pageRowCountMax = 7_000
        do {
            let writer = try ParquetWriter(path: path, columns: GeneratedRows.writerColumns, options: writerOptions)
            for (group, count) in [120_000, 1, 0, 7, 0, 15_000, 3].enumerated() {
                let rows = GeneratedRows.make(model: model, options: options, group: group, count: count)
                try writer.write(rows.columnData(model: model))
            }
            try writer.close()
        } catch {
            Issue.record("cannot write the skewed fixture: \(error)")
        }
        return path
    }()

    static func render(_ strategy: Strategy, threads: Int, inputs: [String]) throws -> [String] {
        var options = SummarizeOptions(inputs: inputs)
        options.strategy = strategy
        options.threads = threads
        options.smallUnitRowCount = 25_000
        return try SummarizeEngine.run(options).map { OutputFormat.csv.render($0) }
    }

    @Test func everyStrategyAndThreadCountAgrees() throws {
        let inputs = [StrategyTests.skewedPath, FixturePaths.fixtures + "/rules.parquet"]
        let baseline = try StrategyTests.render(.serial, threads: 1, inputs: inputs)
        #expect(baseline[4].contains("\n2,135080,"), "totals: \(baseline[4])")
        for strategy in Strategy.allCases {
            for threads in [1, 2, 3, 5, 8] {
                #expect(
                    try StrategyTests.render(strategy, threads: threads, inputs: inputs) == baseline,
                    "\(strategy.rawValue) at \(threads) threads")
            }
        }
    }

    @Test func rowRangesDecodeExactly() throws {
        let file = try ParquetFile(path: StrategyTests.skewedPath)
        let decoder = ColumnChunkDecoder()
        let whole = ColumnBatch()
        let part = ColumnBatch()
        for column in 0..<file.schema.columns.count {
            try decoder.decode(file, rowGroup: 0, column: column, into: whole)
            for range in [0..<25_000, 6_999..<7_001, 25_000..<50_000, 119_990..<120_000, 3..<3] {
                try decoder.decode(file, rowGroup: 0, column: column, rows: range, into: part)
                #expect(part.rowCount == range.count)
                var same = true
                for row in 0..<range.count
                where part.isValid(row) != whole.isValid(range.lowerBound + row)
                    || (part.isValid(row)
                        && Array(part.bytes(at: row)) != Array(whole.bytes(at: range.lowerBound + row)))
                {
                    same = false
                }
                #expect(same, "column \(column) rows \(range)")
            }
        }
    }
}
