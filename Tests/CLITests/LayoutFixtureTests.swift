import Testing
import TestSupport

/// Real extract layouts (`Fixtures/layouts`, made by
/// `scripts/fixtures/make_layouts.py`): `summarize --layout` on the extract,
/// and `ingest --layout` then `summarize` on the Parquet file, both equal the
/// DuckDB oracle's tables over an equivalent canonical CSV, byte for byte.
struct LayoutFixtureTests {
    static let root = FixturePaths.fixtures + "/layouts"
    static let tables = [
        "by_chapter.csv", "by_origin.csv", "by_partner.csv", "detail.csv", "through_bloc.csv", "totals.csv",
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var layout: String
        var file: String
        var testDescription: String { "\(layout): \(file)" }
    }

    static let cases = [
        Case(layout: "census-imdb", file: "IMP_DETL.TXT"),
        Case(layout: "census-imdb", file: "IMDB2401.ZIP"),
        Case(layout: "ace-lines", file: "ace_lines.csv"),
        Case(layout: "pedimento-551", file: "items_551.asc"),
        Case(layout: "census-api", file: "imports_hs.json"),
    ]

    static func expectTables(_ directory: String, equal expected: String, _ context: String) {
        #expect(FixturePaths.list(directory) == tables, "\(context)")
        for table in tables {
            let got = FixturePaths.read(directory + "/" + table)
            let want = FixturePaths.read(expected + "/" + table)
            #expect(got != nil && got == want, "\(context): \(table) differs from the oracle")
        }
    }

    @Test(arguments: cases) func summarizeTheExtractDirectly(_ item: Case) throws {
        let input = "\(LayoutFixtureTests.root)/\(item.layout)/\(item.file)"
        let expected = "\(LayoutFixtureTests.root)/\(item.layout)/expected"
        var first: [UInt8]?
        for (strategy, threads) in [("serial", "1"), ("concurrent-perform", "3")] {
            let out = FixturePaths.temporaryDirectory() + "/tables"
            let run = try CLITests.roo([
                "summarize", input, "--layout", item.layout, "--output", out + "/",
                "--strategy", strategy, "--threads", threads,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("roo: note: \(input): "), "skipped records are reported: \(run.stderr)")
            LayoutFixtureTests.expectTables(out, equal: expected, "\(item.testDescription) \(strategy)×\(threads)")
            let detail = FixturePaths.read(out + "/detail.csv")
            if let first { #expect(detail == first) } else { first = detail }
        }
    }

    @Test(arguments: cases) func ingestThenSummarize(_ item: Case) throws {
        let input = "\(LayoutFixtureTests.root)/\(item.layout)/\(item.file)"
        let expected = "\(LayoutFixtureTests.root)/\(item.layout)/expected"
        let directory = FixturePaths.temporaryDirectory()
        let ingest = try CLITests.roo([
            "ingest", input, "--layout", item.layout, "--output", directory + "/x.parquet",
            "--rejects", directory + "/rejects.tsv", "--row-group-rows", "100",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let counts = String(decoding: FixturePaths.read(expected + "/ingest.txt") ?? [], as: UTF8.self)
            .trimmingSuffix("\n")
        #expect(ingest.stderr.hasPrefix("roo: ingest: " + counts), "\(ingest.stderr) vs \(counts)")
        // The malformed records are the rejects, each with its line number and reason.
        let rejects = String(decoding: FixturePaths.read(directory + "/rejects.tsv") ?? [], as: UTF8.self)
        let rejected = rejects.split(separator: "\n").dropFirst()
        #expect(
            !rejected.isEmpty && rejected.allSatisfy { $0.contains("\tmalformed: ") || $0.contains("\texpected ") },
            "\(rejects)")
        // No --country-codes, --duty-free-by or --duty-free-programs: the file's metadata carries the layout's.
        let summarize = try CLITests.roo(["summarize", directory + "/x.parquet", "--output", directory + "/tables/"])
        #expect(summarize.status == 0, "\(summarize.stderr)")
        LayoutFixtureTests.expectTables(directory + "/tables", equal: expected, "\(item.testDescription) ingested")
    }

    @Test func aceFiltersByEntryMonth() throws {
        let out = FixturePaths.temporaryDirectory() + "/q2"
        let run = try CLITests.roo([
            "summarize", "\(LayoutFixtureTests.root)/ace-lines/ace_lines.csv", "--layout", "ace-lines",
            "--from", "202404", "--to", "202406", "--output", out + "/", "--quiet",
        ])
        // --quiet silences progress, not the note about skipped records.
        #expect(
            run.status == 0 && run.stderr.hasPrefix("roo: note: ")
                && run.stderr.contains("2 malformed records skipped"), "\(run.stderr)")
        LayoutFixtureTests.expectTables(out, equal: "\(LayoutFixtureTests.root)/ace-lines/expected-q2", "ace Q2")
    }

    @Test func layoutAndCodeErrorsAreUsageErrors() throws {
        let census = "\(LayoutFixtureTests.root)/census-imdb/IMP_DETL.TXT"
        #expect(try CLITests.roo(["summarize", census, "--layout", "nope"]).status == 64)
        #expect(
            try CLITests.roo(["summarize", census, "--layout", "census-imdb", "--country-codes", "iso4"]).status == 64)
        // A pedimento file read as an ACE extract lacks the ACE fields: one line naming what was looked for.
        let wrong = try CLITests.roo([
            "summarize", "\(LayoutFixtureTests.root)/pedimento-551/items_551.asc", "--layout", "ace-lines",
        ])
        #expect(wrong.status == 64)
        #expect(
            wrong.stderr.contains("layout ace-lines needs a field for origin (one of: Country of Origin"),
            "\(wrong.stderr)")
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        // A ZIP without the layout's member.
        let zip = try CLITests.roo([
            "summarize", "\(LayoutFixtureTests.root)/census-imdb/IMDB2401.ZIP", "--layout", "pedimento-551",
        ])
        #expect(zip.status == 65 && zip.stderr.contains("holds 2 files; expected exactly one"), "\(zip.stderr)")
    }

