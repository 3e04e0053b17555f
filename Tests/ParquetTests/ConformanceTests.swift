import Testing
import RooCore
import TestSupport

/// Decodes every conformance file and compares every value with its
/// `.expected.jsonl` (numbers exactly, floats bit-exact, text as rendered).
struct ConformanceTests {
    /// Files whose codec or encoding the reader does not decode yet. Each must
    /// fail with a clear "unsupported …" error; the list shrinks as coverage
    /// grows (a file listed here that decodes fails the test).
    static let knownUnsupported: Set<String> = [
        "parquet-testing/files/byte_stream_split.zstd.parquet",
        "parquet-testing/files/byte_stream_split_extended.gzip.parquet",
        "parquet-testing/files/concatenated_gzip_members.parquet",
        "parquet-testing/files/data_index_bloom_encoding_stats.parquet",
        "parquet-testing/files/delta_binary_packed.parquet",
        "parquet-testing/files/delta_byte_array.parquet",
        "parquet-testing/files/delta_encoding_optional_column.parquet",
        "parquet-testing/files/delta_encoding_required_column.parquet",
        "parquet-testing/files/delta_length_byte_array.parquet",
        "parquet-testing/files/lz4_raw_compressed.parquet",
        "parquet-testing/files/lz4_raw_compressed_larger.parquet",
        "parquet-testing/files/rle_boolean_encoding.parquet",
        "generated/files/customs_duckdb_v2.snappy.parquet",
        "generated/files/customs_polars.lz4raw.parquet",
        "generated/files/pyarrow_bss_nulls_v2.lz4raw.parquet",
        "generated/files/pyarrow_delta_v1_nulls.gzip.parquet",
        "generated/files/pyarrow_dict_fallback_v2.gzip.parquet",
        "generated/files/pyarrow_dict_v2.lz4raw.parquet",
    ]

    static let cases: [ConformanceCase] = ConformanceCase.load()

    @Test func corpusIsPresent() {
        #expect(ConformanceTests.cases.count >= 70, "conformance corpus not found at \(FixturePaths.conformance)")
    }

    @Test(arguments: cases)
    func decodesToExpectedValues(_ testCase: ConformanceCase) throws {
        var output: [UInt8] = []
        let result = Result { try CatEngine.run(path: testCase.path, options: CatOptions()) { output.append(contentsOf: $0) } }
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
        if testCase.expect == "values_or_unsupported_codec_error", case let .failure(error) = result {
            #expect(RooError.from(error).message.contains("unsupported compression codec"))
            return
        }
        try result.get()
        try ConformanceComparison.compare(output: output, with: testCase)
    }
}
