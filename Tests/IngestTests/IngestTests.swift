import Foundation
@testable import Ingest
import Parquet
import Reports
@testable import RooSupport
import TestSupport
import Testing

/// `roo ingest` on CSV edge cases, with exact row and reject counts.
struct IngestTests {
    /// Header + 9 records over 11 physical lines (record 3 holds a newline).
    static let edgeCases: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array(
            """
            id,name,amount,day,code
            1,"Smith, John",12.50,2024-01-05,0101
            2,"He said ""hi\""",3,2024-02-29,0202
            3,"multi
            line",,2024-03-01,
            4,plain,1.5,,0404
            5,ragged,1.0
            6,"bad"x,2.0,2024-01-01,0505

            """.utf8) + Array("7,caf".utf8) + [0xE9] + Array(",7.25,2024-01-02,0606\r\n".utf8)
        + Array(
            """
            8,"1,234.56",1.0,2024-01-03,0707
            9,x,"1,234.56",2024-01-04,0808

            """.utf8)

    static func ingest(
        _ bytes: [UInt8], name: String = "in.csv", configure: (inout IngestOptions) -> Void = { _ in }
    ) throws -> (IngestResult, ParquetFile, String) {
        let directory = FixturePaths.temporaryDirectory()
        FixturePaths.write(bytes, to: directory + "/" + name)
        var options = IngestOptions(input: directory + "/" + name, output: directory + "/out.parquet")
        options.rejectsPath = directory + "/rejects.tsv"
        options.threads = 2
        configure(&options)
        let result = try IngestEngine.run(options)
        return (result, try ParquetFile(path: options.output), directory)
    }

    static func column(_ file: ParquetFile, _ name: String) throws -> [[UInt8]?] {
        let batch = ColumnBatch()
        let decoder = ColumnChunkDecoder()
        var values: [[UInt8]?] = []
        guard let index = file.schema.columnIndex(named: name) else { return [] }
        for group in 0..<file.rowGroupCount {
            try decoder.decode(file, rowGroup: group, column: index, into: batch)
            for row in 0..<batch.rowCount { values.append(batch.isValid(row) ? Array(batch.bytes(at: row)) : nil) }
        }
        return values
    }

