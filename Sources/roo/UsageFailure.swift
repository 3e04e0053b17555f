import ArgumentParser
import Customs
import RooSupport

/// A command line roo cannot run, as roo reports it: one
/// `roo: error: MESSAGE` line (control characters escaped, like every error
/// line), then the usage hint argument-parser gives, then exit 64 (EX_USAGE).
struct UsageFailure {
    /// The error line's message, on one line.
    var message: String
    /// The usage lines that follow it (may be empty).
    var hint: String

    /// An argument-parser error: its message, made one line and starting in
    /// lowercase like roo's own messages, and the rest of its full text
    /// (`Help:` for the option at fault, `Usage:` and where to find help).
    init(parsing error: any Error, arguments: [String]) {
        let message = Roo.message(for: error)
        let full = Roo.fullMessage(for: error)
        // argument-parser's full text is "Error: MESSAGE\n" then the hint; for
        // an error with no hint (not a ValidationError) roo adds the command's.
        let prefix = "Error: " + message
        if full.hasPrefix(prefix), !full.dropFirst(prefix.count).trimmingNewlines.isEmpty {
            hint = String(full.dropFirst(prefix.count)).trimmingNewlines
        } else {
            hint = UsageFailure.usageHint(arguments: arguments)
        }
        self.message = UsageFailure.oneLine(message)
    }

    /// `roo WORD …` where WORD is no command (and not an option):
    /// `unknown command "sumarize"; did you mean "summarize"?`, or the list
    /// of commands when none is close. nil when the first argument is a
    /// command or an option.
    init?(unknownCommandIn arguments: [String]) {
        guard let word = arguments.first, !word.hasPrefix("-"), !Roo.commandNames.contains(word) else { return nil }
        let commands = Roo.configuration.subcommands.map { $0._commandName }
        if let suggestion = NameSuggestion.closest(to: word, among: commands) {
            message = "unknown command \"\(word)\"; did you mean \"\(suggestion)\"?"
        } else {
            message = "unknown command \"\(word)\"; the commands are " + commands.joined(separator: ", ")
        }
        hint = UsageFailure.usageHint(arguments: [])
    }

    /// Writes the error line and the hint to stderr and exits 64.
    func exit() -> Never {
        writeErrorLine(message)
        if !hint.isEmpty {
            writeStandardError(
                hint.split(separator: "\n", omittingEmptySubsequences: false).map { terminalSafe(String($0)) }.joined(
                    separator: "\n"))
        }
        Roo.exit(withError: ExitCode(RooError.ExitStatus.usage.rawValue))
    }

    /// `Usage: roo COMMAND …` and `See 'roo COMMAND --help' …` for the
    /// command `arguments` name first (the root's when it names none).
    static func usageHint(arguments: [String]) -> String {
        let command = arguments.first.flatMap { name in Roo.configuration.subcommands.first { $0._commandName == name }
        }
        let usage = command.map { Roo.usageString(for: $0) } ?? Roo.usageString()
        let name = command.map { "roo " + $0._commandName } ?? "roo"
        return "Usage: \(usage)\n  See '\(name) --help' for more information."
    }

    /// argument-parser's message on one line: the items of a list
    /// ("Please provide one of the following:\n  - csv\n  - tsv") joined by
    /// commas, a sentence after a full stop by a space, and a leading capital
    /// lowered ("Unknown option" → "unknown option") unless it starts an acronym.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { line in
            var text = Substring(line).drop { $0 == " " }
            if text.hasPrefix("- ") { text = text.dropFirst(2) }
            return String(text)
        }
        guard var text = lines.first else { return message }
        for line in lines.dropFirst() where !line.isEmpty {
            text += (text.hasSuffix(":") || text.hasSuffix(".") ? " " : ", ") + line
        }
        let characters = Array(text)
        if characters.count > 1, characters[0].isUppercase, characters[1].isLowercase {
            text = characters[0].lowercased() + String(characters.dropFirst())
        }
        return text
    }
}

extension String {
    /// Without line breaks at either end.
    var trimmingNewlines: String {
        String(drop { $0 == "\n" }.reversed().drop { $0 == "\n" }.reversed())
    }
}

extension Substring {
    var trimmingNewlines: String { String(self).trimmingNewlines }
}

/// Ends a run whose error escaped `exitOnError`: one `roo: error:` line and its sysexits code.
func exitReporting(_ error: any Error) -> Never {
    let roo = RooError.from(error)
    writeErrorLine(roo.message)
    Roo.exit(withError: ExitCode(roo.status.rawValue))
}
