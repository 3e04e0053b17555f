import ArgumentParser
import Inspect

extension InspectReport.Format: ExpressibleByArgument {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show schema, row groups, codecs, encodings, sizes and statistics of a Parquet file.",
        discussion: """
            Reads only the footer: the schema with physical, logical and converted types, then per row \
            group every column chunk's codec, encodings, sizes, null count and min/max, and anything roo \
            cannot decode (nested columns, encryption). Any other input (CSV, gzip or zstd CSV, a ZIP \
            archive, fixed-width text) gets one line saying what it is and what to run on it instead.

            Examples:
              roo inspect extract.parquet
              roo inspect extract.parquet --format json
            """
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Output format: \(InspectReport.Format.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: InspectReport.Format = .md

    func run() throws {
        try exitOnError {
            let report = try InspectReport.build(path: file)
            try writeStandardOutput(Array(report.rendered(format).utf8))
        }
    }
}
