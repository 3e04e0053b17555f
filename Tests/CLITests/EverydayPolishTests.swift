import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// Everyday polish: a progress line for every input and for ingest and
/// bench, one `roo: error:` prefix for argument errors, did-you-mean for a
/// mistyped command, inspect/cat saying what a non-Parquet file is, and
/// counts that read naturally.
struct EverydayPolishTests {
    /// A directory holding `x.csv`, 300,000 generated lines (about 14 MB:
    /// several 4 MiB chunks, so a progress line has steps between 0 and 100%).
    static let largeCSV: String = {
        let directory = FixturePaths.temporaryDirectory()
        _ = try? CLITests.roo(["generate", "--rows", "300000", "--seed", "16", "--output", directory + "/x.csv"])
        return directory
    }()

    /// The percents drawn on a terminal (`\r42.0% | …` lines).
    static func percents(_ shown: String) -> [Double] {
        shown.split(separator: "\r").compactMap { line in
            guard let end = line.firstIndex(of: "%") else { return nil }
            return Double(line[..<end])
        }
    }

    /// Runs `roo ARGUMENTS` under a pseudo-terminal, stdout to /dev/null.
    static func onTerminal(_ arguments: String) throws -> (shown: String, status: Int32) {
        try CLITests.onTerminal("\(FixturePaths.rooBinary()) \(arguments) > /dev/null")
    }

    // MARK: Progress

    @Test func progressAdvancesWhileACSVIsRead() throws {
        let csv = EverydayPolishTests.largeCSV + "/x.csv"
        let (shown, status) = try EverydayPolishTests.onTerminal("summarize \(csv) --threads 1 --table totals")
        #expect(status == 0, "\(shown)")
        let percents = EverydayPolishTests.percents(shown)
        #expect(percents.contains { $0 >= 1 && $0 <= 99 }, "no step between 0 and 100%: \(shown)")
        #expect(percents.last == 100 && shown.contains("done in"), "\(shown)")
        #expect(percents == percents.sorted(), "the line went back: \(percents)")
    }

    @Test func aStreamOfUnknownSizeShowsLinesWithoutAPercent() throws {
        let csv = EverydayPolishTests.largeCSV + "/x.csv"
        let run = try OutputSafetyTests.bash(
            "\"$ROO\" summarize - --progress --table totals < \(csv) > /dev/null", in: EverydayPolishTests.largeCSV)
        #expect(run.status == 0, "\(run.stderr)")
        let last = try #require(run.stderr.split(separator: "\r").last)
        #expect(last.hasPrefix("0.3 M lines | ") && last.contains("MB/s | done in"), "\(run.stderr)")
        #expect(!run.stderr.contains("%"), "\(run.stderr)")
    }

    @Test func ingestShowsTheInputBytesRead() throws {
        let directory = EverydayPolishTests.largeCSV
        let (shown, status) = try EverydayPolishTests.onTerminal(
            "ingest \(directory)/x.csv --output \(directory)/ingested.parquet --threads 1")
        #expect(status == 0, "\(shown)")
        let percents = EverydayPolishTests.percents(shown)
        #expect(percents.contains { $0 >= 1 && $0 <= 99 }, "no step between 0 and 100%: \(shown)")
        #expect(percents.last == 100 && shown.contains("M lines/s") && shown.contains("done in"), "\(shown)")
        // The summary follows the finished line.
        #expect(
            shown.contains("done in")
                && shown.hasSuffix("roo: ingest: 300000 lines in = 300000 rows written + 0 rows rejected\r\n"),
            "\(shown)")

