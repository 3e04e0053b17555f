import Testing
import RooCore
import TestSupport

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

    /// Runs `cat` and `inspect` on `bytes`; returns whether cat failed cleanly.
    static func exercise(_ bytes: [UInt8], at path: String) -> Bool {
        FixturePaths.write(bytes, to: path)
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

    @Test(arguments: sources)
    func truncationsNeverTrap(_ source: String) throws {
        let original = try #require(FixturePaths.read(FixturePaths.conformance + "/" + source))
        let path = FixturePaths.temporaryDirectory() + "/truncated.parquet"
        let step = max(1, original.count / 150)
        var failures = 0
        for length in stride(from: 0, to: original.count, by: step) {
            if CorruptionTests.exercise(Array(original[0..<length]), at: path) { failures += 1 }
        }
        #expect(failures > 0)
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
