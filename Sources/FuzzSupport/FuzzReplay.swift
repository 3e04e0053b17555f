import Customs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Without libFuzzer (a plain `swift build`), each fuzz executable replays
/// the files named on its command line through its entry point: the way to
/// re-run a crash input, a corpus, or the `Fixtures/corrupt` regressions.
public enum FuzzReplay {
    /// Runs `body` on the contents of each file in `paths`; returns the
    /// number of inputs run. Unreadable paths are reported on stderr.
    ///
    /// - Complexity: O(total input size) plus what `body` does.
    @discardableResult
    public static func run(_ paths: [String], _ body: (UnsafeRawBufferPointer) -> Void) -> Int {
        var runs = 0
        // Safe because: each buffer is used only inside its `withUnsafeBytes` closure: `write(2)` is given the
        // message's own `count`, and `body` gets the file's bytes with their count (it must not keep them).
        for path in paths {
            guard let bytes = readFile(path) else {
                let message = Array("fuzz replay: cannot read \(path)\n".utf8)
                _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                continue
            }
            bytes.withUnsafeBytes { body($0) }
            runs += 1
        }
        print("replayed \(Plural.count(runs, "input"))")
        return runs
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // Safe because: `fread` is given the chunk's own `count` and returns at most that, so it writes only
        // inside `chunk`, and `chunk[0..<read]` is a checked Array slice.
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<read])
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
