import ArgumentParser
import Generate
import Parquet

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic synthetic customs extract: .parquet, .csv or .csv.zst.",
        discussion: """
            Synthetic US import lines shaped like real extracts (origins, pass-through partners, HS \
            chapters, values, duties, preference programs). Deterministic: the same seed and options \
            give the same bytes, whatever --threads is.

            Examples:
              roo generate --rows 1000000 --seed 1 --output sample.parquet
              roo generate --rows 10000000 --output lines.csv.zst --threads 2
            """
    )

    @Option(help: "Lines to generate.")
    var rows: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Year of the 12 months generated.")
    var year: Int = 2024

    @Option(help: "Output file: .parquet, .csv or .csv.zst.")
    var output: String

    @Option(help: "Rows per row group (Parquet) / per generation unit.")
    var rowGroupRows: Int = 1_000_000

    @Option(help: "Share of MX/CA lines whose origin is outside the region.")
    var passThroughShare: Double = 0.08

    @OptionGroup var parquet: ParquetOutputOptions

    @OptionGroup var threads: WorkerThreadsOption

    func validate() throws {
        guard rows >= 0 && rows <= GenerateOptions.rowCountMax else {
            throw ValidationError("--rows must be within 0...\(GenerateOptions.rowCountMax)")
        }
        guard rowGroupRows >= 1 && rowGroupRows <= GenerateOptions.rowGroupRowCountMax else {
            throw ValidationError(
                "--row-group-rows must be within 1...\(GenerateOptions.rowGroupRowCountMax) (memory holds one row "
                    + "group per thread)"
            )
        }
        guard (0...1).contains(passThroughShare) else {
            throw ValidationError("--pass-through-share must be within 0...1")
        }
        guard year >= 1900 && year <= 2200 else { throw ValidationError("--year must be within 1900...2200") }
    }

    func run() throws {
        try exitOnError {
            var options = GenerateOptions(rows: rows, output: output)
            options.seed = seed
            options.year = year
            options.rowGroupRows = rowGroupRows
            options.passThroughShare = passThroughShare
            options.threads = threads.count
            options.dataPageVersion = parquet.dataPageVersion
            (options.codec, options.zstdLevel) = (parquet.compression.codec, parquet.compression.zstdLevel)
            _ = try GenerateEngine.run(options)
        }
    }
}
