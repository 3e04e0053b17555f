import Aggregation
import Customs
import Parquet
import Reports
import RooSupport
import Summarize

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of `roo bench` (docs/cli.md, bench).
package struct BenchOptions: Sendable {
    package var summarize: SummarizeOptions
    package var strategies: [Strategy] = Strategy.allCases
    package var threads: [Int]
    package var repeats = 5
    package var warmups = 1
    /// Draw a progress line on stderr (`ProgressLine`: runs done of runs planned).
    package var showProgress = false

    package init(summarize: SummarizeOptions, threads: [Int]) {
        self.summarize = summarize
        self.threads = threads
    }

    /// 1, 2 and the number of cores if larger (at most 64).
    package static func defaultThreads(cores: Int) -> [Int] {
        var list = [1, 2]
        if cores > 2 { list.append(min(cores, 64)) }
        return list
    }
}

/// One measured strategy × thread count.
package struct BenchCell: Sendable, Equatable {
    package var strategy: Strategy
    package var threads: Int
    package var seconds: [Double]
    package var medianSeconds: Double
    package var rowsPerSecond: Double
    package var megabytesPerSecond: Double
    package var speedup: Double
    package var efficiency: Double
    package var peakResidentMegabytes: Double
    package var matchesSerial: Bool
}

/// A full bench run.
package struct BenchReport: Sendable {
    package var machine: String
    package var rows: Int64
    package var compressedBytes: Int64
    package var cells: [BenchCell]
}

/// Runs `roo summarize` for every strategy × thread count and measures it.
package enum BenchEngine {
    /// Runs every cell once as a warm-up, then `repeats` rounds in which every
    /// cell runs once (interleaved, so drift on a noisy machine hits all cells alike).
    package static func run(_ options: BenchOptions) throws -> BenchReport {
        var rows: Int64 = 0
        let compressed = try compressedBytes(options.summarize)
        // serial at 1 thread first: the reference for speed-up and output.
        var plan: [(Strategy, Int)] = [(.serial, 1)]
        for strategy in options.strategies where strategy != .serial {
            for threads in options.threads { plan.append((strategy, threads)) }
        }
        var outputs = Array(repeating: [String](), count: plan.count)
        var seconds = Array(repeating: [Double](), count: plan.count)
        var peaks = Array(repeating: 0.0, count: plan.count)
        let rounds = options.warmups + max(1, options.repeats)
        let progress = options.showProgress ? ProgressLine(.runs(total: rounds * plan.count)) : nil
        do {
            try measure(
                plan, rounds: rounds, options: options, progress: progress,
                outputs: &outputs, seconds: &seconds, peaks: &peaks, rows: &rows)
            progress?.finish()
        } catch {
            progress?.stop()
            throw error
        }
        let baseline = seconds[0].sorted()[seconds[0].count / 2]
        var cells: [BenchCell] = []
        for (index, (strategy, threads)) in plan.enumerated() {
            let median = seconds[index].sorted()[seconds[index].count / 2]
            let speedup = baseline / median
            cells.append(
                BenchCell(
                    strategy: strategy, threads: threads, seconds: seconds[index], medianSeconds: median,
                    rowsPerSecond: Double(rows) / median, megabytesPerSecond: Double(compressed) / 1_048_576 / median,
                    speedup: speedup, efficiency: speedup / Double(threads),
                    peakResidentMegabytes: peaks[index], matchesSerial: outputs[index] == outputs[0]))
        }
        if !options.strategies.contains(.serial) { cells.removeFirst() }
        let machine = Machine.description(rows: rows, bytes: compressed, inputs: options.summarize.inputs)
        return BenchReport(machine: machine, rows: rows, compressedBytes: compressed, cells: cells)
    }

    /// Runs every cell of `plan` once per round (the first `options.warmups`
    /// rounds unmeasured), keeping each cell's tables, seconds and peak RSS;
    /// one run done is one step of the progress line.
    private static func measure(
        _ plan: [(Strategy, Int)], rounds: Int, options: BenchOptions, progress: ProgressLine?,
        outputs: inout [[String]], seconds: inout [[Double]], peaks: inout [Double], rows: inout Int64
    ) throws {
        for round in 0..<rounds {
            for (index, (strategy, threads)) in plan.enumerated() {
                var summarize = options.summarize
                summarize.strategy = strategy
                summarize.threads = threads
                PeakMemory.reset()
                let start = Clock.now()
                outputs[index] = try render(summarize, rows: &rows)
                let elapsed = Clock.now() - start
                peaks[index] = max(peaks[index], PeakMemory.megabytes())
                if round >= options.warmups { seconds[index].append(elapsed) }
                progress?.add(runs: 1)
            }
        }
    }

    private static func render(_ options: SummarizeOptions, rows: inout Int64) throws -> [String] {
        let tables = try SummarizeEngine.run(options)
        if let totals = tables.first(where: { $0.name == .totals }), case let .integer(read)? = totals.rows.first?[1] {
            rows = read
        }
        return tables.map { OutputFormat.csv.render($0) }
    }

    /// Compressed bytes of the columns summarize reads (whole file size for CSV).
    static func compressedBytes(_ options: SummarizeOptions) throws -> Int64 {
        var total: Int64 = 0
        for path in try InputExpansion.parquetFiles(options.inputs) {
            guard InputExpansion.isParquet(path) else {
                var status = stat()
                if stat(path, &status) == 0 { total += Int64(status.st_size) }
                continue
            }
            let file: ParquetFile
            do { file = try ParquetFile(path: path) } catch let error as ParquetError { throw RooError(error) }
            let names = Set(CanonicalColumn.allCases.map { options.mapping.source(for: $0) })
            for group in file.metadata.rowGroups {
                for (column, chunk) in zip(file.schema.columns, group.columns) where names.contains(column.name) {
                    total += chunk.metaData?.totalCompressedSize ?? 0
                }
            }
        }
        return total
    }
}

/// Wall-clock seconds from a monotonic clock.
enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Peak resident set size of this process (Linux: VmHWM, reset through clear_refs).
enum PeakMemory {
    static func reset() {
        guard let stream = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", stream)
        fclose(stream)
    }

    static func megabytes() -> Double {
        if let text = readText("/proc/self/status"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func readText(_ path: String) -> String? {
        guard let stream = fopen(path, "r") else { return nil }
        defer { fclose(stream) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, stream)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The machine line of a report.
enum Machine {
    static func description(rows: Int64, bytes: Int64, inputs: [String]) -> String {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let model =
            PeakMemory.readText("/proc/cpuinfo")?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingSpaces } ?? "unknown CPU"
        var name = utsname()
        uname(&name)
        let system = withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let size = String(format2: Double(bytes) / 1_048_576)
        return
            "machine: \(Plural.count(cores, "core")), \(model), \(system) \(release); roo \(RooVersion.current); "
            + "input: \(inputs.joined(separator: " ")), \(Plural.count(rows, "line")), \(size) MiB compressed "
            + "(columns read)"
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// A number with two decimals (no locale).
    init(format2 value: Double) {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e15 else {
            self = "0.00"
            return
        }
        self = CellText.money(Int64(hundredths))
    }
}
