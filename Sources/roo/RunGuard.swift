import ArgumentParser
import MappedIO
import RooCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command body, turning any error into one stderr line
/// (`roo: error: …`) and its sysexits code (SPEC §3).
func exitOnError(_ body: () throws -> Void) throws {
    // Before any thread starts: interrupts remove temporary files, a shrinking mapped input is exit 74.
    ProcessGuard.install()
    do {
        try body()
    } catch {
        let roo = RooError.from(error)
        printError("roo: \(TerminalStyle.errorLabel) \(roo.message)")
        throw ExitCode(roo.status.rawValue)
    }
}

func printError(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    bytes.withUnsafeMutableBytes { raw in
        _ = write(2, raw.baseAddress, raw.count)
    }
}

/// Writes bytes to stdout, retrying short writes.
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try StandardOutput.writeAll(bytes)
}

/// Processors available to this process (`--threads` default).
func activeProcessorCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
