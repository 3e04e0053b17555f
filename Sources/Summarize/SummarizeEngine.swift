import Aggregation
import Customs
import MappedIO
import Parallel
import Parquet
import Partial
import Reports
import RooSupport

/// `roo summarize`: binds every input file, runs the kernel with the chosen
/// strategy, and builds the five summary tables.
package enum SummarizeEngine {
    /// Opens and binds the Parquet inputs, with every setting the command
    /// line left open resolved from the inputs (`InputDefaults`).
    package static func makeContext(
        _ options: SummarizeOptions, paths: [String]? = nil, showProgress: Bool = false
    ) throws -> SummarizeContext {
        let paths =
            try paths
            ?? InputExpansion.expand(options.inputs, everyFile: options.layout != nil, skippingRooOutputs: true).files
        let parquetOrder = paths.indices.filter { InputExpansion.isParquet(paths[$0]) }
        let files = try parquetOrder.map { index -> ParquetFile in
            do { return try ParquetFile(path: paths[index]) } catch let error as ParquetError { throw RooError(error) }
        }
        var said = files.map { (path: $0.path, defaults: InputDefaults(metadata: $0.metadata.keyValueMetadata)) }
        if let layout = options.layout, parquetOrder.count < paths.count {
            said.append(("--layout \(layout.name)", InputDefaults(layout: layout)))
        }
        var given = InputDefaults(
            countryCodes: options.countryCodes, dutyFreeBy: options.dutyFreeBy,
            dutyFreePrograms: options.dutyFreePrograms)
        given.valueBasis = options.valueBasis
        let (resolved, notes) = try checkingCodes(options.resolved(with: try InputDefaults.agreed(said, given: given)))
        let bindings = try files.map { try FileBinding(file: $0, options: resolved) }
        let rejects = try options.rejectsPath.map { try RejectsLog(path: $0) }
        let parquetIndices = Set(parquetOrder)
        let textPaths = paths.indices.filter { !parquetIndices.contains($0) }.map { paths[$0] }
        return SummarizeContext(
            bindings: bindings, options: resolved, showProgress: showProgress,
            textInputBytes: showProgress ? ProgressLine.fileBytes(textPaths) : 0, inputOrder: parquetOrder,
            rejects: rejects, notes: notes + bindings.flatMap(\.notes))
    }

    /// `--region` and `--reporter` checked against the country codes of the
    /// inputs' system and converted to alpha-2 (a list equal to a named bloc
    /// becomes the bloc, with a note).
    ///
    /// - Throws: `RooError(.usage)` naming an unknown code, with a suggestion.
    static func checkingCodes(_ options: SummarizeOptions) throws -> (SummarizeOptions, [String]) {
        var checked = options
        var notes: [String] = []
        let codes = options.countryCodes ?? .iso2
        do {
            let (region, note) = try options.region.resolved(codes: codes)
            checked.region = region
            if let note, options.preferencePrograms == nil { notes.append(note) }
            if let reporter = options.reporter {
                checked.reporter = try CountryCodes.alpha2(for: reporter, in: codes, option: "--reporter")
            }
        } catch {
            throw RooError(.usage, error.description)
        }
        return (checked, notes)
    }

    /// The settings the command line left open, as the inputs resolve them
    /// (ingest metadata, `--layout`), written as options: what a tool that
    /// runs summarize piecewise (`scripts/distributed/summarize.sh`) passes to
    /// every piece so that all pieces agree. Reads only Parquet footers.
    package static func resolvedOptionArguments(_ options: SummarizeOptions) throws -> [String] {
        let resolved = try makeContext(options).options
        var arguments = [
            "--country-codes", (resolved.countryCodes ?? .iso2).rawValue, "--duty-free-by",
            (resolved.dutyFreeBy ?? .duty).rawValue,
        ]
        if let programs = resolved.dutyFreePrograms {
            arguments += ["--duty-free-programs", programs.sorted().joined(separator: ",")]
        }
        return arguments
    }

    /// Runs the summary over `options.inputs`.
    ///
    /// - Throws: `RooError` (64 usage, 65 bad data or overflow, 66 missing input).
    /// - Complexity: O(lines) decoding and aggregation, O(g log g) for g groups.
    /// - Parameter showProgress: draw a progress line on stderr while the
    ///   inputs are read (`ProgressLine`).
    package static func run(_ options: SummarizeOptions, showProgress: Bool = false) throws -> [SummaryTable] {
        try summarize(options, showProgress: showProgress).tables
    }

    /// The tables, and the options as resolved from the inputs (for the notes).
    ///
    /// - Parameter notice: receives one line per input whose layout skipped
    ///   records (malformed, or dropped by the layout's keep rule).
    /// - Parameter warning: receives the run's warnings, as `summarize(_:to:)` gives them.
    package static func summarize(
        _ options: SummarizeOptions, showProgress: Bool = false, notice: (String) -> Void = { _ in },
        warning: (String) -> Void = { _ in }
    ) throws -> (tables: [SummaryTable], options: SummarizeOptions) {
        let run = try aggregate(options, outputs: [], showProgress: showProgress, notice: notice)
        run.warnings.lines.forEach(warning)
        if let line = RunWarnings.missingPeriods(run.aggregate.linesWithoutPeriod(), by: options.by) { warning(line) }
        let tables = try run.aggregate.tables(top: options.top, threads: run.options.threads)
        try Outputs.commit(try run.rejects?.finish().map { [$0] } ?? [])
        return (tables, run.options)
    }

    /// `roo summarize`: the tables written to `destination`, with the
    /// `--rejects` file committed in the same set. An output that is one of
    /// the inputs is refused (exit 73) before any work.
    ///
    /// - Parameter emit: receives stdout text.
    /// - Parameter warning: receives one line per problem the run noticed
    ///   (`RunWarnings`: rejected lines, odd HS codes, program codes that
    ///   differ only in case); `--quiet` passes a closure that drops them.
    /// - Throws: also `RooError(.dataError)` when no line was aggregated,
    ///   unless `options.allowEmpty`, with the reason.
    package static func summarize(
        _ options: SummarizeOptions, to destination: SummaryOutput, showProgress: Bool = false,
        notice: (String) -> Void = { _ in }, warning: (String) -> Void = { _ in }, emit: (String) throws -> Void
    ) throws {
        try destination.check(by: options.by)
        let outputs =
            try destination.targetPaths(tables: SummaryTable.names(by: options.by))
            + [options.rejectsPath].compactMap { $0 }
        let run = try aggregate(options, outputs: outputs, showProgress: showProgress, notice: notice)
        if run.aggregate.totals.linesAggregated == 0 && !options.allowEmpty {
            throw RooError(.dataError, run.warnings.emptyResult)
        }
        run.warnings.lines.forEach(warning)
        if let line = RunWarnings.missingPeriods(run.aggregate.linesWithoutPeriod(), by: options.by) { warning(line) }
        let tables = try run.aggregate.tables(
            top: options.top, threads: run.options.threads, only: destination.tablesWritten)
        let rejects = try run.rejects?.finish()
        let periods = run.aggregate.periods
        let notes = SummaryNotes.make(
            options: run.options, tables: tables, moneyFormat: run.options.moneyFormat, periods: periods)
        let headline = Headline(
            tables: tables, context: SummaryNotes.headlineContext(options: run.options, periods: periods))
        try destination.write(
            tables, notes: notes, headline: headline, flows: destination.showsFlows ? run.aggregate.flowCells() : nil,
            series: destination.drawsSeries ? run.aggregate.periodSeries() : nil,
            committingWith: rejects.map { [$0] } ?? [], threads: run.options.threads, emit: emit)
    }

    /// `summarize --partial PATH`: writes the exact aggregate of the inputs
    /// (`PartialFile`) instead of tables, committed with the `--rejects`
    /// file. Parameters as `summarize`.
    ///
    /// - Returns: the aggregate written.
    @discardableResult
    package static func writePartial(
        _ options: SummarizeOptions, to path: String, showProgress: Bool = false, notice: (String) -> Void = { _ in },
        warning: (String) -> Void = { _ in }
    ) throws -> ExactAggregate {
        let outputs = [path] + [options.rejectsPath].compactMap { $0 }
        let run = try aggregate(options, outputs: outputs, showProgress: showProgress, notice: notice)
        // A piece may be empty (a share of row groups all filtered): merge decides for the whole.
        run.warnings.lines.forEach(warning)
        if let line = RunWarnings.missingPeriods(run.aggregate.linesWithoutPeriod(), by: options.by) { warning(line) }
        let partial = try PartialFile.finish(run.aggregate, to: path)
        let rejects = try run.rejects?.finish()
        try Outputs.commit([partial] + (rejects.map { [$0] } ?? []))
        return run.aggregate
    }

    /// Runs the kernel over every input in one plan (`LineSources`: the
    /// Parquet units, then the chunks of the text inputs) into one
    /// aggregate. The progress line ends with the last input (stopped on a
    /// failure); notes (how the options were read, columns of a text input,
    /// records a layout skipped) are written above it.
    ///
    /// - Parameter textPaths: the indices in `paths` of the text inputs.
    private static func readInputs(
        _ context: SummarizeContext, paths: [String], textPaths: [Int], notice: (String) -> Void
    ) throws -> PartialAggregate {
        func note(_ line: String) {
            if let progress = context.progress { progress.printAbove { notice(line) } } else { notice(line) }
        }
        context.notes.forEach(note)
        let sources = LineSources(
            parquetUnits: context.units.count, textInputs: textPaths.map { (paths[$0], $0) },
            options: context.options)
        let plan = AggregationPlan(units: sources.workUnits()) { LineSourceWorker(context: context, sources: sources) }
        do {
            let result = try context.options.strategy.run(plan, threads: context.options.threads)
            for input in sources.opened {
                if let layout = context.options.layout {
                    try input.skips.requireSomeRecord(path: input.path, layout: layout.name)
                    try input.skips.requireSingleValue(path: input.path, layout: layout)
                }
                input.binding.notes.forEach(note)
                if let line = input.skips.notice(path: input.path) { note(line) }
            }
            context.progress?.finish()
            return result
        } catch {
            context.progress?.stop()
            throw error
        }
    }

    /// The exact aggregate of the inputs and the options as resolved from
    /// them; the `--rejects` file is left for the caller to commit once its
    /// own output is written.
    ///
    /// - Parameter outputs: the files the run will write; one that is an
    ///   input is refused before any work (`OutputTargets`).
    static func aggregate(
        _ options: SummarizeOptions, outputs: [String], showProgress: Bool, notice: (String) -> Void
    ) throws -> (aggregate: ExactAggregate, options: SummarizeOptions, rejects: RejectsLog?, warnings: RunWarnings) {
        let expansion = try InputExpansion.expand(
            options.inputs, everyFile: options.layout != nil, skippingRooOutputs: true)
        expansion.notes.forEach(notice)
        let paths = expansion.files
        try OutputTargets.check(outputs: outputs, inputs: paths)
        let textPaths = paths.indices.filter { !InputExpansion.isParquet(paths[$0]) }
        if options.rowGroups != nil && !textPaths.isEmpty {
            throw RooError(
                .usage, "--row-groups selects row groups of Parquet inputs; \(paths[textPaths[0]]) is a text file")
        }
        let context = try makeContext(options, paths: paths, showProgress: showProgress)
        let result = try readInputs(context, paths: paths, textPaths: textPaths, notice: notice)
        let keys = context.interner.keys()
        let details = context.details?.values()
        // Eligible and other lines of a cell are two cells of the table (the key's eligible bit): one row here.
        guard let cells = result.groups.cells(workers: context.options.threads) else {
            throw RooError(.dataError, "a sum overflows Int64 cents")
        }
        // The tables' memory (a gigabyte and more for millions of groups) is wanted for the groups' rows.
        result.groups.removeAll()
        // The detail is the chapter, or a `--by` tuple whose first value is the HS code (≥ 2 digits: accepted);
        // each tuple's chapter read once, not once per group.
        let chapters = details?.map { $0.first.flatMap { Int($0.prefix(2)) } ?? 0 }
        // Millions of groups for a fine breakdown: their rows made by every worker, in place.
        let groups = ParallelMap.array(count: cells.count, workers: context.options.threads) { index in
            let entry = cells[index]
            let (origin, partner, detail) = GroupAccumulator.components(entry.key)
            let values = details?[Int(detail)]
            let chapter = chapters?[Int(detail)] ?? Int(detail)
            return GroupRow(
                origin: keys[Int(origin)], chapter: chapter, partner: keys[Int(partner)], detail: values,
                measures: entry.measures)
        }
        let counts = result.counts
        // A share of row groups that leaves out row group 0 leaves the file count to the share that has it.
        let files = (options.rowGroups?.lowerBound ?? 0) > 0 ? textPaths.count : paths.count
        var totals = TotalsInput(
            files: files, linesRead: counts.linesRead, linesFiltered: counts.linesFiltered,
            rejected: counts.rejected, linesAggregated: counts.linesAggregated,
            unmappedCountryCodes: context.interner.convertsCodes ? counts.unmappedLines : nil,
            oddHSCodes: counts.oddHSLines)
        let seen = context.observations.seen
        totals.optionalMeasures = seen.local.textMeasures.union(
            context.bindings.reduce(into: OptionalMeasures()) { measures, binding in
                if binding.columns[.dutiableValue] != nil { measures.insert(.dutiableValue) }
                if binding.columns[.rateProvision] != nil { measures.insert(.eligibility) }
            })
        var warnings = RunWarnings(counts: counts, observations: seen, options: context.options)
        warnings.unmappedExamples = context.interner.unmappedExamples()
        warnings.readsPrograms =
            seen.local.textReadsPrograms || context.bindings.contains { $0.columns[.program] != nil }
        let periods = PeriodCoverage.covered(
            bindings: context.bindings, textMonths: textPaths.isEmpty ? .none : .some(seen.local.textMonths),
            options: context.options)
        let aggregate = ExactAggregate(
            groups: groups, totals: totals, semantics: SemanticOptions(context.options), periods: periods)
        return (aggregate, context.options, context.rejects, warnings)
    }
}
