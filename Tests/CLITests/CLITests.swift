import Foundation
import Testing
import Parquet
import TestSupport

/// End-to-end: the built `roo` binary, its exit codes and its output.
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// What `command` (a shell command line) writes to its terminal when run
    /// on a pseudo-terminal (`script`), and its exit status.
    static func onTerminal(_ command: String) throws -> (shown: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qc", command, "/dev/null"]
        let terminal = Pipe()
        process.standardOutput = terminal
        try process.run()
        let shown = String(decoding: terminal.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (shown, process.terminationStatus)
    }

    /// Runs roo with `arguments`, feeding `input` (small) on stdin when given.
    static func roo(_ arguments: [String], input: [UInt8]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FixturePaths.rooBinary())
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            stdin.fileHandleForWriting.write(Data(input))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let fixture = FixturePaths.fixtures + "/sample-2024.parquet"

    @Test func catPrintsJSONLinesAndCSV() throws {
        let jsonl = try CLITests.roo(["cat", CLITests.fixture, "--limit", "3", "--columns", "origin,customs_value"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("{\"origin\": ") == true)
        let csv = try CLITests.roo([
            "cat", CLITests.fixture, "--limit", "2", "--format", "csv", "--columns", "origin,customs_value",
        ])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").first == "origin,customs_value")
        #expect(csv.stdout.split(separator: "\n").count == 3)
    }

    @Test func inspectReportsSchemaAndChunks() throws {
        let markdown = try CLITests.roo(["inspect", CLITests.fixture])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("| customs_value"))
        #expect(markdown.stdout.contains("ZSTD"))
        let json = try CLITests.roo(["inspect", CLITests.fixture, "--format", "json"])
        #expect(json.status == 0)
        let parsed = try #require(ScannedJSON.parse(json.stdout))
        guard case let .array(schema)? = parsed["schema"] else {
            Issue.record("no schema array")
            return
        }
        #expect(
            schema.contains { $0["name"] == .string("customs_value") && $0["logical_type"] == .string("DECIMAL(18,2)") }
        )
    }

    @Test func exitCodesFollowSysexits() throws {
        let missing = try CLITests.roo(["cat", "/nonexistent.parquet"])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("roo: error: /nonexistent.parquet: "))
        let bad = try CLITests.roo([
            "inspect", FixturePaths.conformance + "/parquet-testing/bad/derived_footer_len_zero.parquet",
        ])
        #expect(bad.status == 65)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        let unknownColumn = try CLITests.roo(["cat", CLITests.fixture, "--columns", "nope"])
        #expect(unknownColumn.status == 64)
        let unknownOption = try CLITests.roo(["cat", CLITests.fixture, "--bogus"])
        #expect(unknownOption.status == 64)
    }

    @Test func unsupportedFeaturesAreReportedNotFatalForInspect() throws {
        // Nested schemas are out of scope: inspect reports them, cat fails with one line.
        let path = FixturePaths.conformance + "/parquet-testing/bad/ARROW-GH-45185.parquet"
        let report = try CLITests.roo(["inspect", path])
        #expect(report.status == 0)
        #expect(report.stdout.contains("## Unsupported"))
        #expect(report.stdout.contains("nested schema"))
        let cat = try CLITests.roo(["cat", path])
        #expect(cat.status == 65)
        #expect(cat.stderr.contains("unsupported nested schema"))
        #expect(cat.stderr.split(separator: "\n").count == 1)
    }
}

/// `roo ingest -` reads the CSV from standard input (plain or compressed).
struct IngestStandardInputTests {
    @Test func ingestReadsStandardInput() throws {
        let output = FixturePaths.temporaryDirectory() + "/stdin.parquet"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FixturePaths.rooBinary())
        process.arguments = ["ingest", "-", "--output", output]
        let input = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(
            Data("origin,partner,hs_code,customs_value\nCN,MX,x8708,100.50\nDE,DE,x3004,7\n".utf8))
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("2 lines in = 2 rows written + 0 rows rejected"))
        let cat = try CLITests.roo(["cat", output, "--format", "csv"])
        #expect(cat.stdout == "origin,partner,hs_code,customs_value\nCN,MX,x8708,100.50\nDE,DE,x3004,7.00\n")
    }
}

