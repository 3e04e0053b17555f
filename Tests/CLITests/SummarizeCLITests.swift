import Foundation
import Testing
import TestSupport

/// `roo summarize` end to end: exit codes, error lines, output files.
struct SummarizeCLITests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"

    @Test func writesEveryTableIntoADirectoryAtomically() throws {
        let directory = FixturePaths.temporaryDirectory() + "/out"
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--output", directory + "/", "--format", "tsv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let files = FixturePaths.list(directory)
        #expect(files == ["by_chapter.tsv", "by_origin.tsv", "by_partner.tsv", "detail.tsv", "totals.tsv"], "no temporary files may remain")
        let totals = String(decoding: FixturePaths.read(directory + "/totals.tsv") ?? [], as: UTF8.self)
        #expect(totals.hasPrefix("files\tlines_read\tlines_filtered\tlines_rejected\t"))
        #expect(totals.contains("\n1\t200000\t0\t0\t"))
    }

    @Test func printsOneTableToStandardOutput() throws {
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--table", "by_partner", "--top", "3", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ScannedJSON.parse(String($0))?["partner"] != nil })
    }

    @Test func missingRequiredColumnIsAUsageErrorWithASuggestion() throws {
        let run = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--map", "origin=orgin"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("roo: error: \(SummarizeCLITests.sample): no column \"orgin\" for origin"))
        #expect(run.stderr.contains("did you mean \"origin\"?"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func exitCodes() throws {
        #expect(try CLITests.roo(["summarize", "/nonexistent/x.parquet"]).status == 66)
        let bad = try CLITests.roo(["summarize", FixturePaths.conformance + "/parquet-testing/bad/derived_footer_garbage.parquet"])
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
