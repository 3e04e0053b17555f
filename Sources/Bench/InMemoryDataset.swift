import Aggregation
import Summarize

/// Work units decoded once into line blocks, so strategies can be measured
/// on aggregation alone (the `Kernel` benchmark suite).
public final class InMemoryDataset: @unchecked Sendable {
    // @unchecked Sendable: the blocks are read-only after `load`.
    package let blocks: [(LineBlock, KernelConfiguration)]

    init(blocks: [(LineBlock, KernelConfiguration)]) { self.blocks = blocks }

    /// Decodes every work unit of the Parquet files at `paths` into blocks,
    /// summarized with the default options.
    public static func load(paths: [String]) throws -> InMemoryDataset {
        try load(SummarizeOptions(inputs: paths))
    }

    /// Decodes every work unit of `options.inputs` (Parquet) into blocks.
    package static func load(_ options: SummarizeOptions) throws -> InMemoryDataset {
        let context = try SummarizeEngine.makeContext(options)
        let worker = SummarizeWorker(context: context)
        var blocks: [(LineBlock, KernelConfiguration)] = []
        for unit in 0..<context.units.count {
            try worker.classify(unit: unit) { block, configuration in blocks.append((block.copy(), configuration)) }
        }
        return InMemoryDataset(blocks: blocks)
    }

    /// Lines in the dataset.
    public var lineCount: Int { blocks.reduce(0) { $0 + $1.0.count } }

    /// A plan whose units hand out the decoded blocks.
    public func plan() -> AggregationPlan {
        AggregationPlan(unitCount: blocks.count) { [self] in Replayer(dataset: self) }
    }

    final class Replayer: WorkUnitProcessor {
        let dataset: InMemoryDataset
        init(dataset: InMemoryDataset) { self.dataset = dataset }

        func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
            try body(dataset.blocks[unit].0, dataset.blocks[unit].1)
        }
    }
}