        let piped = try CLITests.roo(["ingest", directory + "/x.csv", "--output", directory + "/piped.parquet"])
        #expect(
            piped.status == 0
                && piped.stderr == "roo: ingest: 300000 lines in = 300000 rows written + 0 rows rejected\n",
            "\(piped.stderr)")
        let quiet = try EverydayPolishTests.onTerminal(
            "ingest \(directory)/x.csv --output \(directory)/quiet.parquet --quiet")
        #expect(quiet.status == 0 && !quiet.shown.contains("%"), "\(quiet.shown)")
    }

    @Test func benchShowsTheRunsDoneOfTheRunsPlanned() throws {
        let (shown, status) = try EverydayPolishTests.onTerminal(
            "bench \(CLITests.fixture) --strategies serial --threads 1 --repeat 2")
        #expect(status == 0, "\(shown)")
        #expect(shown.contains("\r100.0% | 3 of 3 runs | done in"), "\(shown)")
        #expect(shown.contains(" of 3 runs | ETA "), "\(shown)")
        let piped = try CLITests.roo([
            "bench", CLITests.fixture, "--strategies", "serial", "--threads", "1", "--repeat", "1",
        ])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        let forced = try CLITests.roo([
            "bench", CLITests.fixture, "--strategies", "serial", "--threads", "1", "--repeat", "1", "--progress",
        ])
        #expect(
            forced.stderr.contains("\r100.0% | 2 of 2 runs | done in ") && forced.stderr.hasSuffix(" s\u{1B}[K\n"),
            "\(forced.stderr)")
    }

    @Test func notesAreWrittenAboveTheProgressLine() throws {
        let zip = FixturePaths.fixtures + "/layouts/census-imdb/IMDB2401.ZIP"
        let run = try CLITests.roo(["summarize", zip, "--layout", "census-imdb", "--progress", "--table", "totals"])
        #expect(run.status == 0, "\(run.stderr)")
        // The line is cleared, the note written whole, and the line drawn again to finish.
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("roo: note: ") }, "\(run.stderr)")
        #expect(
            lines[index].hasSuffix(
                "\r\u{1B}[Kroo: note: \(zip): 2 malformed records skipped (first at line 121: record of 687 bytes; "
                    + "census-imdb records have 688)"
            ),
            "\(run.stderr)")
        let next = index + 1 < lines.count ? lines[index + 1] : ""
        #expect(next.hasPrefix("\r") && next.contains("\r100.0% | ") && next.contains("done in"), "\(run.stderr)")
    }

    // MARK: Errors

    @Test(arguments: [
        (
            ["summarize", CLITests.fixture, "--unknown-flag-xyzzy-qwerty"],
            "roo: error: unknown option '--unknown-flag-xyzzy-qwerty'", "Usage: roo summarize"
        ),
        (["summarize"], "roo: error: missing expected argument '<inputs> ...'", "Usage: roo summarize"),
        (
            ["summarize", CLITests.fixture, "--threads", "0"], "roo: error: --threads must be at least 1",
            "Usage: roo summarize"
        ),
        (
            ["ingest", "x.csv", "--output", "x.parquet", "--threads", "0"], "roo: error: --threads must be at least 1",
            "Usage: roo ingest"
        ),
        (
            ["generate", "--rows", "10", "--output", "x.parquet", "--threads", "0"],
            "roo: error: --threads must be at least 1", "Usage: roo generate"
        ),
        (
            ["summarize", CLITests.fixture, "--layout", "nope"],
            "roo: error: --layout must be one of csv|census-imdb|ace-lines|pedimento-551|census-api|comtrade|"
                + "comtrade-consignment|baci|dataweb, got \"nope\"",
            "Usage: roo summarize"
        ),
        (
            ["generate", "--rows", "10", "--output", "x.parquet", "--compression", "lz4"],
            "roo: error: --compression must be zstd[:LEVEL], snappy or none", "Usage: roo generate"
        ),
        (
            ["bench", CLITests.fixture, "--map", "origin"],
            "roo: error: --map expects canonical=source, got \"origin\"", "Usage: roo bench"
        ),
        (
            ["ingest", "x.csv", "--output", "x.parquet", "--map", "hs_code="],
            "roo: error: --map hs_code= needs a source column name", "Usage: roo ingest"
        ),
        (
            ["generate", "--rows", "10", "--output", "x.parquet", "--compression", "zstd:"],
            "roo: error: --compression zstd:LEVEL takes a level 1...22", "Usage: roo generate"
        ),
        (
            ["ingest", "x.csv", "--output", "x.parquet", "--compression", "zstd:0"],
            "roo: error: --compression zstd:LEVEL takes a level 1...22", "Usage: roo ingest"
        ),
        (
            ["summarize", CLITests.fixture, "--threads", "many"],
            "roo: error: the value 'many' is invalid for '--threads <threads>'", "Usage: roo summarize"
        ),
        (
            ["summarize", CLITests.fixture, "--format", "pdf"],
            "roo: error: the value 'pdf' is invalid for '--format <format>'. Please provide one of the following: csv, "
                + "tsv, jsonl, md, xlsx, html, parquet",
            "Usage: roo summarize"
        ),
        (
            ["ingest", "x.csv", "--output", "x.parquet", "--layout", "bogus"],
            "roo: error: --layout must be one of csv|census-imdb|ace-lines|pedimento-551|census-api|comtrade|"
                + "comtrade-consignment|baci|dataweb, got \"bogus\"",
            "Usage: roo ingest"
        ),
        (
            ["generate", "--rows", "10", "--output"], "roo: error: missing value for '--output <output>'",
            "Usage: roo generate"
        ),
        (["cat", CLITests.fixture, "--limit=-1"], "roo: error: --limit must be 0 or more", "Usage: roo cat"),
    ])
    func argumentErrorsHaveRoosPrefixAndExit64(arguments: [String], line: String, usage: String) throws {
        let run = try CLITests.roo(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == line, "\(run.stderr)")
        #expect(
            lines.contains { $0.hasPrefix(usage) } && lines.last?.contains("--help' for more information.") == true,
            "\(run.stderr)")
        #expect(!run.stderr.contains("Error:") && run.stdout.isEmpty, "\(run.stderr)")
    }

    @Test func helpVersionAndCompletionAreUnchanged() throws {
        let version = try CLITests.roo(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n" && version.stderr.isEmpty)
        let help = try CLITests.roo(["summarize", "--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: Summarize") && help.stderr.isEmpty)
        let helpCommand = try CLITests.roo(["help", "ingest"])
        #expect(helpCommand.status == 0 && helpCommand.stdout.hasPrefix("OVERVIEW: Convert"))
        let completion = try CLITests.roo(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("_roo()") && completion.stderr.isEmpty)
        // An error of the completion request itself is an argument error too.
        let badShell = try CLITests.roo(["--generate-completion-script", "cmd"])
        #expect(badShell.status == 64 && badShell.stderr.hasPrefix("roo: error: "), "\(badShell.stderr)")
    }

    @Test(arguments: [
        (["sumarize", "x.parquet"], "roo: error: unknown command \"sumarize\"; did you mean \"summarize\"?"),
        (["merg"], "roo: error: unknown command \"merg\"; did you mean \"merge\"?"),
        (["inspcet", "x.parquet"], "roo: error: unknown command \"inspcet\"; did you mean \"inspect\"?"),
        (
            ["frobnicate"],
            "roo: error: unknown command \"frobnicate\"; the commands are summarize, mirror, merge, ingest, generate, "
                + "bench, inspect, cat"
        ),
    ])
    func aMistypedCommandGetsDidYouMean(arguments: [String], line: String) throws {
        let run = try CLITests.roo(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr == line + "\nUsage: roo <subcommand>\n  See 'roo --help' for more information.\n",
            "\(run.stderr)")
    }

    // MARK: inspect and cat of other files

    /// A directory with `x.csv` (4 columns), `x.csv.gz`, `x.zip` (holding
    /// `x.csv`) and `fixed.txt` (40-byte records).
    static func otherInputs() throws -> String {
        let directory = FixturePaths.temporaryDirectory()
        let csv = "origin,partner,hs_code,customs_value\nCN,MX,8708,100.50\nDE,DE,3004,7\n"
        FixturePaths.write(Array(csv.utf8), to: directory + "/x.csv")
        FixturePaths.write(
            Array(String(repeating: String(repeating: "7", count: 40) + "\n", count: 5).utf8),
            to: directory + "/fixed.txt")
        let gzip = try OutputSafetyTests.bash("gzip -k x.csv", in: directory)
        #expect(gzip.status == 0, "\(gzip.stderr)")
        let archive = try Archive(url: URL(fileURLWithPath: directory + "/x.zip"), accessMode: .create)
        try archive.addEntry(
            with: "x.csv", fileURL: URL(fileURLWithPath: directory + "/x.csv"), compressionMethod: .deflate)
        return directory
    }

    @Test(arguments: ["inspect", "cat"])
    func aFileThatIsNotParquetIsDescribedWithWhatToRun(command: String) throws {
        let directory = try EverydayPolishTests.otherInputs()
        let expected = [
            "x.csv": "x.csv is CSV text (delimiter ',', 4 columns), not Parquet; "
                + "summarize it with \"roo summarize x.csv\" or convert it with \"roo ingest x.csv --output "
                + "x.parquet\"",
            "x.csv.gz": "x.csv.gz is gzip-compressed CSV text (delimiter ',', 4 columns), not Parquet; "
                + "summarize it with \"roo summarize x.csv.gz\" or convert it with \"roo ingest x.csv.gz --output "
                + "x.parquet\"",
            "x.zip":
                "x.zip is a ZIP archive of x.csv, CSV text (delimiter ',', 4 columns), not Parquet; roo reads a ZIP "
                + "archive only "
                + "with --layout; unzip it: \"unzip -p x.zip | roo summarize -\" or \"unzip -p x.zip | roo ingest - "
                + "--output x.parquet\"",
            "fixed.txt":
                "fixed.txt is fixed-width text (40-byte records), not Parquet; no layout roo knows reads 40-byte "
                + "records (census-imdb: 688 bytes)",
        ]
        for (file, message) in expected.sorted(by: { $0.key < $1.key }) {
            let run = try OutputSafetyTests.bash("\"$ROO\" \(command) \(file)", in: directory)
            #expect(run.status == 65, "\(file): \(run.stderr)")
            #expect(run.stderr == "roo: error: \(message)\n", "\(file): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func aLayoutsFileIsSentToItsLayout() throws {
        let zip = FixturePaths.fixtures + "/layouts/census-imdb/IMDB2401.ZIP"
        let run = try CLITests.roo(["inspect", zip])
        #expect(run.status == 65)
        #expect(
            run.stderr == "roo: error: \(zip) is a ZIP archive of 2 files (COUNTRY.TXT, IMP_DETL.TXT), not Parquet; "
                + "summarize it with \"roo summarize \(zip) --layout census-imdb\" or convert it with "
                + "\"roo ingest \(zip) --layout census-imdb --output \(zip.dropLast(4)).parquet\"\n", "\(run.stderr)")
        let pedimento = try CLITests.roo(["cat", FixturePaths.fixtures + "/layouts/pedimento-551/items_551.asc"])
        #expect(
            pedimento.status == 65 && pedimento.stderr.contains("CSV text (delimiter '|', 30 columns), not Parquet; "),
            "\(pedimento.stderr)")
        #expect(pedimento.stderr.contains("--layout pedimento-551 --output "), "\(pedimento.stderr)")
        // Parquet still reads, from a file and from a stream.
        let stream = try OutputSafetyTests.bash(
            "\"$ROO\" inspect - < \"$FIXTURES/sample-2024.parquet\"", in: FixturePaths.temporaryDirectory())
        #expect(stream.status == 0 && stream.stdout.contains("## Row group 0: 50000 rows"), "\(stream.stderr)")
    }

    // MARK: Counts

    @Test func countsReadNaturally() throws {
        let directory = FixturePaths.temporaryDirectory()
        let csv = directory + "/one.csv"
        FixturePaths.write(
            Array("origin,partner,hs_code,customs_value,duty,program\nCN,MX,8708,100.50,0,\n".utf8), to: csv)
        let ingest = try CLITests.roo(["ingest", csv, "--output", directory + "/one.parquet"])
        #expect(ingest.status == 0)
        #expect(ingest.stderr == "roo: ingest: 1 line in = 1 row written + 0 rows rejected\n", "\(ingest.stderr)")
        let inspect = try CLITests.roo(["inspect", directory + "/one.parquet"])
        #expect(inspect.stdout.contains("## Row group 0: 1 row, "), "\(inspect.stdout)")
        let repeated = try CLITests.roo(["summarize", csv, csv, "--table", "totals"])
        #expect(
            repeated.stderr == "roo: note: 1 input named a file already read, read once: \(csv)\n", "\(repeated.stderr)"
        )
        let report = try CLITests.roo(["summarize", csv, "--threads", "1", "--format", "html"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            report.stdout.contains("concurrent-perform, 1 thread") && !report.stdout.contains("thread(s)"),
            "\(report.stdout)")
    }
}
