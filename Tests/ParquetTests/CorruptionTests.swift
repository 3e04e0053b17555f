import Dispatch
import Inspect
import Parquet
import RooSupport
import TestSupport
import Testing

/// Truncations and bit flips over real files: every outcome is either
/// values or a clean `RooError`; a trap would crash the test process.
struct CorruptionTests {
    static let sources = [
        "parquet-testing/files/alltypes_plain.snappy.parquet",
        "parquet-testing/files/rle-dict-snappy-checksum.parquet",
        "parquet-testing/files/int32_with_null_pages.parquet",
        "generated/files/customs_pyarrow.zstd.parquet",
        "generated/files/pyarrow_logical_types_v2.snappy.parquet",
    ]

    /// Runs `cat` and `inspect` on `bytes`; returns whether cat failed (and expects that failure to
    /// be a one-line exit-65 `RooError`).
    /// Each run must end within `runSecondsMax` (no hang on a lying header).
    static func exercise(_ bytes: [UInt8], at path: String) -> Bool {
        FixturePaths.write(bytes, to: path)
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            #expect(seconds < runSecondsMax, "a damaged copy of \(path) took \(seconds) s")
        }
        _ = try? InspectReport.build(path: path)
        do {
            try CatEngine.run(path: path, options: CatOptions()) { _ in }
            return false
        } catch {
            let roo = RooError.from(error)
            #expect(roo.status == .dataError, "\(roo.message)")
            #expect(!roo.message.contains("\n"))
            return true
        }
    }

    /// Debug build, so generous; a hang would exceed it by far.
    static let runSecondsMax = 20.0

    /// Files with bytes outside every column chunk (page indexes, bloom filters).
    static let sourcesWithUnreadBytes = [
        "parquet-testing/files/alltypes_tiny_pages.parquet",
        "parquet-testing/files/data_index_bloom_encoding_stats.parquet",
        "parquet-testing/files/int32_with_null_pages.parquet",
    ]

    /// Ranges roo reads for `cat`: the magic, every column chunk, the footer.
    static func readRanges(_ path: String) throws -> [Range<Int>] {
        let file = try ParquetFile(path: path)
        var ranges = [0..<4, file.footerOffset..<file.mapping.count]
        for group in file.metadata.rowGroups {
            for chunk in group.columns {
                guard let meta = chunk.metaData else { continue }
                let start = ColumnChunkDecoder.firstPageOffset(meta)
                ranges.append(start..<(start + Int(meta.totalCompressedSize)))
            }
        }
        return ranges
    }

    @Test(arguments: sourcesWithUnreadBytes)
    func damageOutsideTheReadBytesChangesNothing(_ source: String) throws {
        let sourcePath = FixturePaths.conformance + "/" + source
        let original = try #require(FixturePaths.read(sourcePath))
        let read = try CorruptionTests.readRanges(sourcePath)
        let unread = (0..<original.count).filter { offset in !read.contains { $0.contains(offset) } }
        try #require(!unread.isEmpty, "\(source) has no unread bytes")
        var expected: [UInt8] = []
        try CatEngine.run(path: sourcePath, options: CatOptions()) { expected.append(contentsOf: $0) }
        let path = FixturePaths.temporaryDirectory() + "/unread.parquet"
        for offset in stride(from: 0, to: unread.count, by: max(1, unread.count / 60)).map({ unread[$0] }) {
            var bytes = original
            bytes[offset] ^= 0x5a
            FixturePaths.write(bytes, to: path)
            var output: [UInt8] = []
            try CatEngine.run(path: path, options: CatOptions()) { output.append(contentsOf: $0) }
            #expect(output == expected, "damage at unread byte \(offset) of \(source) changed the output")
        }
    }

    /// Every proper prefix of a Parquet file lacks its footer (or its trailing magic), so each one
    /// tried must fail: a clean one-line exit-65 error, never values. Lengths: 0 up to size-1 in
    /// about 150 steps, plus each of the last 8 (inside the footer length and the trailing magic).
    @Test(arguments: sources)
    func everyTruncationFails(_ source: String) throws {
        let original = try #require(FixturePaths.read(FixturePaths.conformance + "/" + source))
        let path = FixturePaths.temporaryDirectory() + "/truncated.parquet"
        let step = max(1, original.count / 150)
        let lengths = Set(stride(from: 0, to: original.count, by: step)).union(
            max(0, original.count - 8)..<original.count)
        for length in lengths.sorted() {
            let failed = CorruptionTests.exercise(Array(original[0..<length]), at: path)
            #expect(failed, "\(source) truncated to \(length) of \(original.count) bytes was read without an error")
        }
    }

    @Test(arguments: sources)
    func bitFlipsNeverTrap(_ source: String) throws {
        let original = try #require(FixturePaths.read(FixturePaths.conformance + "/" + source))
        let path = FixturePaths.temporaryDirectory() + "/flipped.parquet"
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let position = Int((state >> 16) % UInt64(bytes.count))
                bytes[position] ^= UInt8(1 << ((state >> 8) & 7))
            }
            _ = CorruptionTests.exercise(bytes, at: path)
        }
    }

    @Test(arguments: sources)
    func overwrittenFooterBytesNeverTrap(_ source: String) throws {
        let original = try #require(FixturePaths.read(FixturePaths.conformance + "/" + source))
        let path = FixturePaths.temporaryDirectory() + "/footer.parquet"
        let footerLength = Int(original[original.count - 8]) | Int(original[original.count - 7]) << 8
        let footerStart = max(4, original.count - 8 - footerLength)
        var state: UInt64 = 42
        for offset in stride(from: footerStart, to: original.count - 8, by: max(1, footerLength / 200)) {
            var bytes = original
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[offset] = UInt8(truncatingIfNeeded: state >> 32)
            _ = CorruptionTests.exercise(bytes, at: path)
        }
    }
}
