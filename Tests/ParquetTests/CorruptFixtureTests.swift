import Inspect
@testable import Parquet
import RooSupport
import TestSupport
import Testing

/// Regression files under `Fixtures/corrupt/` (fuzzing crashes and
/// hand-made hostile inputs): each must give exactly its expected error, and
/// every file must be listed in `EXPECTED.tsv`.
struct CorruptFixtureTests {
    static let directory = FixturePaths.fixtures + "/corrupt"

    /// `file<TAB>phrase the one-line error must contain`, from `EXPECTED.tsv`.
    static let expected: [(file: String, phrase: String)] = {
        guard let bytes = FixturePaths.read(directory + "/EXPECTED.tsv") else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }()

    @Test func everyCorruptFixtureHasAnExpectedError() {
        let listed = Set(CorruptFixtureTests.expected.map(\.file))
        let present = FixturePaths.list(CorruptFixtureTests.directory).filter {
            !$0.hasSuffix(".tsv") && !$0.hasSuffix(".md")
        }
        #expect(!present.isEmpty, "no corrupt fixtures in \(CorruptFixtureTests.directory)")
        for file in present { #expect(listed.contains(file), "Fixtures/corrupt/\(file) has no line in EXPECTED.tsv") }
        for file in listed { #expect(present.contains(file), "EXPECTED.tsv lists \(file), which is missing") }
    }

    @Test(arguments: expected.map(\.file))
    func corruptFixtureGivesItsError(_ file: String) throws {
        let phrase = try #require(CorruptFixtureTests.expected.first { $0.file == file }?.phrase)
        let path = CorruptFixtureTests.directory + "/" + file
        // The fuzz entry points must return on it (a trap would end the test run).
        if let bytes = FixturePaths.read(path) {
            bytes.withUnsafeBytes { FuzzEntryPoints.parquetFile($0) }
        }
        do {
            try CatEngine.run(path: path, options: CatOptions()) { _ in }
            Issue.record("\(file) decoded without error; expected \"\(phrase)\"")
        } catch {
            let roo = RooError.from(error)
            #expect(roo.status == .dataError)
            #expect(roo.message.contains(phrase), "\(roo.message)")
            #expect(!roo.message.contains("\n"))
        }
    }
}
