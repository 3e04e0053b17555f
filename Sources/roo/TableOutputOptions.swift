import ArgumentParser
import Reports
import Summarize

/// The options that choose and write summary tables, shared by `summarize` and `merge`.
struct TableOutputOptions: ParsableArguments {
    @Option(help: "Table to print: \(TableOption.names) (default: detail).")
    var table: TableOption?

    @Option(help: "Keep the first N rows of each keyed table.")
    var top: Int?

    @Option(
        help: """
            Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")) (default: the --output \
            file's \
            extension, else csv; the two must agree).
            """)
    var format: OutputFormat?

    @Option(
        help: """
            - for stdout, DIR/ for one file per table in --format, FILE.csv|.tsv|.jsonl|.md for one table \
            (.md and .jsonl: every table with --table all), FILE.xlsx for one workbook, FILE.html for the report, \
            FILE.parquet for one typed table.
            """)
    var output: String = "-"

    /// Whether any option asks for tables beyond the defaults (not allowed
    /// with `--partial`); `--format csv` and `--output -` are the defaults.
    var isSet: Bool { output != "-" || table != nil || top != nil || (format ?? .csv) != .csv }

    /// Whether any of `--table/--top/--format/--output` is given at all (an
    /// explicit `--format csv` asks for CSV, even on a terminal).
    var isGiven: Bool { output != "-" || table != nil || top != nil || format != nil }

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be 0 or more") }
        try table?.check()
    }

    /// Where and how the tables go.
    var destination: SummaryOutput {
        SummaryOutput(destination: output, format: format, table: table?.table, allTables: table?.isAll ?? false)
    }
}
