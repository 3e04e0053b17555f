import Aggregation
@testable import Bench
import Parquet
@testable import Summarize
import TestSupport
import Testing

/// `roo bench`: every strategy × thread count measured on the same input,
/// each checked against the serial tables; and the Kernel suite's dataset.
struct BenchEngineTests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"

    @Test func everyCellIsMeasuredAndMatchesSerial() throws {
        var options = BenchOptions(summarize: SummarizeOptions(inputs: [BenchEngineTests.sample]), threads: [1, 2])
        options.repeats = 1
        options.warmups = 0
        let report = try BenchEngine.run(options)
        let rows = try ParquetFile(path: BenchEngineTests.sample).metadata.numRows
        #expect(report.rows == rows)
        // serial runs once (1 thread); every other strategy at 1 and 2 threads.
        #expect(report.cells.count == 1 + (Strategy.allCases.count - 1) * 2)
        for cell in report.cells {
            #expect(cell.matchesSerial, "\(cell.strategy.rawValue) at \(cell.threads)")
            #expect(cell.seconds.count == 1 && cell.medianSeconds > 0)
        }
        let markdown = report.rendered(.md)
        for strategy in Strategy.allCases { #expect(markdown.contains(strategy.rawValue)) }
    }

    @Test func defaultThreadsAreOneTwoAndTheCores() {
        #expect(BenchOptions.defaultThreads(cores: 2) == [1, 2])
        #expect(BenchOptions.defaultThreads(cores: 8) == [1, 2, 8])
        #expect(BenchOptions.defaultThreads(cores: 200) == [1, 2, 64])
    }

    @Test func theKernelDatasetHoldsEveryLine() throws {
        let dataset = try InMemoryDataset.load(paths: [BenchEngineTests.sample])
        #expect(Int64(dataset.lineCount) == (try ParquetFile(path: BenchEngineTests.sample).metadata.numRows))
    }
}
