import Inspect
import RooSupport
import TestSupport
import Testing

/// Every malformed file gives one clear error line naming the file, with
/// exit status 65, and never traps (arrow-rs `bad_data.rs` style).
struct BadFileTests {
    static let directory = FixturePaths.conformance + "/parquet-testing/bad"

    /// File → a phrase its error must contain. `nil`: the file is decodable
    /// and must match its `.expected.jsonl`.
    static let expectedErrors: [String: String?] = [
        "ARROW-GH-41317.parquet": "INDEX_PAGE inside the column chunk",
        "ARROW-GH-41321.parquet": "unsupported nested schema",
        "ARROW-GH-43605.parquet": nil,
        "ARROW-GH-45185.parquet": "unsupported nested schema",
        "ARROW-GH-47662.parquet": "PLAIN data has 364 bytes, 100 values of 4 bytes need 400",
        "ARROW-RS-GH-6229-DICTHEADER.parquet":
            "column chunk ends (at the next column chunk or the footer) before all its values were read",
        "ARROW-RS-GH-6229-LEVELS.parquet": "unsupported nested schema",
        "PARQUET-1481.parquet": "invalid physical type id -7",
        "derived_chunks_past_eof.parquet": "thrift: unexpected end of data",
        "derived_empty_file.parquet": "too short to be a Parquet file",
        "derived_footer_garbage.parquet": "footer at byte 1113: thrift:",
        "derived_footer_len_too_large.parquet": "footer length 2147483647 does not fit in a file of 1851 bytes",
        "derived_footer_len_zero.parquet": "footer length 0 does not fit",
        "derived_footer_truncated_struct.parquet": "footer at byte 1113: thrift:",
        "derived_magic_only.parquet": "too short to be a Parquet file",
        "derived_page_header_garbage.parquet": "row group 0, column \"id\", page at byte 4: thrift:",
        "derived_snappy_payload_garbage.parquet": "column \"id\", page at byte 4: snappy:",
        "derived_truncated_tail.parquet": "does not end with magic \"PAR1\"",
        "derived_two_magics.parquet": "too short to be a Parquet file",
        "encrypt_columns_plaintext_footer.parquet.encrypted": "encryption",
        "uniform_encryption.parquet.encrypted": "encrypted footer",
    ]

    static var files: [String] {
        FixturePaths.list(directory).filter { !$0.hasSuffix(".jsonl") }
    }

    @Test func everyBadFileHasAnExpectation() {
        #expect(BadFileTests.files.count == 21, "bad/ corpus not found or changed at \(BadFileTests.directory)")
        for file in BadFileTests.files {
            #expect(BadFileTests.expectedErrors.keys.contains(file), "\(file) has no expected error in BadFileTests")
        }
    }

    @Test(arguments: files)
    func failsWithOneClearLine(_ file: String) throws {
        let path = BadFileTests.directory + "/" + file
        var output: [UInt8] = []
        let result = Result { try CatEngine.run(path: path, options: CatOptions()) { output.append(contentsOf: $0) } }
        guard let phrase = BadFileTests.expectedErrors[file] ?? nil else {
            try result.get()
            let expected = FixturePaths.read(path + ".expected.jsonl") ?? []
            #expect(ConformanceComparison.lines(output) == ConformanceComparison.lines(expected))
            return
        }
        guard case let .failure(error) = result else {
            Issue.record("\(file) decoded without error")
            return
        }
        let roo = RooError.from(error)
        #expect(roo.status == .dataError)
        #expect(roo.message.contains(phrase), "\(roo.message)")
        #expect(roo.message.hasPrefix(path + ": "), "error must start with the file: \(roo.message)")
        #expect(!roo.message.contains("\n"))
        // inspect reads only the footer: it must fail cleanly or succeed, never trap.
        _ = try? InspectReport.build(path: path)
    }
}
