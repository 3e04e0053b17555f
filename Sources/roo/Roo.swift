import ArgumentParser
import RooCore

/// The `roo` command: subcommands only (argument-parser root).
@main
struct Roo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roo",
        abstract: "Exact non-regional-content tables from customs import extracts (Parquet).",
        version: SummaryNotes.rooVersion,
        subcommands: [Summarize.self, Merge.self, Ingest.self, Generate.self, Bench.self, Inspect.self, Cat.self]
    )
}
