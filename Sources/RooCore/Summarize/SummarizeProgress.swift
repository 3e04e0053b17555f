import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A single updating stderr line for long `roo summarize` runs: percent of
/// the compressed bytes to read, lines/s, MB/s and ETA, redrawn four times a
/// second by a timer. Workers only add to two atomic counters once per work
/// unit (a row group), so the kernel does not slow down.
public final class SummarizeProgress: @unchecked Sendable {
    // @unchecked Sendable: the counters are atomics; the timer is touched only
    // in init and finish(), and `write` is @Sendable.
    /// Whether progress shows by default: stderr is a terminal.
    public static var isTerminal: Bool { isatty(2) != 0 }

    let totalBytes: Int
    private let bytesDone = Atomic<Int>(0)
    private let linesDone = Atomic<Int>(0)
    private let start = DispatchTime.now().uptimeNanoseconds
    private let timer: DispatchSourceTimer
    private let write: @Sendable (String) -> Void
    /// Set by the final draw; a timer tick that races with finish() then draws nothing.
    private let finished = Mutex(false)

    /// Starts redrawing at once, then every 250 ms, until `finish()`.
    ///
    /// - Parameters:
    ///   - totalBytes: compressed bytes of every column chunk the run reads.
    ///   - write: where lines go (stderr by default).
    public init(totalBytes: Int, write: @escaping @Sendable (String) -> Void = writeToStandardError) {
        self.totalBytes = max(totalBytes, 1)
        self.write = write
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now(), repeating: .milliseconds(250))
        timer.setEventHandler { [unowned self] in self.draw(final: false) }
        timer.resume()
    }

    /// Records a finished work unit. Thread-safe, lock-free.
    public func add(bytes: Int, lines: Int) {
        bytesDone.add(bytes, ordering: .relaxed)
        linesDone.add(lines, ordering: .relaxed)
    }

    /// Stops the timer and draws the final line (ending it with a newline).
    public func finish() {
        timer.cancel()
        draw(final: true)
    }

    /// `\r42.0% | 12.3 M lines/s | 110.5 MB/s | ETA 3 s` (cleared to the end of the line).
    func line(final: Bool) -> String {
        let bytes = final ? totalBytes : min(bytesDone.load(ordering: .relaxed), totalBytes)
        let lines = linesDone.load(ordering: .relaxed)
        let seconds = max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-3)
        let fraction = Double(bytes) / Double(totalBytes)
        let eta = fraction > 0 ? seconds / fraction - seconds : 0
        return "\r" + SummarizeProgress.fixed(fraction * 100, 1) + "% | "
            + SummarizeProgress.fixed(Double(lines) / seconds / 1e6, 1) + " M lines/s | "
            + SummarizeProgress.fixed(Double(bytes) / seconds / 1e6, 1) + " MB/s | "
            + (final ? "done in " + SummarizeProgress.fixed(seconds, 1) + " s" : "ETA " + SummarizeProgress.fixed(eta, 0) + " s")
            + "\u{1B}[K" + (final ? "\n" : "")
    }

    private func draw(final: Bool) {
        finished.withLock { isFinished in
            guard !isFinished else { return }
            write(line(final: final))
            if final { isFinished = true }
        }
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 48)
        let written = withVaList([value.isFinite ? value : 0]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        return String(decoding: buffer.prefix(Int(max(written, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

}

/// Writes `text` to descriptor 2 (unbuffered).
@Sendable public func writeToStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
