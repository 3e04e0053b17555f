import Benchmark
import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decoding throughput of single columns, whole file (every row group).
///
/// Input: `$ROO_BENCH_FILE`, else `../.build-bench/customs_2m.parquet` (made
/// by `scripts/bench/make_input.sh`), else the small committed fixture.
/// Each iteration decodes one column of every row group into a reused
/// `ColumnBatch`; the custom metrics give the uncompressed page bytes and the
/// page count per iteration, so MB/s = throughput × bytes and mallocs per
/// page = mallocCountTotal / pages.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [
            .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident,
            .custom("uncompressed bytes / iteration", useScalingFactor: false),
            .custom("pages / iteration", useScalingFactor: false),
        ],
        warmupIterations: 2,
        maxDuration: .seconds(5),
        maxIterations: 200
    )

    // The harness's own allocations per measured iteration: subtract from the
    // decode benchmarks' mallocCountTotal.
    Benchmark("baseline (empty measured loop)") { benchmark in
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { blackHole(index) }
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("uncompressed bytes / iteration", useScalingFactor: false), 0)
        benchmark.measurement(.custom("pages / iteration", useScalingFactor: false), 0)
    }

    let path = DecodeInput.path()
    let file: ParquetFile
    do {
        file = try ParquetFile(path: path)
    } catch {
        fatalError("cannot open benchmark input \(path): \(error)")
    }
    for column in ["hs_code", "origin", "customs_value"] {
        guard let index = file.schema.columnIndex(named: column) else { continue }
        let input = DecodeInput(file: file, column: index)
        Benchmark("decode \(column) (\(input.description))") { benchmark in
            let decoder = ColumnChunkDecoder()
            let batch = ColumnBatch()
            // First pass outside the measurement grows every buffer to size.
            input.decodeAll(decoder, batch)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(input.decodeAll(decoder, batch))
            }
            benchmark.stopMeasurement()
            benchmark.measurement(
                .custom("uncompressed bytes / iteration", useScalingFactor: false), input.uncompressedBytes)
            benchmark.measurement(.custom("pages / iteration", useScalingFactor: false), input.pageCount)
        }
    }
}

struct DecodeInput: @unchecked Sendable {
    let file: ParquetFile
    let column: Int
    let uncompressedBytes: Int
    let pageCount: Int
    let description: String

    init(file: ParquetFile, column: Int) {
        self.file = file
        self.column = column
        var bytes: Int64 = 0
        var codec = ""
        for group in file.metadata.rowGroups {
            if let meta = group.columns[column].metaData {
                bytes += meta.totalUncompressedSize
                codec = meta.codec.description
            }
        }
        uncompressedBytes = Int(bytes)
        pageCount = DecodeInput.countPages(file, column: column)
        let descriptor = file.schema.columns[column]
        description = "\(descriptor.physicalType), \(codec), \(file.rowCount) rows"
    }

    @discardableResult
    func decodeAll(_ decoder: ColumnChunkDecoder, _ batch: ColumnBatch) -> Int {
        var rows = 0
        for group in 0..<file.rowGroupCount {
            do {
                try decoder.decode(file, rowGroup: group, column: column, into: batch)
            } catch {
                fatalError("decode failed: \(error)")
            }
            rows += batch.rowCount
        }
        return rows
    }

    static func countPages(_ file: ParquetFile, column: Int) -> Int {
        (0..<file.rowGroupCount).reduce(0) { $0 + ((try? file.pageSummaries(rowGroup: $1, column: column).count) ?? 0) }
    }

    static func path() -> String {
        if let override = getenv("ROO_BENCH_FILE") { return String(cString: override) }
        let root = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(
            separator: "/")
        let generated = root + "/.build-bench/customs_2m.parquet"
        if access(generated, R_OK) == 0 { return generated }
        return root + "/Fixtures/sample-2024.parquet"
    }
}
