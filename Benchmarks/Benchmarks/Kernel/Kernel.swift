import Aggregation
import Bench
import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Aggregation alone: every strategy on line blocks decoded once into
/// memory (decode cost excluded). Input as in the Decode suite.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 50
    )
    let path = KernelInput.path()
    let dataset: InMemoryDataset
    do {
        dataset = try InMemoryDataset.load(paths: [path])
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
    let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    for strategy in Strategy.allCases {
        for threads in Set([1, 2, cores]).sorted() where !(strategy == .serial && threads > 1) {
            Benchmark("\(strategy.rawValue) \(threads) threads (\(dataset.lineCount) lines)") { benchmark in
                for _ in benchmark.scaledIterations {
                    do {
                        blackHole(try strategy.run(dataset.plan(), threads: threads))
                    } catch {
                        fatalError("\(error)")
                    }
                }
            }
        }
    }
}

enum KernelInput {
    static func path() -> String {
        if let override = getenv("ROO_BENCH_FILE") { return String(cString: override) }
        let root = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(
            separator: "/")
        let generated = root + "/.build-bench/customs_2m.parquet"
        if access(generated, R_OK) == 0 { return generated }
        return root + "/Fixtures/sample-2024.parquet"
    }
}
