import Aggregation
@testable import Generate
import Parquet
import Reports
import RooSupport
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

    /// CSV files generated with `seed`: `rows` lines (about 48 bytes each, so
    /// 120,000 lines are two 4 MiB chunks).
    static func csv(_ name: String, rows: Int, seed: UInt64) throws -> String {
        let path = FixturePaths.temporaryDirectory() + "/" + name
        var options = GenerateOptions(rows: rows, output: path)
        options.seed = seed
        _ = try GenerateEngine.run(options)
        return path
    }

    /// Parquet units and text chunks run in one plan: every strategy and
    /// thread count gives the same tables on CSV, Parquet, CSV inputs, and
    /// the lines and money of the run are those of the inputs alone, added.
    @Test func parquetAndTextInputsShareOnePlan() throws {
        let inputs = [
            try StrategyTests.csv("chunks.csv", rows: 120_000, seed: 7), StrategyTests.skewedPath,
            try StrategyTests.csv("small.csv", rows: 1_000, seed: 8),
        ]
        let baseline = try StrategyTests.render(.serial, threads: 1, inputs: inputs)
        for strategy in Strategy.allCases {
            for threads in [1, 2, 3, 8] {
                #expect(
                    try StrategyTests.render(strategy, threads: threads, inputs: inputs) == baseline,
                    "\(strategy.rawValue) at \(threads) threads")
            }
        }
        func totals(_ inputs: [String]) throws -> [Int64] {
            var options = SummarizeOptions(inputs: inputs)
            options.threads = 2
            let table = try #require(try SummarizeEngine.run(options).first { $0.name == .totals })
            let columns = ["files", "lines_read", "lines_aggregated", "customs_value", "duty_free_value"]
            return columns.map { name in
                let index = table.columns.firstIndex(of: name)!
                return switch table.rows[0][index] {
                case let .integer(value): value
                case let .money(value): value
                default: -1
                }
            }
        }
        let alone = try inputs.map { try totals([$0]) }
        let sum = alone.dropFirst().reduce(alone[0]) { zip($0, $1).map { $0 + $1 } }
        #expect(try totals(inputs) == sum)
        #expect(sum[1] == 120_000 + 135_011 + 1_000, "lines read: \(sum)")
    }

    /// A text input that fails (a record with a missing field, after a
    /// missing column in another) fails the run the same way for every
    /// strategy and thread count: the lowest failing unit's error.
    @Test func aFailingTextInputFailsEveryStrategyAlike() throws {
        let directory = FixturePaths.temporaryDirectory()
        let short = directory + "/short.csv"
        let noDuty = directory + "/no-partner.csv"
        #expect(
            FixturePaths.write(
                Array("origin,partner,hs_code,customs_value,duty\nCN,MX,8703,1.00,0\nCN,MX\n".utf8), to: short))
        #expect(FixturePaths.write(Array("origin,hs_code,customs_value,duty\nCN,8703,1.00,0\n".utf8), to: noDuty))
        let inputs = [
            try StrategyTests.csv("before.csv", rows: 120_000, seed: 9), StrategyTests.skewedPath, short, noDuty,
        ]
        for strategy in Strategy.allCases {
            for threads in [1, 2, 3, 8] {
                do {
                    _ = try StrategyTests.render(strategy, threads: threads, inputs: inputs)
                    Issue.record("\(strategy.rawValue) at \(threads) threads: no error")
                } catch let error as RooError {
                    #expect(
                        error.message == "\(short): line 3: expected 5 fields, found 2",
                        "\(strategy.rawValue) at \(threads)")
                }
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
