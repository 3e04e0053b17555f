import ArgumentParser
import Customs
import MappedIO
import RooSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command body, turning any error into one stderr line
/// (`roo: error: …`) and its sysexits code (docs/cli.md, Exit codes).
func exitOnError(_ body: () throws -> Void) throws {
    // Before any thread starts: interrupts remove temporary files, a shrinking mapped input is exit 74.
    ProcessGuard.install()
    do {
        try body()
    } catch {
        let roo = RooError.from(error)
        writeErrorLine(roo.message)
        throw ExitCode(roo.status.rawValue)
    }
}

/// Writes `roo: error: MESSAGE` to stderr: the one form of every error line.
/// The label may carry color escapes (`TerminalStyle`); only the message is
/// made terminal-safe.
func writeErrorLine(_ message: String) {
    writeStandardError("roo: \(TerminalStyle.errorLabel) \(terminalSafe(message))")
}

/// Writes one line to stderr. Text from inputs (paths, header names, ZIP
/// entry names, keys) may hold control characters; they are written as
/// `\xNN`, so a line break or an escape sequence in an input can never
/// forge a second `roo: error:` line or drive the terminal.
func printError(_ line: String) {
    writeStandardError(terminalSafe(line))
}

/// Writes `line` and a line break to stderr as it is.
func writeStandardError(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    bytes.withUnsafeMutableBytes { raw in
        _ = write(2, raw.baseAddress, raw.count)
    }
}

/// `text` with control characters written as `\xNN` (`KeyText.escapingControls`).
func terminalSafe(_ text: String) -> String { KeyText.escapingControls(text) }

/// Writes bytes to stdout, retrying short writes.
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try StandardOutput.writeAll(bytes)
}

/// Processors available to this process (`--threads` default).
func activeProcessorCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
