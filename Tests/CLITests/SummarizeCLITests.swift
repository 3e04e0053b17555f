import Foundation
import Testing
import TestSupport

/// `roo summarize` end to end: exit codes, error lines, output files.
struct SummarizeCLITests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"

    @Test func writesEveryTableIntoADirectoryAtomically() throws {
        let directory = FixturePaths.temporaryDirectory() + "/out"
        let run = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--output", directory + "/", "--format", "tsv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let files = FixturePaths.list(directory)
        #expect(
            files == [
                "by_chapter.tsv", "by_origin.tsv", "by_partner.tsv", "detail.tsv", "through_bloc.tsv", "totals.tsv",
            ], "no temporary files may remain")
        let totals = String(decoding: FixturePaths.read(directory + "/totals.tsv") ?? [], as: UTF8.self)
        #expect(totals.hasPrefix("files\tlines_read\tlines_filtered\tlines_rejected\t"))
        #expect(totals.contains("\n1\t200000\t0\t0\t"))
    }

    @Test func printsOneTableToStandardOutput() throws {
        let run = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--table", "by_partner", "--top", "3", "--format", "jsonl",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ScannedJSON.parse(String($0))?["partner"] != nil })
    }

    @Test func missingRequiredColumnIsAUsageErrorWithASuggestion() throws {
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--map", "origin=orgin"])
        #expect(run.status == 64)
        #expect(
            run.stderr.hasPrefix(
                "roo: error: \(SummarizeCLITests.sample): no column for origin \"orgin\" (country of origin)"),
            "\(run.stderr)")
        #expect(run.stderr.contains("the file's headers suggest: --map origin=origin"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func exitCodes() throws {
        #expect(try CLITests.roo(["summarize", "/nonexistent/x.parquet"]).status == 66)
        let bad = try CLITests.roo([
            "summarize", FixturePaths.conformance + "/parquet-testing/bad/derived_footer_garbage.parquet",
        ])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("roo: error: "))
        #expect(try CLITests.roo(["summarize", SummarizeCLITests.sample, "--strategy", "nope"]).status == 64)
        #expect(try CLITests.roo(["summarize", SummarizeCLITests.sample, "--map", "nonsense=x"]).status == 64)
        // No duty column and no --duty-free-programs: usage error.
        let noDuty = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--map", "duty=absent_duty"])
        #expect(noDuty.status == 64)
        // A column of a type roo does not accept: schema mismatch (65).
        let mismatch = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--map", "customs_value=origin"])
        #expect(mismatch.status == 65)
        #expect(mismatch.stderr.contains("does not accept"))
    }

    @Test func outputThatCannotBeCreatedIs73() throws {
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--output", "/proc/roo-cannot-create/"])
        #expect(run.status == 73)
    }
}

/// `--config roo.toml` gives the same result as the equivalent options.
struct ConfigFileCLITests {
    static func write(_ text: String) -> String {
        let path = FixturePaths.temporaryDirectory() + "/roo.toml"
        FixturePaths.write(Array(text.utf8), to: path)
        return path
    }

    @Test func configEqualsCommandLineOptions() throws {
        let config = ConfigFileCLITests.write(
            """
            [columns]
            origin = "origin"
            [region]
            members = ["us", "CA"]
            [programs]
            preference = ["S+"]
            """)
        let viaConfig = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--config", config, "--table", "by_origin",
        ])
        let viaOptions = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--region", "US,CA", "--preference-programs", "S+", "--table",
            "by_origin",
        ])
        #expect(viaConfig.status == 0, "\(viaConfig.stderr)")
        #expect(viaConfig.stdout == viaOptions.stdout)
        #expect(viaConfig.stdout.contains("\nMX,Mexico,"))
    }

    @Test func commandLineOverridesTheConfig() throws {
        let config = ConfigFileCLITests.write("[columns]\norigin = \"no_such_column\"\n")
        let failing = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--config", config])
        #expect(failing.status == 64)
        #expect(failing.stderr.contains("no column for origin \"no_such_column\""), "\(failing.stderr)")
        let overridden = try CLITests.roo([
            "summarize", SummarizeCLITests.sample, "--config", config, "--map", "origin=origin", "--table", "totals",
        ])
        #expect(overridden.status == 0, "\(overridden.stderr)")
    }

    @Test func invalidTOMLIsAUsageError() throws {
        let config = ConfigFileCLITests.write("[columns\norigin = ")
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--config", config])
        #expect(run.status == 64)
        #expect(run.stderr.contains("invalid TOML"))
        #expect(
            try CLITests.roo(["summarize", SummarizeCLITests.sample, "--config", "/nonexistent/roo.toml"]).status == 66)
    }
}
