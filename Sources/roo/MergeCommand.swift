import ArgumentParser
import Customs
import Partial
import Reports
import RooSupport
import Summarize

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sum partial aggregates (summarize --partial) exactly and write the summary tables.",
        discussion: """
            Each partial holds the exact Int64-cent sums of a piece of the input (a file, some row groups) and the \
            options that change the numbers. Merging any split of the input, in any order or grouping, gives the \
            same tables as summarizing the whole input at once, byte for byte. Partials made with different \
            options (region, programs, duty-free rule, HS width, country codes, filters) are refused.

            Examples:
              roo merge parts/*.parquet --output tables/
              roo merge parts/ --output report.xlsx
              roo merge parts/ --table all --output tables.md
              roo merge jan.parquet feb.parquet --partial q1-so-far.parquet
            """
    )

    @Argument(help: "Partial aggregates, or directories of them.")
    var partials: [String]

    @OptionGroup var tables: TableOutputOptions

    @Option(
        help: ArgumentHelp(
            "Write the merged partial aggregate to this Parquet file instead of tables.", valueName: "file.parquet"))
    var partial: String?

    @OptionGroup var empty: AllowEmptyOption

    @OptionGroup var threads: WorkerThreadsOption

    func validate() throws {
        if partial != nil && tables.isSet {
            throw ValidationError(
                "--partial writes the merged aggregate, not tables: leave out --output, --table, --top and --format")
        }
    }

    func run() throws {
        try exitOnError {
            let outputs = try partial.map { [$0] } ?? self.tables.destination.targetPaths()
            let (aggregate, paths) = try MergeEngine.run(partials, outputs: outputs)
            if let partial {
                try PartialFile.write(aggregate, to: partial)
                return
            }
            try self.tables.destination.check(by: aggregate.semantics.by)
            let totals = aggregate.totals
            if totals.linesAggregated == 0 && !empty.allowEmpty {
                let rejected = totals.rejected.reduce(0, +)
                throw RooError(
                    .dataError,
                    "no line was aggregated in the partials: \(Plural.count(totals.linesRead, "line")) read, "
                        + "\(totals.linesFiltered) filtered, \(rejected) rejected (each summarize --partial warned "
                        + "why); give --allow-empty to write empty tables"
                )
            }
            let built = try aggregate.tables(
                top: self.tables.top, threads: threads.count, only: self.tables.destination.tablesWritten)
            var notesOptions = aggregate.semantics.summarizeOptions(inputs: paths)
            notesOptions.top = self.tables.top
            let notes = SummaryNotes.make(options: notesOptions, tables: built, periods: aggregate.periods)
            let headline = Headline(
                tables: built, context: SummaryNotes.headlineContext(options: notesOptions, periods: aggregate.periods))
            try self.tables.destination.write(
                built, notes: notes, headline: headline,
                flows: self.tables.destination.showsFlows ? aggregate.flowCells() : nil,
                series: self.tables.destination.drawsSeries ? aggregate.periodSeries() : nil, threads: threads.count
            ) {
                try writeStandardOutput(Array($0.utf8))
            }
        }
    }
}
