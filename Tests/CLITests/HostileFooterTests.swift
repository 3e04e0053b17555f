import Foundation
@testable import Parquet
import Testing
import TestSupport

/// Files whose footer or page headers lie about counts, types and scales:
/// every one is exit 65 with one `roo: error:` line, before anything large
/// is allocated, and never a trap, an abort or a silently different table.
@Suite(.serialized) struct HostileFooterTests {
    /// A small generated file (2 row groups of 200 rows), written once.
    static let base: String = {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/base.parquet"
        _ = try? CLITests.roo(["generate", "--rows", "400", "--seed", "5", "--row-group-rows", "200", "--output", path])
        return path
    }()

    /// `base` with its footer rewritten by `change`.
    static func rewritingFooter(_ name: String, _ change: (inout FileMetaData) -> Void) throws -> String {
        let file = try ParquetFile(path: base)
        var metadata = file.metadata
        change(&metadata)
        return try rewritingFooter(name, from: base, metadata: metadata)
    }

    /// The file at `source` with its footer replaced by `metadata`.
    static func rewritingFooter(_ name: String, from source: String, metadata: FileMetaData) throws -> String {
        let file = try ParquetFile(path: source)
        var encoder = ThriftCompactEncoder()
        encoder.fileMetaData(metadata, columnOrderCount: file.schema.columns.count)
        let footer = encoder.bytes
        let length = UInt32(footer.count)
        let bytes =
            Array(file.mapping.bytes[0..<file.footerOffset]) + footer
            + [UInt8(length & 0xff), UInt8((length >> 8) & 0xff), UInt8((length >> 16) & 0xff), UInt8(length >> 24)]
            + Array("PAR1".utf8)
        let path = FixturePaths.temporaryDirectory() + "/" + name
        #expect(FixturePaths.write(bytes, to: path))
        return path
    }

    /// `base` with the byte at `offset` replaced.
    static func patching(_ name: String, offset: Int, byte: UInt8) throws -> String {
        var bytes = try #require(FixturePaths.read(base))
        bytes[offset] = byte
        let path = FixturePaths.temporaryDirectory() + "/" + name
        #expect(FixturePaths.write(bytes, to: path))
        return path
    }

    /// Runs summarize (and cat) under a 1 GB address-space limit (roo needs under 400 MB for the sample): a file
    /// that makes roo allocate gigabytes fails the limit instead of passing.
    static func expectOneErrorLine(
        _ path: String, containing phrase: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for command in ["summarize", "cat"] {
            let run = try OutputSafetyTests.bash(
                "ulimit -v 1000000; \"$ROO\" \(command) '\(path)' > /dev/null", in: "/tmp")
            #expect(run.status == 65, "\(command): \(run.stderr)", sourceLocation: sourceLocation)
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(
                lines.count == 1 && lines[0].hasPrefix("roo: error: ") && lines[0].contains(phrase),
                "\(command): \(run.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [Int64(1) << 62, 10_000_000_000, Int64(1) << 28, 201, -1])
    func rowCountsThatLieAreRefused(_ rows: Int64) throws {
        let path = try HostileFooterTests.rewritingFooter("rows-\(rows).parquet") { metadata in
            metadata.rowGroups[0].numRows = rows
            metadata.numRows = rows + 200
        }
        try HostileFooterTests.expectOneErrorLine(path, containing: rows < 0 ? "negative row count" : "row group 0")
    }

    @Test(arguments: [Int64(1) << 28, 10_000_000_000])
    func valueCountsThatLieAreRefusedBeforeAllocating(_ values: Int64) throws {
        // Row group and every chunk agree on the count; only the pages' bytes show it is a lie.
        let path = try HostileFooterTests.rewritingFooter("values-\(values).parquet") { metadata in
            metadata.rowGroups[0].numRows = values
            for index in metadata.rowGroups[0].columns.indices {
                metadata.rowGroups[0].columns[index].metaData?.numValues = values
            }
            metadata.numRows = values + 200
        }
        try HostileFooterTests.expectOneErrorLine(path, containing: "row group 0")
    }

    @Test(arguments: [(Int32(5), Int32(2)), (Int32(-1), Int32(18)), (Int32(2), Int32(0)), (Int32(2), Int32(40))])
    func decimalScaleOutsideItsPrecisionIsRefused(_ scale: Int32, _ precision: Int32) throws {
        let path = try HostileFooterTests.rewritingFooter("scale-\(scale)-\(precision).parquet") { metadata in
            guard let index = metadata.schema.firstIndex(where: { $0.name == "customs_value" }) else { return }
            metadata.schema[index].scale = scale
            metadata.schema[index].precision = precision
            metadata.schema[index].logicalType = .decimal(scale: scale, precision: precision)
        }
        try HostileFooterTests.expectOneErrorLine(path, containing: "customs_value")
    }

    @Test func aDataPageReadAsAnIndexPageIsRefused() throws {
        let file = try ParquetFile(path: HostileFooterTests.base)
        let column = try #require(file.schema.columns.firstIndex { $0.name == "customs_value" })
        let meta = try #require(file.metadata.rowGroups[0].columns[column].metaData)
        let offset = Int(meta.dataPageOffset)
        // PageHeader field 1 (type, i32): header byte 0x15, then zigzag(type); DATA_PAGE = 0 becomes INDEX_PAGE = 1.
        #expect(file.mapping.bytes[offset] == 0x15 && file.mapping.bytes[offset + 1] == 0x00)
        let index = try HostileFooterTests.patching("index-page.parquet", offset: offset + 1, byte: 0x02)
        try HostileFooterTests.expectOneErrorLine(index, containing: "INDEX_PAGE")
        let unknown = try HostileFooterTests.patching("unknown-page.parquet", offset: offset + 1, byte: 0x0e)
        try HostileFooterTests.expectOneErrorLine(unknown, containing: "page type 7")
        // A dictionary page after the data pages is misplaced.
        let dictionary = try HostileFooterTests.patching("late-dictionary.parquet", offset: offset + 1, byte: 0x04)
        try HostileFooterTests.expectOneErrorLine(dictionary, containing: "DICTIONARY_PAGE")
    }
}
