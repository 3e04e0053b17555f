import Inspect
import RooSupport
import TestSupport
import Testing

/// Decodes every conformance file and compares every value with its
/// `.expected.jsonl` (numbers exactly, floats bit-exact, text as rendered).
struct ConformanceTests {
    /// Files whose codec or encoding the reader does not decode. Each must
    /// fail with a clear "unsupported …" error; a file listed here that
    /// decodes fails the test. Empty: every flat file in the corpus decodes
    /// (nested schemas are out of scope and are not in the corpus; their
    /// error is covered by `BadFileTests`).
    static let knownUnsupported: Set<String> = []

    static let cases: [ConformanceCase] = ConformanceCase.load()

    @Test func corpusIsPresent() {
        #expect(ConformanceTests.cases.count >= 70, "conformance corpus not found at \(FixturePaths.conformance)")
    }

    @Test(arguments: cases)
    func decodesToExpectedValues(_ testCase: ConformanceCase) throws {
        var output: [UInt8] = []
        let result = Result {
            try CatEngine.run(path: testCase.path, options: CatOptions()) { output.append(contentsOf: $0) }
        }
        if ConformanceTests.knownUnsupported.contains(testCase.id) {
            guard case let .failure(error) = result else {
                Issue.record("\(testCase.id) now decodes: remove it from knownUnsupported")
                return
            }
            let message = RooError.from(error).message
            #expect(message.contains("unsupported"), "\(message)")
            #expect(RooError.from(error).status == .dataError)
            return
        }
        // Every codec in the corpus (LZ4 with and without Hadoop framing, BROTLI) decodes:
        // "values_or_unsupported_codec_error" files must give their values too.
        try result.get()
        try ConformanceComparison.compare(output: output, with: testCase)
    }
}
