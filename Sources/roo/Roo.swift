import ArgumentParser
import Parquet

/// The `roo` command: subcommands only (argument-parser root).
@main
struct Roo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roo",
        abstract:
            "How much non-regional content enters duty-free through a trade bloc's partners, from customs import "
            + "extracts.",
        discussion: """
            Reads line-level import extracts: Parquet, CSV (plain, .gz or .zst) and, with --layout, agencies' own \
            layouts: census-imdb (US Census IMDB IMP_DETL.TXT, or its monthly .ZIP), ace-lines (CBP ACE entry \
            summary lines) and pedimento-551 (Mexican SAT Data Stage 551 items); and public data: census-api (US \
            Census International Trade API responses), comtrade (UN Comtrade) and baci (CEPII BACI yearly flows).

            Every sum is exact (Int64 cents) and the same for every strategy and thread count. Start with \
            roo summarize FILE: on a terminal it prints the answer in a sentence and the through_bloc table. \
            roo mirror compares two sides of the same products (Mexico's imports from China against US imports \
            from Mexico). The rules, every table and every option: docs/semantics.md, docs/mirror.md and \
            docs/cli.md.
            """,
        version: RooVersion.current,
        subcommands: [
            Summarize.self, Mirror.self, Merge.self, Ingest.self, Generate.self, Bench.self, Inspect.self, Cat.self,
        ]
    )

    /// Parses the command line and runs the command it names.
    ///
    /// argument-parser's own errors (an unknown option, a missing or bad
    /// value, a `validate()` failure) and a mistyped command become one
    /// `roo: error:` line, as every roo error is, then the usage hint, and
    /// exit 64 (`UsageFailure`). `--help`, `--version`, `help` and the
    /// completion scripts print exactly as argument-parser prints them.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Help, version and completion requests arrive as errors that exit 0.
            if exitCode(for: error) == .success { exit(withError: error) }
            (UsageFailure(unknownCommandIn: arguments) ?? UsageFailure(parsing: error, arguments: arguments)).exit()
        }
        do {
            try command.run()
        } catch let error as ExitCode {
            // exitOnError has written the error line.
            exit(withError: error)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // `roo help COMMAND`
            exitReporting(error)
        }
    }

    /// The names `roo COMMAND` accepts: every subcommand, and `help`.
    static var commandNames: [String] {
        // `_commandName` is argument-parser's public name of a command (its
        // `commandName`, else derived from the type name).
        configuration.subcommands.map { $0._commandName } + ["help"]
    }
}
