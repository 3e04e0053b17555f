import ArgumentParser

/// The `roo` command: subcommands only (argument-parser root).
@main
struct Roo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roo",
        abstract: "Exact non-regional-content tables from customs import extracts (Parquet).",
        version: "0.1.0",
        subcommands: [Summarize.self, Ingest.self, Generate.self, Bench.self, Inspect.self, Cat.self]
    )
}
