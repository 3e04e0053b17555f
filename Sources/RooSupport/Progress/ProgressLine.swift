import Customs
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one updating stderr line of a long `roo summarize`, `roo ingest` or
/// `roo bench` run, redrawn four times a second by a timer:
///
/// - `.bytes(total:)` (summarize, ingest): percent of the input bytes read,
///   lines/s, MB/s and ETA; without a known total (a stream), the lines
///   read, lines/s and MB/s.
/// - `.runs(total:)` (bench): percent of the runs planned, runs done and ETA.
///
/// Workers only add to two atomic counters once per work unit (a row group,
/// a CSV chunk, a bench run), so no hot loop slows down.
package final class ProgressLine: @unchecked Sendable {
    // @unchecked Sendable: the counters are atomics; the timer is touched only
    // in init and end(), and `write` is @Sendable.

    /// What the line counts.
    package enum Measure: Sendable, Equatable {
        /// Input bytes read (compressed bytes as stored); nil total = unknown (a stream).
        case bytes(total: Int?)
        /// Bench runs done of `total` planned.
        case runs(total: Int)
    }

    /// Whether progress shows by default: stderr is a terminal.
    package static var isTerminal: Bool { isatty(2) != 0 }

    /// Whether a command draws the line: never with `--quiet`, else with
    /// `--progress` or when stderr is a terminal.
    package static func isShown(progress: Bool, quiet: Bool) -> Bool {
        !quiet && (progress || isTerminal)
    }

    let measure: Measure
    private let done = Atomic<Int>(0)
    private let linesDone = Atomic<Int>(0)
    private let start = DispatchTime.now().uptimeNanoseconds
    private let timer: DispatchSourceTimer
    private let write: @Sendable (String) -> Void
    /// Set by the last draw; a timer tick that races with end() then draws nothing.
    private let ended = Mutex(false)

    /// Starts redrawing at once, then every 250 ms, until `finish()` or `stop()`.
    ///
    /// - Parameters:
    ///   - measure: what is counted, with the total when known (a known
    ///     total of 0 counts as 1, so an empty input reads 0% then 100%).
    ///   - write: where lines go (stderr by default).
    package init(_ measure: Measure, write: @escaping @Sendable (String) -> Void = writeToStandardError) {
        switch measure {
        case let .bytes(total?): self.measure = .bytes(total: max(total, 1))
        case .bytes(nil): self.measure = .bytes(total: nil)
        case let .runs(total): self.measure = .runs(total: max(total, 1))
        }
        self.write = write
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now(), repeating: .milliseconds(250))
        timer.setEventHandler { [unowned self] in self.draw(.running) }
        timer.resume()
    }

    /// Records a finished work unit of a `.bytes` line. Thread-safe, lock-free.
    ///
    /// - Parameters:
    ///   - bytes: input bytes the unit read, `>= 0`.
    ///   - lines: lines (rows) the unit read, `>= 0`.
    package func add(bytes: Int, lines: Int) {
        done.add(bytes, ordering: .relaxed)
        linesDone.add(lines, ordering: .relaxed)
    }

    /// Records finished runs of a `.runs` line. Thread-safe, lock-free.
    package func add(runs: Int) {
        done.add(runs, ordering: .relaxed)
    }

    /// Writes lines above the progress line: `body`, which writes whole
    /// lines to stderr (notes), runs with the line cleared, and the line is
    /// drawn again after it, so a note never starts inside the line. After
    /// the line ended, `body` just runs.
    package func printAbove(_ body: () -> Void) {
        ended.withLock { isEnded in
            guard !isEnded else { return body() }
            write("\r\u{1B}[K")
            body()
            write(line(.running))
        }
    }

    /// Stops the timer and draws the final line: 100%, the time taken, a newline.
    package func finish() { end(.finished) }

    /// Stops the timer after a failure: the line as it stands, ended with a
    /// newline so that the error line starts on its own line.
    package func stop() { end(.stopped) }

    /// How far a draw is: running (redrawn), or the last one.
    enum Stage { case running, finished, stopped }

    /// `\r42.0% | 12.3 M lines/s | 110.5 MB/s | ETA 3 s` (cleared to the end
    /// of the line), or as `Measure` describes.
    func line(_ stage: Stage) -> String {
        let seconds = max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-3)
        let count = done.load(ordering: .relaxed)
        let fields: [String]
        switch measure {
        case let .bytes(total?):
            let bytes = stage == .finished ? total : min(count, total)
            fields =
                [percent(bytes, of: total), linesPerSecond(seconds), megabytesPerSecond(bytes, seconds)]
                + [timing(stage, seconds, fraction: Double(bytes) / Double(total))]
        case .bytes(nil):
            let lines = ProgressLine.fixed(Double(linesDone.load(ordering: .relaxed)) / 1e6, 1) + " M lines"
            fields =
                [lines, linesPerSecond(seconds), megabytesPerSecond(count, seconds)]
                + [
                    stage == .finished
                        ? "done in " + ProgressLine.fixed(seconds, 1) + " s" : ProgressLine.fixed(seconds, 0) + " s"
                ]
        case let .runs(total):
            let runs = stage == .finished ? total : min(count, total)
            fields = [
                percent(runs, of: total), "\(runs) of \(Plural.count(total, "run"))",
                timing(stage, seconds, fraction: Double(runs) / Double(total)),
            ]
        }
        return "\r" + fields.joined(separator: " | ") + "\u{1B}[K" + (stage == .running ? "" : "\n")
    }

    private func percent(_ part: Int, of total: Int) -> String {
        ProgressLine.fixed(Double(part) / Double(total) * 100, 1) + "%"
    }

    private func linesPerSecond(_ seconds: Double) -> String {
        ProgressLine.fixed(Double(linesDone.load(ordering: .relaxed)) / seconds / 1e6, 1) + " M lines/s"
    }

    private func megabytesPerSecond(_ bytes: Int, _ seconds: Double) -> String {
        ProgressLine.fixed(Double(bytes) / seconds / 1e6, 1) + " MB/s"
    }

    /// `ETA 3 s` while running (from the fraction done so far), `done in 4.2 s` at the end.
    private func timing(_ stage: Stage, _ seconds: Double, fraction: Double) -> String {
        if stage == .finished { return "done in " + ProgressLine.fixed(seconds, 1) + " s" }
        let eta = fraction > 0 ? seconds / fraction - seconds : 0
        return "ETA " + ProgressLine.fixed(eta, 0) + " s"
    }

    private func end(_ stage: Stage) {
        timer.cancel()
        draw(stage)
    }

    private func draw(_ stage: Stage) {
        ended.withLock { isEnded in
            guard !isEnded else { return }
            write(line(stage))
            if stage != .running { isEnded = true }
        }
    }

    /// `value` with `digits` decimals, without locale (0 for a non-finite value).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 48)
        let written = withVaList([value.isFinite ? value : 0]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        return String(decoding: buffer.prefix(Int(max(written, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Writes `text` to descriptor 2 (unbuffered).
@Sendable package func writeToStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