    @Test func edgeCasesGiveExactRowsAndRejects() throws {
        let (result, file, directory) = try IngestTests.ingest(IngestTests.edgeCases) {
            $0.types["amount"] = .decimal(scale: 2)
        }
        #expect(result.linesIn == 9)
        #expect(result.rowsWritten == 6)
        #expect(result.rowsRejected == 3)
        #expect(
            result.columnTypes == [
                "id": .int64, "name": .string, "amount": .decimal(scale: 2), "day": .date, "code": .string,
            ])
        #expect(file.rowCount == 6)
        let names = try IngestTests.column(file, "name")
        #expect(
            names == [
                Array("Smith, John".utf8), Array("He said \"hi\"".utf8), Array("multi\nline".utf8), Array("plain".utf8),
                Array("caf".utf8) + [0xE9], Array("1,234.56".utf8),
            ])
        let amounts = try IngestTests.column(file, "amount").map {
            $0.map { $0.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } }
        }
        #expect(amounts == [1250, 300, nil, 150, 725, 100])
        let codes = try IngestTests.column(file, "code").map { $0.map { String(decoding: $0, as: UTF8.self) } }
        #expect(codes == ["0101", "0202", nil, "0404", "0606", "0707"])
        let days = try IngestTests.column(file, "day").map {
            $0.map { $0.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) } }
        }
        #expect(days == [19727, 19782, 19783, nil, 19724, 19725])
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self).split(
            separator: "\n")
        #expect(rejects.count == 4)
        #expect(rejects[1].hasPrefix("7\texpected 5 fields, found 3\t5,ragged,1.0"))
        #expect(rejects[2].hasPrefix("8\tmalformed: "))
        #expect(rejects[3].hasPrefix("11\tcolumn \"amount\": \"1,234.56\" is not a valid decimal(18,2)"))
    }

    @Test func inferenceKeepsCodesAsTextAndThousandsSeparatorsAsText() throws {
        let (result, _, _) = try IngestTests.ingest(IngestTests.edgeCases)
        #expect(result.columnTypes["amount"] == .string)
        #expect(result.columnTypes["code"] == .string)
        #expect(result.rowsWritten == 7)
        #expect(result.linesIn == result.rowsWritten + result.rowsRejected)
    }

    @Test func rowGroupsSplitAtTheRequestedSize() throws {
        var text = "origin,value\n"
        for row in 0..<2_500 { text += "C\(row % 7),\(row).25\n" }
        let (result, file, _) = try IngestTests.ingest(Array(text.utf8)) { $0.rowGroupRows = 1_000 }
        #expect(result.rowsWritten == 2_500)
        #expect(file.metadata.rowGroups.map(\.numRows) == [1_000, 1_000, 500])
        #expect(result.columnTypes["value"] == .decimal(scale: 2))
    }

    @Test func gzipInputIsDetectedByMagicBytes() throws {
        let directory = FixturePaths.temporaryDirectory()
        FixturePaths.write(IngestTests.edgeCases, to: directory + "/plain.csv")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-f", directory + "/plain.csv"]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = FixturePaths.read(directory + "/plain.csv.gz") ?? []
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        let (result, file, _) = try IngestTests.ingest(compressed, name: "no-extension.bin") {
            $0.types["amount"] = .decimal(scale: 2)
        }
        #expect(result.rowsWritten == 6)
        #expect(try IngestTests.column(file, "code").count == 6)
    }

    @Test func failedIngestLeavesNoOutput() throws {
        let directory = FixturePaths.temporaryDirectory()
        // A zstd magic followed by garbage: decompression fails mid-way.
        FixturePaths.write(
            [0x28, 0xb5, 0x2f, 0xfd] + [UInt8](repeating: 0x41, count: 64), to: directory + "/bad.csv.zst")
        var options = IngestOptions(input: directory + "/bad.csv.zst", output: directory + "/out.parquet")
        options.rejectsPath = directory + "/rejects.tsv"
        #expect(throws: RooError.self) { _ = try IngestEngine.run(options) }
        #expect(FixturePaths.list(directory) == ["bad.csv.zst"])
    }

    @Test func mapRenamesToCanonicalNames() throws {
        let text = "ctry,value\nmx,1.00\n"
        let (_, file, _) = try IngestTests.ingest(Array(text.utf8)) { try? $0.mapping.parse("origin=ctry") }
        #expect(file.schema.columns.map(\.name) == ["origin", "value"])
        var options = IngestOptions(input: "/nonexistent.csv", output: "/tmp/x.parquet")
        options.threads = 1
        #expect { _ = try IngestEngine.run(options) } throws: { ($0 as? RooError)?.status == .noInput }
    }
}

