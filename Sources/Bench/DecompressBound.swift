import Aggregation
import Customs
import Parquet
import RooSupport
import Summarize

/// The lower bound of `roo summarize` on an input: only decompress the column
/// chunks summarize reads, with the same work units and threads.
package enum DecompressBound {
    /// One thread count's measured runs (after one warm-up run).
    package struct Row: Sendable {
        package var threads: Int
        package var seconds: [Double]
        package var medianSeconds: Double
    }

    /// `measure` at every thread count of `threads`: one warm-up run, then
    /// `repeats` measured runs each, with `concurrent-perform`.
    ///
    /// - Parameter showProgress: draw a progress line (runs done of runs planned).
    package static func measure(
        _ options: SummarizeOptions, threads: [Int], repeats: Int, showProgress: Bool
    ) throws -> [Row] {
        let progress = showProgress ? ProgressLine(.runs(total: threads.count * (1 + repeats))) : nil
        var rows: [Row] = []
        do {
            for count in threads {
                var options = options
                options.strategy = .concurrentPerform
                options.threads = count
                _ = try measure(options)  // warm-up
                progress?.add(runs: 1)
                let runs = try (0..<repeats).map { _ in
                    defer { progress?.add(runs: 1) }
                    return try measure(options).seconds
                }
                rows.append(Row(threads: count, seconds: runs, medianSeconds: runs.sorted()[runs.count / 2]))
            }
            progress?.finish()
        } catch {
            progress?.stop()
            throw error
        }
        return rows
    }

    /// Seconds to decompress, and uncompressed bytes produced.
    package static func measure(_ options: SummarizeOptions) throws -> (seconds: Double, bytes: Int) {
        let context = try SummarizeEngine.makeContext(options)
        final class Decompressor: WorkUnitProcessor {
            let context: SummarizeContext
            let decoder = ColumnChunkDecoder()
            var produced = 0
            init(context: SummarizeContext) { self.context = context }
            func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
                let work = context.units[unit]
                let binding = context.bindings[work.file]
                for bound in binding.columns.values {
                    do {
                        produced += try decoder.decompressOnly(
                            binding.file, rowGroup: work.rowGroup, column: bound.index)
                    } catch let error as ParquetError {
                        throw RooError(error)
                    }
                }
            }
        }
        let plan = AggregationPlan(unitCount: context.units.count) { Decompressor(context: context) }
        let start = Clock.now()
        _ = try options.strategy.run(plan, threads: options.threads)
        return (Clock.now() - start, 0)
    }
}
