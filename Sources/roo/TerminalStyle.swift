#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Color on stderr: only for a terminal that can show it, and never when the
/// user set `NO_COLOR` (https://no-color.org: present and not empty) or
/// `TERM=dumb`. Only the word `error:` of an error line is colored; tables on
/// stdout never are.
enum TerminalStyle {
    /// Whether stderr lines may carry color escapes, decided once per process.
    static let colorsStandardError = allowsColor(environment: environment(_:), isTerminal: isatty(2) != 0)

    static func allowsColor(environment: (String) -> String?, isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
        return environment("TERM") != "dumb"
    }

    /// `error:`, in bold red when colors are allowed.
    static var errorLabel: String { colorsStandardError ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:" }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
