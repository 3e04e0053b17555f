import Aggregation
import Customs
import Parquet
import Reports

/// `roo summarize`: binds every input file, runs the kernel with the chosen
/// strategy, and builds the five summary tables.
public enum SummarizeEngine {
    /// Opens and binds the Parquet inputs.
    static func makeContext(_ options: SummarizeOptions, paths: [String]? = nil, showProgress: Bool = false) throws -> SummarizeContext {
        let paths = try paths ?? InputExpansion.parquetFiles(options.inputs)
        let parquetOrder = paths.indices.filter { InputExpansion.isParquet(paths[$0]) }
        let bindings = try parquetOrder.map { index -> FileBinding in
            let file: ParquetFile
            do { file = try ParquetFile(path: paths[index]) } catch let error as ParquetError { throw RooError(error) }
            return try FileBinding(file: file, options: options)
        }
        let rejects = try options.rejectsPath.map { try RejectsLog(path: $0) }
        return SummarizeContext(bindings: bindings, options: options, showProgress: showProgress, inputOrder: parquetOrder, rejects: rejects)
    }

    /// Runs the summary over `options.inputs`.
    ///
    /// - Throws: `RooError` (64 usage, 65 bad data or overflow, 66 missing input).
    /// - Complexity: O(lines) decoding and aggregation, O(g log g) for g groups.
    /// - Parameter showProgress: draw a progress line on stderr while the
    ///   Parquet inputs are read (`SummarizeProgress`).
    public static func run(_ options: SummarizeOptions, showProgress: Bool = false) throws -> [SummaryTable] {
        let paths = try InputExpansion.parquetFiles(options.inputs)
        let csvPaths = paths.indices.filter { !InputExpansion.isParquet(paths[$0]) }
        let context = try makeContext(options, paths: paths, showProgress: showProgress)
        let plan = AggregationPlan(unitCount: context.units.count) { SummarizeWorker(context: context) }
        let result: PartialAggregate
        do {
            defer { context.progress?.finish() }
            result = try options.strategy.run(plan, threads: options.threads)
        }
        for index in csvPaths { try CSVSummarizer(context: context).run(path: paths[index], inputOrder: index, into: result) }
        guard !result.groups.overflowed else { throw RooError(.dataError, "a sum overflows Int64 cents") }
        let keys = context.interner.keys()
        let groups = result.groups.entries().map { entry -> GroupRow in
            let (origin, partner, chapter) = GroupAccumulator.components(entry.key)
            return GroupRow(origin: keys[Int(origin)], chapter: Int(chapter), partner: keys[Int(partner)], measures: entry.measures)
        }
        let counts = result.counts
        let totals = TotalsInput(files: paths.count, linesRead: counts.linesRead, linesFiltered: counts.linesFiltered,
                                 rejected: counts.rejected, linesAggregated: counts.linesAggregated)
        let tables: [SummaryTable]
        do {
            tables = try SummaryTable.buildAll(groups: groups, totals: totals, top: options.top)
        } catch let error as MeasureOverflow {
            throw RooError(.dataError, error.description)
        }
        try context.rejects?.commit()
        return tables
    }
}
