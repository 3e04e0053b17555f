import Aggregation
import ArgumentParser
import Customs
import Layouts
import Reports
import RooSupport
import Summarize

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension Strategy: ExpressibleByArgument {}
extension DutyFreeBy: ExpressibleByArgument {}
extension CountryCodeSystem: ExpressibleByArgument {}

struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize non-regional content of duty-free imports by origin, HS chapter and partner.",
        discussion: """
            Reads Parquet or CSV extracts or an agency layout (files or directories) and computes, in exact \
            cents, how much non-regional content enters duty-free: the tables through_bloc (by the bloc \
            partner the goods were shipped from), detail (origin × HS chapter × partner, or the --by keys), \
            by_partner, by_chapter, by_origin and totals, identical for every strategy and thread count. On \
            a terminal, unless a table, format or output is asked for, it prints the answer in a sentence, \
            the through_bloc table and the largest flows instead of the detail table.

            Money in CSV and layout inputs is decimal text read exactly: an optional sign, a currency sign ($, US$ \
            or USD), thousands separators only between groups of three digits ($1,234.56, -$1.00, 1,234,567). \
            --decimal-separator , reads 1.234,56 (the thousands separator becomes .). A value that is not a \
            number is an invalid_value line; one past Int64 cents ends the run (exit 65).

            Examples:
              roo summarize extract.parquet
              roo summarize 2024/ --output tables/ --format csv
              roo summarize extract.parquet --output report.xlsx
              roo summarize extract.parquet --format html --output report.html
              roo summarize extract.parquet --from 202401 --to 202406 --format md
              roo summarize extract.parquet --region CA,MX,US --table by_partner
              roo summarize extract.parquet --table by_partner --output by_partner.csv
              roo summarize extract.parquet --table totals --rejects rejects.csv
              roo summarize partidas.csv --decimal-separator , --table totals
              roo summarize IMDB2401.ZIP --layout census-imdb --format md
              roo summarize items_551.asc --layout pedimento-551 --table by_origin
              roo summarize 2024-01.parquet --partial parts/2024-01.parquet
            """
    )

    @Argument(help: "Parquet or CSV files, directories (recursed for *.parquet and *.csv*), or - for CSV on stdin.")
    var inputs: [String]

    @OptionGroup var mappings: ColumnMappingOptions

    @Option(help: "roo.toml with [columns], [region], [programs]; options given here override it.")
    var config: String?

    @Option(help: "Trade bloc: usmca (default) or a comma list of country codes.")
    var region: String?

    @Option(help: "Comma list of preference programs (default for usmca: S,S+).")
    var preferencePrograms: String?

    @Option(help: "Comma list of programs that make a line duty-free when no duty column is mapped.")
    var dutyFreePrograms: String?

    @Option(
        help: ArgumentHelp(
            "Decide duty-free status by duty == 0 or by rate provision codes 10-19: duty|rate-provision (default: "
                + "duty, or as --layout / the ingested file says).")
    )
    var dutyFreeBy: DutyFreeBy?

    @OptionGroup var codes: CountryCodesOption

    @OptionGroup var inputLayout: InputLayoutOptions

    @OptionGroup var money: MoneyFormatOptions

    @Option(help: "Keep only lines of this importing country.")
    var reporter: String?

    @Option(help: ArgumentHelp("First month to keep, YYYYMM or YYYY-MM (needs a period column).", valueName: "month"))
    var from: String?

    @Option(help: ArgumentHelp("Last month to keep, YYYYMM or YYYY-MM (inclusive).", valueName: "month"))
    var to: String?

    @Option(help: "Digits an integer HS code is zero-padded to.")
    var hsWidth: Int = 10

    @Flag(
        help: ArgumentHelp(
            "Read a text HS code of odd length (3, 5, 7 or 9 digits, usually a lost leading zero) with one leading "
                + "zero: 901110010 is chapter 09.")
    )
    var padHS = false

    @Option(
        help: ArgumentHelp(
            "Keys of the detail table, in order: " + Dimension.names.joined(separator: ", ")
                + " (hs2 is the chapter with its title; month, quarter and year need a period column, channel a rate "
                + "provision column; col:NAME is the file's column NAME as text, e.g. col:district; a period, program "
                + "or channel key adds by_period, by_program or by_channel).",
            valueName: "list"))
    var by: String = DimensionSet.standard.text

    @Option(
        help: ArgumentHelp(
            "Compare two years (2024:2025) or months (202403:202503): keep their lines and add to every row the "
                + "customs, duty-free, preference and non-regional value of B, of A, the change and the growth.",
            valueName: "A:B"))
    var compare: String?

    @OptionGroup var tables: TableOutputOptions

    @Option(help: "Parallel strategy: \(Strategy.allCases.map(\.rawValue).joined(separator: "|")).")
    var strategy: Strategy = .concurrentPerform

    @OptionGroup var threads: WorkerThreadsOption

    @Option(
        help: ArgumentHelp(
            "Write the exact partial aggregate of the inputs to this Parquet file instead of tables (combine partials "
                + "with roo merge).",
            valueName: "file.parquet"))
    var partial: String?

    @Flag(
        help: ArgumentHelp(
            "Print the --country-codes, --duty-free-by and --duty-free-programs the inputs imply (one line of options) "
                + "and exit.")
    )
    var printResolvedOptions = false

    @Option(
        help: ArgumentHelp(
            "Only row groups A up to (not including) B of each Parquet input, e.g. 0:8 (a share of a large file for "
                + "--partial).",
            valueName: "A:B"))
    var rowGroups: String?

    @Option(
        help: ArgumentHelp(
            "Write every rejected line as CSV to this file (- for stdout): file, row_group, row, reason and the raw "
                + "key values.",
            valueName: "file"))
    var rejects: String?

    @OptionGroup var progress: ProgressOptions

    @OptionGroup var empty: AllowEmptyOption

    @Flag(
        help: """
            Print the readable summary (the headline, through_bloc, the largest flows through the bloc, data quality) \
            even when stdout is not a terminal; on a terminal it is the default when no table option is given.
            """)
    var summary = false

    func validate() throws {
        var comparison: PeriodComparison?
        if let compare {
            do { comparison = try PeriodComparison(parsing: compare) } catch {
                throw ValidationError(error.description)
            }
        }
        do {
            let dimensions = try DimensionSet(parsing: by)
            if let conflict = SummaryTable.columnNameConflict(by: dimensions, compare: comparison) {
                throw ValidationError(conflict)
            }
        } catch let error as DimensionSetError {
            throw ValidationError(error.description)
        }
        if compare != nil {
            if from != nil || to != nil {
                throw ValidationError("--compare keeps the lines of its two periods: leave out --from and --to")
            }
        }
        if hsWidth < 2 || hsWidth > 18 { throw ValidationError("--hs-width must be between 2 and 18") }
        if partial != nil && tables.isSet {
            throw ValidationError(
                "--partial writes the aggregate, not tables: --output, --table, --top and --format belong to roo merge")
        }
        if summary && (tables.isGiven || partial != nil) {
            throw ValidationError(
                "--summary prints the readable summary to stdout: leave out --table, --top, --format, --output and "
                    + "--partial"
            )
        }
        if rejects == "-" && tables.output == "-" && partial == nil {
            throw ValidationError(
                "--rejects - writes the rejects to stdout: give the tables another --output (FILE or DIR/)")
        }
        let first: Int?
        let last: Int?
        do {
            first = try from.map { try PeriodText.month(option: "--from", $0) }
            last = try to.map { try PeriodText.month(option: "--to", $0) }
        } catch {
            throw ValidationError(RooError.from(error).message)
        }
        if let first, let last, first > last {
            throw ValidationError(
                "--from \(first) is after --to \(last): no line could be kept; give the earlier month to --from")
        }
    }

    func run() throws {
        try exitOnError {
            let options = try makeOptions()
            if printResolvedOptions {
                try writeStandardOutput(
                    Array((SummarizeEngine.resolvedOptionArguments(options).joined(separator: " ") + "\n").utf8))
                return
            }
            let warning: (String) -> Void = progress.quiet ? { _ in } : { printError("roo: warning: \($0)") }
            if let partial {
                try SummarizeEngine.writePartial(
                    options, to: partial, showProgress: progress.isShown,
                    notice: { printError("roo: note: \($0)") }, warning: warning)
                return
            }
            var destination = tables.destination
            // A person at a terminal who asked for nothing in particular gets the answer, not 16,000 CSV rows.
            if summary || (!tables.isGiven && isatty(1) != 0) { destination.terminalView = inputs }
            try SummarizeEngine.summarize(
                options, to: destination, showProgress: progress.isShown,
                notice: { printError("roo: note: \($0)") }, warning: warning,
                emit: { try writeStandardOutput(Array($0.utf8)) })
        }
    }

    func makeOptions() throws -> SummarizeOptions {
        var options = SummarizeOptions(inputs: inputs)
        if let config { try ConfigFile.load(path: config).apply(to: &options) }
        mappings.apply(to: &options.mapping)
        do {
            if let region { options.region = try Region.parse(region) }
        } catch {
            throw RooError(.usage, error.description)
        }
        if let preferencePrograms { options.preferencePrograms = Summarize.programList(preferencePrograms) }
        if let dutyFreePrograms { options.dutyFreePrograms = Summarize.programList(dutyFreePrograms) }
        options.dutyFreeBy = dutyFreeBy
        options.countryCodes = codes.countryCodes
        try inputLayout.layout.refuseMappings(mappings)
        options.layout = inputLayout.resolved
        // Given on the command line only with --basis; else the layout or the ingested file says it.
        options.valueBasis = inputLayout.basis == nil ? nil : options.layout?.basisNote
        options.moneyFormat = try money.format()
        options.reporter = reporter
        options.from = try from.map { try PeriodText.month(option: "--from", $0) }
        options.to = try to.map { try PeriodText.month(option: "--to", $0) }
        options.hsWidth = hsWidth
        options.padHS = padHS
        do {
            options.by = try DimensionSet(parsing: by)
            options.compare = try compare.map { try PeriodComparison(parsing: $0) }
        } catch { throw RooError(.usage, "\(error)") }
        options.allowEmpty = empty.allowEmpty
        options.top = tables.top
        options.strategy = strategy
        options.threads = threads.count
        options.rejectsPath = rejects
        if let rowGroups {
            let parts = rowGroups.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let start = parts[0], let end = parts[1], start >= 0, end >= start else {
                throw RooError(.usage, "--row-groups takes A:B with 0 <= A <= B, got \"\(rowGroups)\"")
            }
            options.rowGroups = start..<end
        }
        return options
    }

    static func programList(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { SummarizeProgram.trim(String($0)) }.filter { !$0.isEmpty })
    }
}

enum SummarizeProgram {
    static func trim(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
