import ArgumentParser
import Customs
import Layouts
import Mirror
import Reports
import RooSupport
import Summarize

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `roo mirror`: one country's imports from a supplier against the imports
/// from that country downstream, product by product (docs/mirror.md).
struct Mirror: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two sides of the same products: imports from a supplier, and the imports they may feed.",
        discussion: """
            Pass-through or mirror comparison, product by product: the upstream side (e.g. Mexico's imports from \
            China: --upstream-reporter MX --upstream-partner CN, the lines whose origin is CN) against the \
            downstream side (e.g. US imports shipped from Mexico: --downstream-partner MX), in a base year and a \
            target year. Each product (--hs-level 2 to 6 digits) gets both sides' values in both years and their \
            growth, the downstream duty-free and claim shares, the ratio of the two sides, and coincident_growth \
            when both grew by more than --threshold. Products of one side only are listed, never dropped. Either \
            side is any roo input: Parquet, CSV, or a --layout (baci, census-api, census-imdb, ace-lines, \
            pedimento-551). Exact cents; the terminal shows the answer and the first products.

            Examples:
              roo mirror --upstream BACI_HS17_Y2018.csv BACI_HS17_Y2024.csv --upstream-layout baci \\
                --upstream-reporter MX --upstream-partner CN --downstream imports_2018.json imports_2024.json \\
                --downstream-layout census-api --downstream-partner MX --base 2018 --year 2024
              roo mirror ... --output mirror.html
            """)

    @Option(parsing: .upToNextOption, help: "Upstream inputs (files or directories).")
    var upstream: [String] = []
    @Option(help: "Layout of the upstream text inputs (as summarize --layout).")
    var upstreamLayout: LayoutOption = .csv
    @Option(help: "Country codes of the upstream inputs: iso2|iso3|census|m49 (default: as the layout says).")
    var upstreamCountryCodes: CountryCodeSystem?
    @Option(help: "Map a canonical column of the upstream inputs to a source column: canonical=source (repeatable).")
    var upstreamMap: [ColumnMappingOptions.Assignment] = []
    @Option(help: "Only the upstream lines of this importing country (the reporter column).")
    var upstreamReporter: String?
    @Option(help: "The upstream lines' country of origin, alpha-2 (e.g. CN).")
    var upstreamPartner: String

    @Option(parsing: .upToNextOption, help: "Downstream inputs (files or directories).")
    var downstream: [String] = []
    @Option(help: "Layout of the downstream text inputs (as summarize --layout).")
    var downstreamLayout: LayoutOption = .csv
    @Option(help: "Country codes of the downstream inputs: iso2|iso3|census|m49 (default: as the layout says).")
    var downstreamCountryCodes: CountryCodeSystem?
    @Option(help: "Map a canonical column of the downstream inputs to a source column: canonical=source (repeatable).")
    var downstreamMap: [ColumnMappingOptions.Assignment] = []
    @Option(help: "Only the downstream lines of this importing country (the reporter column).")
    var downstreamReporter: String?
    @Option(help: "The country the downstream lines were shipped from (their partner), alpha-2 (e.g. MX).")
    var downstreamPartner: String

    @Option(help: "HS digits of a product: 2 to 6.")
    var hsLevel = 6
    @Option(help: "The base year, YYYY.")
    var base: Int
    @Option(help: "The target year, YYYY.")
    var year: Int
    @Option(help: "The growth both sides must exceed for coincident_growth, in percent (default: 50).")
    var threshold: String = "50"

    @Option(
        help: "Output format: csv|tsv|jsonl|md|xlsx|html|parquet (default: the --output file's extension, else csv).")
    var format: OutputFormat?
    @Option(help: "- (stdout) or FILE.csv|.tsv|.jsonl|.md|.xlsx|.html|.parquet.")
    var output = "-"
    @OptionGroup var threads: WorkerThreadsOption
    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        try upstreamLayout.check()
        try downstreamLayout.check()
        guard !upstream.isEmpty, !downstream.isEmpty else {
            throw ValidationError("give both sides: --upstream FILE... and --downstream FILE...")
        }
        if let problem = (upstreamMap + downstreamMap).lazy.compactMap(\.problem).first {
            throw RooError(.usage, problem)
        }
        for (name, layout, map) in [
            ("--upstream-map", upstreamLayout, upstreamMap), ("--downstream-map", downstreamLayout, downstreamMap),
        ] where layout.layout != nil && !map.isEmpty {
            throw RooError(
                .usage, "\(name) does not apply with a layout: --layout \(layout.name) maps the columns itself")
        }
        guard (2...6).contains(hsLevel) else { throw ValidationError("--hs-level takes 2 to 6, got \(hsLevel)") }
        guard (1000...9999).contains(base), (1000...9999).contains(year), base != year else {
            throw ValidationError("--base and --year take two different years YYYY, got \(base) and \(year)")
        }
        guard GrowthThreshold(parsing: threshold) != nil else {
            throw ValidationError("--threshold takes a percent such as 50 or 12.5%, got \"\(threshold)\"")
        }
        for (name, code) in [("--upstream-partner", upstreamPartner), ("--downstream-partner", downstreamPartner)] {
            guard code.utf8.count == 2, code.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7a }) else {
                throw ValidationError("\(name) takes an ISO alpha-2 country code such as CN or MX, got \"\(code)\"")
            }
        }
    }

    func makeOptions() -> MirrorOptions {
        var up = MirrorOptions.Side(inputs: upstream, country: upstreamPartner.uppercased())
        up.layout = upstreamLayout.layout
        up.countryCodes = upstreamCountryCodes
        up.reporter = upstreamReporter
        ColumnMappingOptions.apply(upstreamMap, to: &up.mapping)
        var down = MirrorOptions.Side(inputs: downstream, country: downstreamPartner.uppercased())
        down.layout = downstreamLayout.layout
        down.countryCodes = downstreamCountryCodes
        down.reporter = downstreamReporter
        ColumnMappingOptions.apply(downstreamMap, to: &down.mapping)
        var options = MirrorOptions(upstream: up, downstream: down, base: base, year: year)
        options.hsLevel = hsLevel
        options.threshold = GrowthThreshold(parsing: threshold) ?? .fiftyPercent
        options.threads = threads.count
        return options
    }

    func run() throws {
        try exitOnError {
            let options = makeOptions()
            let destination = MirrorOutput(destination: output, format: format)
            _ = try destination.resolvedFormat()
            let warning: (String) -> Void = progress.quiet ? { _ in } : { printError("roo: warning: \($0)") }
            let mirror = try MirrorEngine.run(
                options, outputs: [output], notice: { printError("roo: note: \($0)") }, warning: warning)
            // A person at a terminal who asked for no format gets the answer, not CSV.
            if output == "-" && format == nil && isatty(1) != 0 {
                try writeStandardOutput(Array(MirrorTerminal.render(mirror).utf8))
                return
            }
            try destination.write(
                mirror, notes: MirrorNotes.make(options), inputs: upstream + downstream,
                emit: { try writeStandardOutput(Array($0.utf8)) })
        }
    }
}
