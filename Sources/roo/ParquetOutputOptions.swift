import ArgumentParser

/// How `roo ingest` and `roo generate` write Parquet: `--compression` and
/// `--data-page-version`, declared and checked once.
struct ParquetOutputOptions: ParsableArguments {
    @Option(help: "Parquet compression: zstd[:LEVEL]|snappy|none.")
    var compression: CompressionOption = .zstd

    @Option(help: "Parquet data page version: 1 or 2.")
    var dataPageVersion: Int = 1

    func validate() throws {
        guard dataPageVersion == 1 || dataPageVersion == 2 else {
            throw ValidationError("--data-page-version must be 1 or 2")
        }
        try compression.check()
    }
}
