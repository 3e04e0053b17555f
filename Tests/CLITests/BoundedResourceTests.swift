import Foundation
@testable import Parquet
import Testing
import TestSupport

/// Arguments and files that would need unbounded memory get a clear usage
/// error or stay within a bounded footprint.
@Suite(.serialized) struct BoundedResourceTests {
    /// A file with `columns` INT64 columns of `rows` rows each, written by roo's writer.
    static func wideFile(columns: Int, rows: Int) throws -> String {
        let path = FixturePaths.temporaryDirectory() + "/wide-\(columns)x\(rows).parquet"
        let writerColumns = (0..<columns).map { WriterColumn(name: "c\($0)", physicalType: .int64, isOptional: false) }
        var options = WriterOptions()
        options.codec = .snappy
        let writer = try ParquetWriter(path: path, columns: writerColumns, options: options)
        try writer.write((0..<columns).map { column in ColumnData(.int64((0..<rows).map { Int64($0 + column) })) })
        try writer.close()
        return path
    }

    /// A directory of more text files than the process may hold open: each
    /// is closed when its last chunk has been read, so the run needs one at a
    /// time (with every input in one plan, finished readers were kept until
    /// the end of the run: "Too many open files" past the limit).
    @Test func manyTextFilesNeedOneOpenFileAtATime() throws {
        let directory = FixturePaths.temporaryDirectory() + "/many"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for index in 0..<300 {
            let line = "origin,partner,hs_code,customs_value,duty\nCN,MX,8703,1.00,0\n"
            #expect(FixturePaths.write(Array(line.utf8), to: directory + "/f\(index).csv"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -n 64 && exec \"$0\" summarize \"$1\" --table totals", FixturePaths.rooBinary(), directory,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stdout.split(separator: "\n").last?.hasPrefix("300,300,0,0,") == true, "\(stdout)")
    }

    @Test func hugeGenerateArgumentsAreUsageErrors() throws {
        for arguments in [
            ["--rows", "9223372036854775807"], ["--rows", "1000000000001"],
            ["--rows", "10", "--row-group-rows", "9223372036854775807"],
        ] {
            let output = FixturePaths.temporaryDirectory() + "/g.parquet"
            let run = try CLITests.roo(["generate"] + arguments + ["--output", output])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("must be within"), "\(run.stderr)")
            #expect(!FixturePaths.exists(output))
        }
        let ingest = try CLITests.roo([
            "ingest", "x.csv", "--output", "/tmp/x.parquet", "--row-group-rows", "4611686018427387904",
        ])
        #expect(ingest.status == 64 && ingest.stderr.contains("must be within"), "\(ingest.stderr)")
    }

