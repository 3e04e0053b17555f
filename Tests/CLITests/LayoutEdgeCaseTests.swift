import Testing
import TestSupport

/// Layout inputs that once went wrong: other delimiters, bytes that look like
/// quotes, broken fixed-width records, mixed code systems, conflicting
/// defaults, and files in the wrong layout.
struct LayoutEdgeCaseTests {
    static let root = FixturePaths.fixtures + "/layouts"

    static func text(_ path: String) -> String { String(decoding: FixturePaths.read(path) ?? [], as: UTF8.self) }

    @Test func aceExtractSavedWithTabsReadsTheSame() throws {
        let directory = FixturePaths.temporaryDirectory()
        // Same records, tab-separated: no field of the fixture holds a tab; quoted "$1,234" loses its quotes.
        var tsv = LayoutEdgeCaseTests.text("\(LayoutEdgeCaseTests.root)/ace-lines/ace_lines.csv")
        var out = ""
        var inQuotes = false
        for character in tsv {
            if character == "\"" { inQuotes.toggle(); continue }
            out.append(character == "," && !inQuotes ? "\t" : character)
        }
        tsv = out
        #expect(FixturePaths.write(Array(tsv.utf8), to: directory + "/ace.tsv"))
        let run = try CLITests.roo([
            "summarize", directory + "/ace.tsv", "--layout", "ace-lines", "--output", directory + "/tables/",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        LayoutFixtureTests.expectTables(
            directory + "/tables", equal: "\(LayoutEdgeCaseTests.root)/ace-lines/expected", "ace as TSV")
    }

    @Test func pedimentoBytesThatLookLikeQuotesAreData() throws {
        let directory = FixturePaths.temporaryDirectory()
        // A NUL and a quote at the start of a description: no quoting in pedimento files.
        let original = LayoutEdgeCaseTests.text("\(LayoutEdgeCaseTests.root)/pedimento-551/items_551.asc")
        let damaged = original.replacing(
            "|PARTES PARA VEHICULOS|", with: "|\u{0}PARTES \"PARA\" VEHICULOS|", maxReplacements: 3)
        #expect(damaged != original)
        #expect(FixturePaths.write(Array(damaged.utf8), to: directory + "/items.asc"))
        let run = try CLITests.roo([
            "summarize", directory + "/items.asc", "--layout", "pedimento-551", "--output", directory + "/tables/",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        LayoutFixtureTests.expectTables(
            directory + "/tables", equal: "\(LayoutEdgeCaseTests.root)/pedimento-551/expected", "pedimento")
    }

    @Test func aLineFeedInsideAFixedWidthRecordMakesTwoMalformedLines() throws {
        let directory = FixturePaths.temporaryDirectory()
        let lines = LayoutEdgeCaseTests.text("\(LayoutEdgeCaseTests.root)/census-imdb/IMP_DETL.TXT").split(
            separator: "\r\n"
        ).map(String.init)
        var broken = lines[0...3].joined(separator: "\r\n") + "\r\n"
        let record = Array(lines[4].utf8)
        broken +=
            String(decoding: record[0..<80], as: UTF8.self) + "\n" + String(decoding: record[81...], as: UTF8.self)
            + "\r\n"
        broken += lines[5] + "\r\n"
        #expect(FixturePaths.write(Array(broken.utf8), to: directory + "/imp.txt"))
        let ingest = try CLITests.roo([
            "ingest", directory + "/imp.txt", "--layout", "census-imdb", "--output", directory + "/x.parquet",
            "--rejects", directory + "/rejects.tsv",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(
            ingest.stderr.hasPrefix("roo: ingest: 7 lines in = 5 rows written + 2 rows rejected"), "\(ingest.stderr)")
        let rejects = LayoutEdgeCaseTests.text(directory + "/rejects.tsv")
        #expect(
            rejects.contains("\n5\tmalformed: record of 80 bytes")
                && rejects.contains("\n6\tmalformed: record of 607 bytes"), "\(rejects)")
    }

    @Test func unmappedCountsDoNotDependOnLineOrder() throws {
        let directory = FixturePaths.temporaryDirectory()
        let header = "origin,partner,hs_code,customs_value,duty\n"
        // "MX" is no Schedule C code (kept, unmapped); "2010" is Mexico: both end up as MX.
        let orders = [
            "MX,MX,8703,1,0\n2010,2010,8703,1,0\n2010,2010,8703,1,0\n",
            "2010,2010,8703,1,0\n2010,2010,8703,1,0\nMX,MX,8703,1,0\n",
        ]
        for (index, body) in orders.enumerated() {
            let path = "\(directory)/order-\(index).csv"
            #expect(FixturePaths.write(Array((header + body).utf8), to: path))
            for threads in ["1", "2"] {
                let run = try CLITests.roo([
                    "summarize", path, "--country-codes", "census", "--table", "totals", "--threads", threads,
                ])
                #expect(run.status == 0, "\(run.stderr)")
                // aggregated 3, unmapped 1, odd HS 0
                #expect(run.stdout.contains(",3,1,0,3,"), "order \(index), \(threads) threads: \(run.stdout)")
            }
        }
    }

    @Test func theCommandLineSettlesInputsThatDisagree() throws {
        let directory = FixturePaths.temporaryDirectory()
        let census = "\(LayoutEdgeCaseTests.root)/census-imdb/IMP_DETL.TXT"
        let pedimento = "\(LayoutEdgeCaseTests.root)/pedimento-551/items_551.asc"
        #expect(
            try CLITests.roo(["ingest", census, "--layout", "census-imdb", "--output", directory + "/c.parquet"]).status
                == 0)
        #expect(
            try CLITests.roo(["ingest", pedimento, "--layout", "pedimento-551", "--output", directory + "/p.parquet"])
                .status == 0)
        let conflict = try CLITests.roo(["summarize", directory + "/c.parquet", directory + "/p.parquet"])
        #expect(
            conflict.status == 64 && conflict.stderr.contains("inputs disagree on --country-codes"),
            "\(conflict.stderr)")
        let settled = try CLITests.roo([
            "summarize", directory + "/c.parquet", directory + "/p.parquet", "--country-codes", "iso2",
            "--duty-free-by", "duty", "--duty-free-programs", "IN", "--table", "totals",
        ])
        #expect(settled.status == 0, "\(settled.stderr)")
    }

    @Test func aFileInTheWrongLayoutIsAnError() throws {
        // Census records read as pedimento: the header has none of the fields (usage);
        // a pedimento file read as census: every line has the wrong length (bad data).
        let wrong = try CLITests.roo([
            "summarize", "\(LayoutEdgeCaseTests.root)/pedimento-551/items_551.asc", "--layout", "census-imdb",
        ])
        #expect(wrong.status == 65, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("no record fits layout census-imdb"), "\(wrong.stderr)")
    }
}
