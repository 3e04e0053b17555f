import ArgumentParser
import Customs
import Ingest
import Layouts
import Parquet
import RooSupport

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a CSV extract (plain, .gz or .zst, detected by magic bytes) or a known layout to Parquet.",
        discussion: """
            Canonical columns (named so, or renamed with --map) are typed by what they hold: customs_value, duty \
            and non_originating_value are DECIMAL(18,S), S the largest scale in the first chunk (2 to 18), read \
            as roo summarize reads money ($1,234.56; --decimal-separator, --thousands); a value that is not such \
            an amount is a rejected line, never a change of type. origin, partner, hs_code, program, reporter \
            and rate_provision are STRING, so HS and Schedule C codes keep their leading zeros. Other columns \
            are inferred from the first chunk (INT64, DECIMAL with the observed scale, DATE, DOUBLE, STRING). \
            --type column=TYPE overrides both. Lines that do not parse go to --rejects. \
            The output appears only when complete; then a warning names each column roo summarize needs that \
            the output lacks, with the --map that would add it. --layout reads Census IMDB IMP_DETL.TXT (or its \
            monthly .ZIP), \
            ACE line extracts or pedimento 551 files and writes canonical columns plus the layout's other fields; \
            the layout's country codes and duty-free rule are recorded for summarize.

            Layouts:
            \(LayoutOption.catalogText)

            Examples:
              roo ingest imports.csv.gz --output imports.parquet
              roo ingest extract.csv --output out.parquet --map origin=cty_origin
              roo ingest extract.csv --output out.parquet --type hs_code=string --rejects bad.csv
              roo ingest partidas.csv --output mx.parquet --decimal-separator ,
              zcat extract.csv.gz | roo ingest - --output out.parquet
              roo ingest IMDB2401.ZIP --layout census-imdb --output imdb-2024-01.parquet
              roo ingest ace_lines.csv --layout ace-lines --output ace.parquet
              roo ingest items_551.asc --layout pedimento-551 --output pedimentos.parquet
            """
    )

    @Argument(help: "The CSV file (.csv, .csv.gz, .csv.zst), or - for standard input.")
    var input: String

    @Option(help: "Output Parquet file.")
    var output: String

    @OptionGroup var mappings: ColumnMappingOptions

    @Option(help: "Field delimiter (default: detected among , ; tab |). Use 'tab' for a tab.")
    var delimiter: String?

    @Option(
        name: .customLong("type"),
        help: "Force a column type: column=int64|double|decimal(18,S)|date|string (repeatable).")
    var typeOverrides: [String] = []

    @OptionGroup var money: MoneyFormatOptions

    @OptionGroup var parquet: ParquetOutputOptions

    @Option(help: "Rows per row group.")
    var rowGroupRows: Int = 1_000_000

    @Option(help: "Write rejected lines here (line, reason, raw text; tab-separated).")
    var rejects: String?

    @OptionGroup var inputLayout: InputLayoutOptions

    @OptionGroup var codes: CountryCodesOption

    @OptionGroup var threads: WorkerThreadsOption

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard rowGroupRows >= 1 && rowGroupRows <= ParquetFile.rowGroupRowCountMax else {
            throw ValidationError(
                "--row-group-rows must be within 1...\(ParquetFile.rowGroupRowCountMax) (the most rows a row group may "
                    + "hold for roo to read it)"
            )
        }
        _ = try delimiterByte()
    }

    func delimiterByte() throws -> UInt8? {
        guard let delimiter else { return nil }
        if delimiter == "tab" || delimiter == "\\t" { return 9 }
        guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != 0x22, byte != 0x0a, byte != 0x0d
        else {
            throw ValidationError("--delimiter must be one character (or 'tab')")
        }
        return byte
    }

    func run() throws {
        try exitOnError {
            var options = IngestOptions(input: input, output: output)
            mappings.apply(to: &options.mapping)
            for assignment in typeOverrides {
                let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let type = IngestType.parse(parts[1]) else {
                    throw RooError(
                        .usage, "--type expects column=int64|double|decimal(18,S)|date|string, got \"\(assignment)\"")
                }
                options.types[parts[0]] = type
            }
            options.delimiter = try delimiterByte()
            (options.codec, options.zstdLevel) = (parquet.compression.codec, parquet.compression.zstdLevel)
            options.rowGroupRows = rowGroupRows
            options.dataPageVersion = parquet.dataPageVersion
            options.rejectsPath = rejects
            options.threads = threads.count
            try inputLayout.layout.refuseMappings(mappings)
            options.layout = inputLayout.resolved
            options.countryCodes = codes.countryCodes
            options.moneyFormat = try money.format()
            options.showProgress = progress.isShown
            let result = try IngestEngine.run(options)
            var summary =
                "roo: ingest: \(Plural.count(result.linesIn, "line")) in = \(Plural.count(result.rowsWritten, "row")) "
                + "written"
                + " + \(Plural.count(result.rowsRejected, "row")) rejected"
            if result.rowsSkipped > 0 {
                summary +=
                    "; \(Plural.count(result.rowsSkipped, "record")) skipped: "
                    + "\(options.layout?.keepMeaning ?? "not kept by the layout")"
            }
            printError(summary)
            // --quiet: no progress line and no warnings, as in summarize.
            if !progress.quiet { for warning in result.warnings { printError("roo: warning: \(warning)") } }
        }
    }
}
