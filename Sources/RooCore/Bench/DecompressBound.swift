import Aggregation
import Customs
import Parquet

/// The lower bound of `roo summarize` on an input: only decompress the column
/// chunks summarize reads, with the same work units and threads.
public enum DecompressBound {
    /// Seconds to decompress, and uncompressed bytes produced.
    public static func measure(_ options: SummarizeOptions) throws -> (seconds: Double, bytes: Int) {
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
                        produced += try decoder.decompressOnly(binding.file, rowGroup: work.rowGroup, column: bound.index)
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
