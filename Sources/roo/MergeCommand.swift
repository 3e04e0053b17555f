import ArgumentParser
import Reports
import RooCore

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
          roo merge parts/ --format xlsx --output report.xlsx
          roo merge jan.parquet feb.parquet --partial q1-so-far.parquet
        """
    )

    @Argument(help: "Partial aggregates, or directories of them.")
    var partials: [String]

    @Option(help: "Table to print: detail|by_partner|by_chapter|by_origin|totals|all.")
    var table: String?

    @Option(help: "Keep the first N rows of each keyed table.")
    var top: Int?

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: OutputFormat = .csv

    @Option(help: "- for stdout, DIR/ for one file per table, FILE.xlsx for one workbook, FILE.html for the report.")
    var output: String = "-"

    @Option(help: ArgumentHelp("Write the merged partial aggregate to this Parquet file instead of tables.", valueName: "file.parquet"))
    var partial: String?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be 0 or more") }
        if let table, table != "all", TableName(rawValue: table) == nil {
            throw ValidationError("--table must be one of \(TableName.allCases.map(\.rawValue).joined(separator: ", ")), all")
        }
        if partial != nil && (output != "-" || table != nil || top != nil) {
            throw ValidationError("--partial writes the merged aggregate, not tables: leave out --output, --table and --top")
        }
    }

    func run() throws {
        try exitOnError {
            let (aggregate, paths) = try MergeEngine.run(partials)
            if let partial {
                try PartialFile.write(aggregate, to: partial)
                return
            }
            let tables = try aggregate.tables(top: top)
            let destination = SummaryOutput(
                destination: output, format: format,
                table: table.flatMap(TableName.init(rawValue:)), allTables: table == "all")
            let notes = SummaryNotes.make(options: MergeEngine.notesOptions(aggregate, paths: paths), tables: tables)
            try destination.write(tables, notes: notes) { try writeStandardOutput(Array($0.utf8)) }
        }
    }
}
