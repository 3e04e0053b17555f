import Aggregation
import ArgumentParser
import Bench
import RooSupport
import Summarize

extension BenchReport.Format: ExpressibleByArgument {}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the parallel strategies × thread counts of roo summarize on one input.",
        discussion: """
            Runs every chosen strategy at every thread count on the same input, one warm-up and --repeat \
            measured runs per cell, interleaved, and reports median/min/max seconds, lines/s, MB/s, \
            speed-up, efficiency and peak RSS, checking that every cell's tables equal serial's. \
            --decompress-only measures the lower bound instead: decompressing the column chunks summarize reads.

            Examples:
              roo bench extract.parquet --repeat 5 --plot strategies.svg
              roo bench extract.parquet --strategies serial,work-queue --threads 1,2
              roo bench extract.parquet --decompress-only --threads 1,2
            """
    )

    @Argument(help: "Parquet or CSV inputs (files or directories).")
    var inputs: [String]

    @Option(help: "all, or a comma list of: \(Strategy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategies: String = "all"

    @Option(help: "Comma list of thread counts (default: 1, 2 and the number of cores if larger; at most 64).")
    var threads: String?

    @Option(name: .customLong("repeat"), help: "Measured runs per cell (after one warm-up run).")
    var repeats: Int = 5

    @Option(help: "Output format: md|csv|json.")
    var format: BenchReport.Format = .md

    @Option(help: "Also write an SVG chart (speed-up vs threads, throughput bars) to this file.")
    var plot: String?

    @OptionGroup var mappings: ColumnMappingOptions

    @Flag(help: "Only decompress the column chunks summarize reads (the lower bound), per thread count.")
    var decompressOnly = false

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        _ = try parsedStrategies()
        _ = try parsedThreads()
    }

    func parsedStrategies() throws -> [Strategy] {
        if strategies == "all" { return Strategy.allCases }
        return try strategies.split(separator: ",").map { name in
            guard let strategy = Strategy(rawValue: String(name)) else {
                throw ValidationError("unknown strategy \"\(name)\"")
            }
            return strategy
        }
    }

    func parsedThreads() throws -> [Int] {
        guard let threads else { return BenchOptions.defaultThreads(cores: activeProcessorCount()) }
        let list = try threads.split(separator: ",").map { text -> Int in
            guard let value = Int(text), (1...64).contains(value) else {
                throw ValidationError("--threads takes numbers 1...64")
            }
            return value
        }
        return Array(Set(list)).sorted()
    }

    func run() throws {
        try exitOnError {
            var summarize = SummarizeOptions(inputs: inputs)
            mappings.apply(to: &summarize.mapping)
            if decompressOnly {
                var lines = ["threads,median_s,runs_s"]
                let rows = try DecompressBound.measure(
                    summarize, threads: try parsedThreads(), repeats: repeats, showProgress: progress.isShown)
                for row in rows {
                    let runs = row.seconds.map(BenchReport.formatSeconds).joined(separator: " ")
                    lines.append("\(row.threads),\(BenchReport.formatSeconds(row.medianSeconds)),\(runs)")
                }
                try writeStandardOutput(Array((lines.joined(separator: "\n") + "\n").utf8))
                return
            }
            var options = BenchOptions(summarize: summarize, threads: try parsedThreads())
            options.strategies = try parsedStrategies()
            options.repeats = repeats
            options.showProgress = progress.isShown
            let report = try BenchEngine.run(options)
            try writeStandardOutput(Array(report.rendered(format).utf8))
            if let plot {
                try Outputs.write(Array(report.svg().utf8), toFile: plot, inputs: inputs)
            }
        }
    }
}