/// The progress line: drawn on a terminal (run under `script`, a pseudo-
/// terminal), absent when stderr is a pipe, and never mixed into stdout.
struct ProgressTests {
    @Test func progressShowsOnATerminalOnly() throws {
        let directory = FixturePaths.temporaryDirectory()
        let command = "\(FixturePaths.rooBinary()) summarize \(CLITests.fixture) > \(directory)/detail.csv"
        let (shown, status) = try CLITests.onTerminal(command)
        #expect(status == 0)
        #expect(shown.contains("\r0.0% | "), "\(shown)")
        #expect(shown.contains("\r100.0% | ") && shown.contains("M lines/s") && shown.contains("done in"), "\(shown)")
        let table = try #require(FixturePaths.read(directory + "/detail.csv"))
        #expect(String(decoding: table, as: UTF8.self).hasPrefix("origin,origin_name,"))
        #expect(!table.contains(0x0D))  // no progress text in stdout

        let piped = try CLITests.roo(["summarize", CLITests.fixture])
        #expect(piped.stderr.isEmpty)
        let forced = try CLITests.roo(["summarize", CLITests.fixture, "--progress"])
        #expect(forced.stderr.contains("done in"))
        let quiet = try CLITests.roo(["summarize", CLITests.fixture, "--progress", "--quiet"])
        #expect(quiet.stderr.isEmpty)
    }
}

/// Color: `error:` is colored on a terminal, never with `NO_COLOR`, `TERM=dumb` or a pipe.
struct ColorTests {
    @Test func errorLabelIsColoredOnlyWhereColorIsWelcome() throws {
        let roo = "\(FixturePaths.rooBinary()) summarize /nonexistent/x.parquet"
        let colored = try CLITests.onTerminal("env -u NO_COLOR TERM=xterm \(roo)").shown
        #expect(colored.contains("roo: \u{1B}[1;31merror:\u{1B}[0m "), "\(colored)")
        for environment in ["NO_COLOR=1 TERM=xterm", "-u NO_COLOR TERM=dumb"] {
            let plain = try CLITests.onTerminal("env \(environment) \(roo)").shown
            #expect(plain.contains("roo: error: /nonexistent/x.parquet"), "\(environment): \(plain)")
            #expect(!plain.contains("\u{1B}"), "\(environment): \(plain)")
        }
        let piped = try CLITests.roo(["summarize", "/nonexistent/x.parquet"])
        #expect(piped.stderr.hasPrefix("roo: error: ") && !piped.stderr.contains("\u{1B}"))
    }
}

/// `--summary` prints the readable summary wherever stdout goes; an
/// explicit `--format csv` asks for CSV even on a terminal.
struct SummaryViewTests {
    @Test func summaryFlagPrintsTheHeadlineWhenPiped() throws {
        let run = try CLITests.roo(["summarize", CLITests.fixture, "--summary", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix(
                "US$382.4 million of non-regional content entered duty-free through the USMCA partners"),
            "\(run.stdout.prefix(200))")
        #expect(run.stdout.contains("All bloc partners") && run.stdout.contains("Largest flows through the bloc:"))
        let refused = try CLITests.roo(["summarize", CLITests.fixture, "--summary", "--table", "detail"])
        #expect(
            refused.status == 64 && refused.stderr.contains("--summary prints the readable summary"),
            "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }

    @Test func anExplicitFormatCSVIsCSVOnATerminal() throws {
        let (shown, status) = try CLITests.onTerminal(
            "\(FixturePaths.rooBinary()) summarize \(CLITests.fixture) --format csv --quiet")
        #expect(status == 0)
        #expect(shown.hasPrefix("origin,origin_name,hs_chapter"), "\(shown.prefix(200))")
        #expect(!shown.contains("US$382.4 million"))
        let (view, _) = try CLITests.onTerminal("\(FixturePaths.rooBinary()) summarize \(CLITests.fixture) --quiet")
        #expect(view.hasPrefix("US$382.4 million"), "\(view.prefix(200))")
    }
}

/// One version string: what `roo --version` prints is what every file roo
/// writes carries.
struct VersionTests {
    @Test func versionIsTheSameEverywhere() throws {
        let version = try CLITests.roo(["--version"])
        #expect(version.stdout == RooVersion.current + "\n")
        let path = FixturePaths.temporaryDirectory() + "/version.parquet"
        let generated = try CLITests.roo(["generate", "--rows", "10", "--output", path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let file = try ParquetFile(path: path)
        #expect(file.metadata.createdBy == "roo version \(RooVersion.current)")
        #expect(file.metadata.keyValueMetadata.contains { $0.key == "roo.version" && $0.value == RooVersion.current })
    }
}

/// A system call's failure reads the same everywhere: the path, the reason
/// and its errno, read right after the call.
struct SystemErrorTextTests {
    @Test func aMissingInputNamesItsErrno() throws {
        let run = try CLITests.roo(["summarize", "/nonexistent-roo-dir/x.parquet"])
        #expect(run.status == 66)
        #expect(
            run.stderr == "roo: error: /nonexistent-roo-dir/x.parquet: No such file or directory (errno 2)\n",
            "\(run.stderr)")
    }
}
