import RooSupport
/// `roo merge`: sums partial aggregates (`summarize --partial`) exactly.
package enum MergeEngine {
    /// Reads and sums the partials at `inputs` (files, or directories
    /// recursed for `*.parquet`).
    ///
    /// - Throws: `RooError` — 66 missing input, 65 for a file that is not a
    ///   partial or a sum that overflows, 64 for partials computed with
    ///   different semantic options (the message names the option).
    /// - Parameter outputs: the files the merge will write; one that is an
    ///   input is refused (exit 73) before anything is read.
    /// - Complexity: O(total groups) plus reading the files.
    package static func run(_ inputs: [String], outputs: [String] = []) throws -> (
        aggregate: ExactAggregate, paths: [String]
    ) {
        guard !inputs.contains("-") else {
            throw RooError(.usage, "roo merge reads partial files (Parquet), not standard input")
        }
        // Directories give their *.parquet files only (a stray notes.csv beside the partials is not one).
        let paths = try InputExpansion.parquetFiles(inputs).filter { $0.hasSuffix(".parquet") || inputs.contains($0) }
        guard !paths.isEmpty else {
            throw RooError(.noInput, "no *.parquet partials in \(inputs.joined(separator: ", "))")
        }
        try OutputTargets.check(outputs: outputs, inputs: paths)
        let parts = try paths.map(PartialFile.read)
        return (try ExactAggregate.merged(parts, names: paths), paths)
    }

}