    @Test func aceExtractWithTheSPIOnlyAsAnHTSPrefix() throws {
        // No SPI column and no date: the program comes from the HTS prefix; period is optional.
        let csv = """
            Country of Origin,Country of Export,HTS Number,Entered Value,Duty
            CN,MX,S 8708.29.5160,"$1,000",0.00
            CN,MX,S+ 8703.23.0190,500,0
            MX,MX,8703.23.0190,700,0
            DE,DE,A 3004.90.9290,300,12.50

            """
        let path = FixturePaths.temporaryDirectory() + "/ace.csv"
        #expect(FixturePaths.write(Array(csv.utf8), to: path))
        let run = try CLITests.roo(["summarize", path, "--layout", "ace-lines", "--table", "detail", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // CN via MX, chapter 87: two lines, 1500.00 duty-free, all preference-claimed (S and S+), all non-regional.
        #expect(
            lines.contains(
                "CN,China,87,Vehicles (non-rail) & parts,MX,Mexico,2,1500.00,0.00,2,1500.00,1500.00,1500.00,1.000000,"
                    + "1.000000,0.000000"),
            "\(run.stdout)")
        #expect(
            lines.contains { $0.hasPrefix("DE,Germany,30,") && $0.contains(",1,300.00,12.50,0,0.00,0.00,0.00,") },
            "\(run.stdout)")
    }

