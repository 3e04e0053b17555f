import ArgumentParser
import Inspect

extension CatOptions.Format: ExpressibleByArgument {}

struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print decoded rows of a Parquet file as JSON Lines or CSV.",
        discussion: """
            Decodes every column with roo's own reader (all standard encodings and codecs) and prints \
            one row per line: logical types rendered (decimals exact, timestamps in ISO 8601, INT96 as \
            Spark reads it), nulls as null (JSON) or empty (CSV). Malformed files give one error line, exit 65; \
            an input that is not Parquet gets one line saying what it is and what to run on it instead.

            Examples:
              roo cat extract.parquet --limit 10
              roo cat extract.parquet --columns origin,partner,duty --format csv
            """
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Comma-separated columns to print (default: all).")
    var columns: String?

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    @Option(help: "Output format: \(CatOptions.Format.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: CatOptions.Format = .jsonl

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let names = columns.map { $0.split(separator: ",").map { String($0) } } ?? []
        let options = CatOptions(columns: names, limit: limit, format: format)
        try exitOnError {
            try CatEngine.run(path: file, options: options, emit: writeStandardOutput)
        }
    }
}
