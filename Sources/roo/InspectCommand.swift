import ArgumentParser
import RooCore

extension InspectReport.Format: ExpressibleByArgument {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show schema, row groups, codecs, encodings, sizes and statistics of a Parquet file."
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