    @Test func aDamagedZipIsABadDataErrorNeverTables() throws {
        var bytes = try #require(FixturePaths.read("\(LayoutFixtureTests.root)/census-imdb/IMDB2401.ZIP"))
        bytes[bytes.count * 6 / 10] ^= 0x10  // inside IMP_DETL.TXT's deflated data
        let path = FixturePaths.temporaryDirectory() + "/damaged.zip"
        #expect(FixturePaths.write(bytes, to: path))
        let run = try CLITests.roo(["summarize", path, "--layout", "census-imdb", "--quiet"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stdout.isEmpty && run.stderr.hasPrefix("roo: error: \(path) (IMP_DETL.TXT): ZIP: "), "\(run.stderr)")
    }

    /// A one-entry stored ZIP (`IMP_DETL.TXT` holding `text`) whose central
    /// directory fields can be replaced, for hostile-archive tests.
    static func zip(
        _ text: String, centralOffset: UInt32? = nil, localOffset: UInt32 = 0, zip64Offset: UInt64? = nil,
        entryCount: UInt16 = 1
    ) -> [UInt8] {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
        func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xffff)) + le16(UInt16(value >> 16)) }
        func le64(_ value: UInt64) -> [UInt8] { le32(UInt32(value & 0xffff_ffff)) + le32(UInt32(value >> 32)) }
        let name = Array("IMP_DETL.TXT".utf8)
        let data = Array(text.utf8)
        var crc: UInt32 = 0xffff_ffff  // CRC-32 (IEEE), bit by bit
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        crc ^= 0xffff_ffff
        let local =
            le32(0x0403_4b50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc) + le32(UInt32(data.count))
            + le32(UInt32(data.count)) + le16(UInt16(name.count)) + le16(0) + name + data
        let extra = zip64Offset.map { le16(1) + le16(8) + le64($0) } ?? []
        let central =
            le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(crc) + le32(UInt32(data.count))
            + le32(UInt32(data.count)) + le16(UInt16(name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0)
            + le16(0)
            + le32(0) + le32(zip64Offset == nil ? localOffset : 0xffff_ffff) + name + extra
        let end =
            le32(0x0605_4b50) + le16(0) + le16(0) + le16(entryCount) + le16(entryCount) + le32(UInt32(central.count))
            + le32(centralOffset ?? UInt32(local.count)) + le16(0)
        return local + central + end
    }

    @Test func hostileZipArchivesGiveOneErrorLine() throws {
        let directory = FixturePaths.temporaryDirectory()
        let record = String(repeating: " ", count: 688)
        let cases: [(String, [UInt8])] = [
            ("zip64 offset past the file", LayoutFixtureTests.zip(record, zip64Offset: 0x8000_0000_0000_0000)),
            ("directory past the end", LayoutFixtureTests.zip(record, centralOffset: 0xfff0_0000)),
            ("local header past the end", LayoutFixtureTests.zip(record, localOffset: 0x7fff_0000)),
            ("entry count beyond the directory", LayoutFixtureTests.zip(record, entryCount: 0xfffe)),
            ("no end record", Array(LayoutFixtureTests.zip(record).dropLast(22))),
        ]
        for (name, bytes) in cases {
            let path = "\(directory)/\(name.replacing(" ", with: "-")).zip"
            #expect(FixturePaths.write(bytes, to: path))
            let run = try CLITests.roo(["summarize", path, "--layout", "census-imdb", "--quiet"])
            #expect(run.status == 65, "\(name): \(run.status) \(run.stderr)")
            #expect(
                run.stderr.hasPrefix("roo: error: \(path)") && run.stderr.contains("ZIP: ")
                    && run.stderr.split(separator: "\n").count == 1, "\(name): \(run.stderr)")
        }
        // The well-formed archive itself reads (one blank record: every key missing).
        let good = "\(directory)/good.zip"
        #expect(FixturePaths.write(LayoutFixtureTests.zip(record + "\r\n"), to: good))
        let run = try CLITests.roo([
            "summarize", good, "--layout", "census-imdb", "--table", "totals", "--quiet", "--allow-empty",
        ])
        #expect(run.status == 0 && run.stdout.contains("\n1,1,0,1,1,"), "\(run.stderr) \(run.stdout)")
    }

    @Test func explicitCountryCodesOverrideTheLayout() throws {
        // Read as alpha-2, Schedule C codes stay as they are: no conversion, no unmapped column.
        let run = try CLITests.roo([
            "summarize", "\(LayoutFixtureTests.root)/census-imdb/IMP_DETL.TXT", "--layout", "census-imdb",
            "--country-codes", "iso2", "--table", "by_origin", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\n5700,,") && !run.stdout.contains("\nCN,China,"))
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
