import ArgumentParser
import RooSupport

/// `--progress` and `--quiet`, shared by the commands that draw a progress
/// line (`ProgressLine`): summarize, ingest and bench.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Show a progress line on stderr (default: when stderr is a terminal).")
    var progress = false

    @Flag(help: "No progress line, even on a terminal, and no warnings (errors are always shown).")
    var quiet = false

    /// Whether the line is drawn: never with `--quiet`, else with
    /// `--progress` or when stderr is a terminal.
    var isShown: Bool { ProgressLine.isShown(progress: progress, quiet: quiet) }
}