/// Ingest writes what summarize reads: canonical money columns are DECIMAL
/// read with the money format (bad values are rejects, never a change of
/// type), canonical keys are text, and missing canonical columns are named.
struct IngestCanonicalTypeTests {
    /// INT64 values of a column (nil for nulls); a value of another width (a
    /// column of the wrong type) reads as Int64.min, so a test fails instead of trapping.
    static func integers(_ file: ParquetFile, _ name: String) throws -> [Int64?] {
        try IngestTests.column(file, name).map { value in
            value.map { $0.count == 8 ? $0.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } : Int64.min }
        }
    }

    /// Line `index` of the rejects file of `directory` ("" when it has fewer).
    static func reject(_ directory: String, _ index: Int) -> Substring {
        let lines = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self).split(
            separator: "\n")
        return index < lines.count ? lines[index] : ""
    }

    static func texts(_ file: ParquetFile, _ name: String) throws -> [String?] {
        try IngestTests.column(file, name).map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func moneyColumnsAreDecimalAtTheLargestScaleAndBadValuesAreRejects() throws {
        let text = """
            origin,partner,hs_code,customs_value,duty,non_originating_value
            CN,MX,8703230190,"$1,234.56",0,
            CN,MX,8703230190,"1,23.45",0,
            CN,MX,8703230190,7.005,"-$0.50",12
            CN,MX,8703230190,USD 2,0,1e5

            """
        let (result, file, directory) = try IngestTests.ingest(Array(text.utf8))
        #expect(result.columnTypes["customs_value"] == .decimal(scale: 3))
        #expect(result.columnTypes["duty"] == .decimal(scale: 2))
        #expect(result.columnTypes["non_originating_value"] == .decimal(scale: 2))
        #expect(result.rowsWritten == 2)
        #expect(try IngestCanonicalTypeTests.integers(file, "customs_value") == [1_234_560, 7005])
        #expect(try IngestCanonicalTypeTests.integers(file, "duty") == [0, -50])
        #expect(try IngestCanonicalTypeTests.integers(file, "non_originating_value") == [nil, 1200])
        #expect(
            IngestCanonicalTypeTests.reject(directory, 1).hasPrefix(
                "3\tcolumn \"customs_value\": \"1,23.45\" is not an amount (decimal separator \".\", thousands "
                    + "separator \",\";"
            ))
        #expect(
            IngestCanonicalTypeTests.reject(directory, 2).hasPrefix(
                "5\tcolumn \"non_originating_value\": \"1e5\" is not an amount"))
        #expect(IngestCanonicalTypeTests.reject(directory, 3).isEmpty)
    }

    @Test func decimalCommasWithTheFormatAndForcedTypesStillWin() throws {
        let text = "origin;partner;hs_code;customs_value;duty\nCN;MX;8703;1.234,5;0,00\nCN;MX;8703;12,005;1\n"
        let (comma, file, _) = try IngestTests.ingest(Array(text.utf8)) { $0.moneyFormat = .decimalComma }
        #expect(comma.columnTypes["customs_value"] == .decimal(scale: 3))
        #expect(try IngestCanonicalTypeTests.integers(file, "customs_value") == [1_234_500, 12005])
        let (forced, _, directory) = try IngestTests.ingest(Array(text.utf8)) {
            $0.moneyFormat = .decimalComma
            $0.types["customs_value"] = .decimal(scale: 2)
            $0.types["duty"] = .string
        }
        #expect(forced.columnTypes["duty"] == .string)
        #expect(forced.rowsWritten == 1)
        #expect(
            IngestCanonicalTypeTests.reject(directory, 1).hasPrefix(
                "3\tcolumn \"customs_value\": \"12,005\" has more decimal places than the column's decimal(18,2)"))
        #expect(IngestCanonicalTypeTests.reject(directory, 2).isEmpty)
    }

    /// Codes that look like numbers in the first chunk stay text, so a later
    /// code with a leading zero keeps it.
    @Test func keyColumnsAreTextAcrossChunks() throws {
        var text = "reporter,origin,partner,hs_code,customs_value,duty,program,rate_provision,period\n"
        let line = "840,5700,2010,8703230190,100.00,0,18,61,202401\n"
        text.reserveCapacity(line.utf8.count * 120_000)
        for _ in 0..<110_000 { text += line }  // past the first 4 MiB chunk
        text += "840,0010,1220,0101210000,5.00,0,00,00,202402\n"
        let (result, file, _) = try IngestTests.ingest(Array(text.utf8))
        for name in ["reporter", "origin", "partner", "hs_code", "program", "rate_provision"] {
            #expect(result.columnTypes[name] == .string, "\(name)")
        }
        #expect(result.columnTypes["period"] == .int64)
        #expect(result.rowsWritten == 110_001)
        let last = try IngestCanonicalTypeTests.texts(file, "hs_code").last
        #expect(last == "0101210000")
        #expect(try IngestCanonicalTypeTests.texts(file, "origin").last == "0010")
    }

    @Test func missingCanonicalColumnsAreNamedWithTheMapThatAddsThem() throws {
        let text = "Country of Origin,Exporting Country,HTS Number,Customs Value ($),Notes\nCN,MX,8703,1.00,x\n"
        let (result, _, directory) = try IngestTests.ingest(Array(text.utf8))
        let output = directory + "/out.parquet"
        #expect(
            result.warnings == [
                "\(output): no origin column (country of origin), which roo summarize needs; ingest again with --map "
                    + "origin='Country of Origin'",
                "\(output): no partner column (country of export), which roo summarize needs; ingest again with --map "
                    + "partner='Exporting Country'",
                "\(output): no hs_code column (HS / HTS tariff code), which roo summarize needs; ingest again with "
                    + "--map hs_code='HTS Number'",
                "\(output): no customs_value column (customs value, USD), which roo summarize needs; ingest again with "
                    + "--map customs_value='Customs Value ($)'",
                "\(output): no duty column (calculated duty, USD), which roo summarize needs unless given "
                    + "--duty-free-programs or --duty-free-by rate-provision; ingest again with --map duty=COLUMN",
            ])
        let (mapped, _, _) = try IngestTests.ingest(Array(text.utf8)) { options in
            for assignment in [
                "origin=Country of Origin", "partner=Exporting Country", "hs_code=HTS Number",
                "customs_value=Customs Value ($)",
            ] {
                try? options.mapping.parse(assignment)
            }
        }
        #expect(mapped.warnings.count == 1)
        #expect(mapped.columnTypes["customs_value"] == .decimal(scale: 2))
    }
}
