import Parquet
import TestSupport
import Testing

/// Inputs that once crashed a fuzz target, replayed through its entry point
/// (`Fixtures/fuzz/<target>/`): each must return normally (a trap or an
/// out-of-bounds access ends the test run). Parquet files that must give a
/// particular error live in `Fixtures/corrupt/` instead.
struct FuzzRegressionTests {
    static let directory = FixturePaths.fixtures + "/fuzz"

    static let inputs: [String] = ["parquet", "pages"].flatMap { target in
        FixturePaths.list(directory + "/" + target).map { target + "/" + $0 }
    }

    @Test func regressionInputsArePresent() {
        #expect(!FuzzRegressionTests.inputs.isEmpty, "no inputs under \(FuzzRegressionTests.directory)")
    }

    @Test(arguments: inputs)
    func replayReturns(_ input: String) throws {
        let bytes = try #require(FixturePaths.read(FuzzRegressionTests.directory + "/" + input))
        bytes.withUnsafeBytes { raw in
            if input.hasPrefix("pages/") { FuzzEntryPoints.pageDecoders(raw) } else { FuzzEntryPoints.parquetFile(raw) }
        }
    }
}