    @Test func catOfAHundredThousandColumnsStaysSmall() throws {
        let path = try BoundedResourceTests.wideFile(columns: 100_000, rows: 2)
        // Under a 1 GB address-space limit (3 GB of buffers were held before).
        let run = try OutputSafetyTests.bash(
            "set -o pipefail; ulimit -v 1000000; \"$ROO\" cat '\(path)' --limit 1 | tail -c 30", in: "/tmp")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(", \"c99999\": 99999}\n"), "\(run.stdout)")
        let inspect = try OutputSafetyTests.bash(
            "ulimit -v 1000000; \"$ROO\" inspect '\(path)' --format json | head -c 10", in: "/tmp")
        #expect(inspect.status == 0, "\(inspect.stderr)")
    }

    /// A valid file with one required INT64 column of `rows` equal values:
    /// a one-entry dictionary and a single data page holding one RLE run,
    /// so a few hundred bytes stand for `rows` × 8 decoded bytes.
    static func tallFile(rows: Int32) throws -> String {
        var bytes = Array("PAR1".utf8)
        func page(_ header: PageHeader, body: [UInt8]) {
            var encoder = ThriftCompactEncoder()
            encoder.pageHeader(header)
            bytes += encoder.bytes + body
        }
        let dictionaryOffset = bytes.count
        var dictionary = PageHeader()
        dictionary.type = .dictionaryPage
        dictionary.uncompressedPageSize = 8
        dictionary.compressedPageSize = 8
        dictionary.dictionaryPage = DictionaryPageHeader(numValues: 1, encoding: .plain, isSorted: nil)
        page(dictionary, body: [7, 0, 0, 0, 0, 0, 0, 0])
        let dataOffset = bytes.count
        var run = UInt64(rows) << 1  // RLE run header: count << 1
        var body: [UInt8] = [1]  // bit width of the indices
        while run >= 0x80 { body.append(UInt8(run & 0x7f) | 0x80); run >>= 7 }
        body += [UInt8(run), 0]  // the run's index: entry 0
        var data = PageHeader()
        data.type = .dataPage
        data.uncompressedPageSize = Int32(body.count)
        data.compressedPageSize = Int32(body.count)
        data.dataPage = DataPageHeader(
            numValues: rows, encoding: .rleDictionary, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        page(data, body: body)
        var meta = ColumnMetaData()
        meta.typeId = PhysicalType.int64.rawValue
        meta.encodings = [.plain, .rleDictionary]
        meta.pathInSchema = ["c0"]
        meta.numValues = Int64(rows)
        meta.totalCompressedSize = Int64(bytes.count - dictionaryOffset)
        meta.totalUncompressedSize = meta.totalCompressedSize
        meta.dataPageOffset = Int64(dataOffset)
        meta.dictionaryPageOffset = Int64(dictionaryOffset)
        var group = RowGroup()
        group.numRows = Int64(rows)
        group.columns = [ColumnChunk(filePath: nil, fileOffset: Int64(dictionaryOffset), metaData: meta)]
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = 1
        let column = WriterColumn(name: "c0", physicalType: .int64, isOptional: false).schemaElement()
        var metadata = FileMetaData()
        metadata.version = 2
        metadata.schema = [root, column]
        metadata.numRows = Int64(rows)
        metadata.rowGroups = [group]
        var encoder = ThriftCompactEncoder()
        encoder.fileMetaData(metadata, columnOrderCount: 1)
        let length = UInt32(encoder.bytes.count)
        bytes +=
            encoder.bytes + [
                UInt8(length & 0xff), UInt8((length >> 8) & 0xff), UInt8((length >> 16) & 0xff), UInt8(length >> 24),
            ] + Array("PAR1".utf8)
        let path = FixturePaths.temporaryDirectory() + "/tall-\(rows).parquet"
        #expect(FixturePaths.write(bytes, to: path))
        return path
    }

    @Test func catRefusesARowGroupTooLargeToHold() throws {
        // 2^28 rows in one page: 2.25 GiB decoded, refused before any page is decoded.
        let tall = try BoundedResourceTests.tallFile(rows: 1 << 28)
        let run = try OutputSafetyTests.bash("ulimit -v 1000000; \"$ROO\" cat '\(tall)'", in: "/tmp")
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr.contains("row group 0 would decode to about 2304 MiB (268435456 rows × 1 column;")
                && run.stderr.contains("--limit"), "\(run.stderr)")
        // --limit needs only the first page, which holds every row: still refused.
        #expect(try CLITests.roo(["cat", tall, "--limit", "2"]).status == 64)
        // A smaller one decodes, and summarize reads the valid file.
        let small = try BoundedResourceTests.tallFile(rows: 1 << 20)
        let cat = try CLITests.roo(["cat", small, "--limit", "2", "--format", "csv"])
        #expect(cat.status == 0 && cat.stdout == "c0\n7\n7\n", "\(cat.stdout) \(cat.stderr)")
        let few = try CLITests.roo([
            "cat", try BoundedResourceTests.wideFile(columns: 200, rows: 3), "--columns", "c0,c199", "--limit", "2",
            "--format", "csv",
        ])
        #expect(few.status == 0 && few.stdout == "c0,c199\n0,199\n1,200\n", "\(few.stdout) \(few.stderr)")
    }
}
