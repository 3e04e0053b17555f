import Foundation
import Testing
import TestSupport

/// `--output` choices of `roo summarize` and `roo merge`: a `.csv`, `.tsv`,
/// `.jsonl` or `.md` file holds what `--format` of that name prints on
/// stdout, byte for byte, committed with `--rejects` as one set; the
/// extension decides the format, and a `--format` that contradicts it, an
/// output nothing can be written to, or `--table all` in one CSV/TSV file
/// is exit 64 with one line saying what to give instead.
struct OutputChoiceTests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"
    static let rules = FixturePaths.fixtures + "/rules.parquet"
    static let corrupt = FixturePaths.fixtures + "/corrupt/page-compressed-size-past-footer.parquet"

    /// The list of accepted outputs that ends the bad-output message.
    static let acceptedForms =
        "give - (stdout), DIR/ (one file per table), FILE.csv|.tsv|.jsonl|.md (one table, or all for md/jsonl), "
        + "FILE.xlsx (workbook), FILE.html (report), FILE.parquet (one table, typed), or a device or FIFO "
        + "(written in --format)"

    /// The lines of stderr that are not notes.
    static func errorLines(_ run: CLITests.Run) -> [String] {
        run.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("roo: note: ") }
    }

    /// Runs roo with `arguments` and expects exit `status` with exactly the stderr line `message`.
    static func expectRefusal(
        _ arguments: [String], status: Int32 = 64, message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try CLITests.roo(arguments)
        #expect(run.status == status, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(errorLines(run) == ["roo: error: " + message], "\(arguments)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(arguments)", sourceLocation: sourceLocation)
    }

    /// What `arguments` prints on stdout (expecting success).
    static func standardOutput(
        _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [UInt8] {
        let run = try CLITests.roo(arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        return Array(run.stdout.utf8)
    }

    @Test(
        arguments: [
            ("r.csv", "csv", nil), ("r.tsv", "tsv", "by_partner"), ("r.jsonl", "jsonl", "by_chapter"),
            ("r.md", "md", "totals"),
            ("R.CSV", "csv", "by_origin"), ("r.Md", "md", nil), ("r.JSONL", "jsonl", nil), ("r.TsV", "tsv", "detail"),
        ] as [(String, String, String?)])
    func aTextFileHoldsTheTableStdoutPrints(name: String, format: String, table: String?) throws {
        let directory = FixturePaths.temporaryDirectory()
        let selection = table.map { ["--table", $0] } ?? []
        let run = try CLITests.roo(
            ["summarize", OutputChoiceTests.sample, "--output", directory + "/" + name] + selection)
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(name): \(run.stderr)")
        let expected = try OutputChoiceTests.standardOutput(
            ["summarize", OutputChoiceTests.sample, "--format", format] + selection)
        #expect(expected.count > 100)
        #expect(
            FixturePaths.read(directory + "/" + name) == expected, "\(name) differs from --format \(format) on stdout")
        #expect(FixturePaths.list(directory) == [name], "only the file, no temporary file")
    }

    @Test func everyTableGoesIntoOneMarkdownOrJSONLinesFile() throws {
        let directory = FixturePaths.temporaryDirectory()
        for format in ["md", "jsonl"] {
            let expected = try OutputChoiceTests.standardOutput([
                "summarize", OutputChoiceTests.sample, "--format", format, "--table", "all", "--top", "7",
            ])
            #expect(
                String(decoding: expected, as: UTF8.self).contains(format == "md" ? "## by_origin\n" : "\"lines_read\"")
            )
            let runs: [[String]] = [
                ["--strategy", "serial", "--threads", "1"], ["--strategy", "concurrent-perform", "--threads", "2"],
                ["--strategy", "work-queue", "--threads", "3"], ["--strategy", "locked-merge", "--threads", "2"],
            ]
            for (index, strategy) in runs.enumerated() {
                let path = directory + "/all-\(index).\(format)"
                let run = try CLITests.roo(
                    ["summarize", OutputChoiceTests.sample, "--table", "all", "--top", "7", "--output", path] + strategy
                )
                #expect(run.status == 0 && run.stdout.isEmpty, "\(strategy): \(run.stderr)")
                #expect(FixturePaths.read(path) == expected, "\(format) \(strategy): the file differs from stdout")
            }
        }
    }

    @Test func everyTableInOneCSVOrTSVFileIsRefused() throws {
        let directory = FixturePaths.temporaryDirectory()
        for format in ["csv", "TSV"] {
            let path = directory + "/all." + format
            try OutputChoiceTests.expectRefusal(
                ["summarize", OutputChoiceTests.sample, "--table", "all", "--output", path],
                message: "--table all with --output \(path): one \(format.lowercased()) file holds one table; "
                    + "give --output DIR/ for one file per table, or a .md or .jsonl file for every table")
        }
        #expect(FixturePaths.list(directory).isEmpty)
    }

    @Test func rejectsAreCommittedWithTheTableFile() throws {
        let directory = FixturePaths.temporaryDirectory()
        let table = directory + "/totals.tsv"
        let rejects = directory + "/rejects.csv"
        let run = try CLITests.roo([
            "summarize", OutputChoiceTests.rules, "--table", "totals", "--output", table, "--rejects", rejects,
        ])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
        let expectedTable = try OutputChoiceTests.standardOutput([
            "summarize", OutputChoiceTests.rules, "--table", "totals", "--format", "tsv",
        ])
        let expectedRejects = try OutputChoiceTests.standardOutput([
            "summarize", OutputChoiceTests.rules, "--output", directory + "/t/", "--rejects", "-",
        ])
        #expect(String(decoding: expectedRejects, as: UTF8.self).hasPrefix("file,row_group,row,reason,"))
        #expect(FixturePaths.read(table) == expectedTable)
        #expect(FixturePaths.read(rejects) == expectedRejects)
        // --rejects - puts the rejects on stdout beside the table file.
        let both = try CLITests.roo([
            "summarize", OutputChoiceTests.rules, "--table", "totals", "--output", directory + "/again.tsv",
            "--rejects", "-",
        ])
        #expect(both.status == 0 && Array(both.stdout.utf8) == expectedRejects, "\(both.stderr)")
        #expect(FixturePaths.read(directory + "/again.tsv") == expectedTable)
        // A later input that fails leaves both files as they were.
        let failed = try CLITests.roo([
            "summarize", OutputChoiceTests.sample, OutputChoiceTests.corrupt, "--output", table, "--rejects", rejects,
        ])
        #expect(failed.status == 65, "\(failed.stderr)")
        #expect(FixturePaths.read(table) == expectedTable)
        #expect(FixturePaths.read(rejects) == expectedRejects)
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
    }

    @Test func aTableFileThatIsAnInputIsRefused() throws {
        let directory = try OutputSafetyTests.workspace()
        let before = try #require(FixturePaths.read(directory + "/in.csv"))
        #expect(symlink(directory + "/in.csv", directory + "/link.md") == 0)
        for (input, output) in [("in.csv", "in.csv"), ("in.csv", "./link.md"), (".", directory + "/in.csv")] {
            let run = try OutputSafetyTests.bash("\"$ROO\" summarize '\(input)' --output '\(output)'", in: directory)
            #expect(run.status == 73, "\(output): \(run.stderr)")
            let error = OutputChoiceTests.errorLines(run)
            #expect(
                error.count == 1 && error[0].hasPrefix("roo: error: \(output): is an input of this run"),
                "\(output): \(run.stderr)")
        }
        let twice = try OutputSafetyTests.bash(
            "\"$ROO\" summarize in.csv --output r.csv --rejects ./r.csv", in: directory)
        #expect(twice.status == 73 && twice.stderr.contains("given as two outputs of this run"), "\(twice.stderr)")
        #expect(FixturePaths.read(directory + "/in.csv") == before)
        #expect(!FixturePaths.exists(directory + "/r.csv"))
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
    }

    @Test func aFormatThatContradictsTheExtensionIsRefused() throws {
        let directory = FixturePaths.temporaryDirectory()
        for (format, name, kind) in [
            ("csv", "r.xlsx", "xlsx"), ("md", "r.csv", "csv"), ("xlsx", "r.html", "html"), ("html", "r.XLSX", "xlsx"),
            ("jsonl", "r.tsv", "tsv"), ("tsv", "r.md", "md"), ("csv", "r.jsonl", "jsonl"),
        ] {
            let path = directory + "/" + name
            try OutputChoiceTests.expectRefusal(
                ["summarize", OutputChoiceTests.sample, "--format", format, "--output", path],
                message: "--format \(format) contradicts the extension of --output \(path) (\(kind)): "
                    + "leave out --format (the extension decides) or give --format \(kind)")
        }
        #expect(FixturePaths.list(directory).isEmpty)
        // A --format that agrees with the extension is fine.
        for (format, name) in [("tsv", "r.TSV"), ("xlsx", "book.xlsx"), ("html", "report.html"), ("md", "r.md")] {
            let run = try CLITests.roo([
                "summarize", OutputChoiceTests.sample, "--format", format, "--output", directory + "/" + name,
            ])
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let expected = try OutputChoiceTests.standardOutput(["summarize", OutputChoiceTests.sample, "--format", "tsv"])
        #expect(FixturePaths.read(directory + "/r.TSV") == expected)
    }

    @Test func aBadOutputListsEveryAcceptedForm() throws {
        let directory = FixturePaths.temporaryDirectory()
        for name in ["r.txt", "report", "r.csv.gz", "r."] {
            let path = directory + "/" + name
            try OutputChoiceTests.expectRefusal(
                ["summarize", OutputChoiceTests.sample, "--output", path],
                message: "--output \(path): not stdout, a directory or a known file type; "
                    + OutputChoiceTests.acceptedForms)
        }
        // --format does not make an unknown extension a file type.
        let path = directory + "/r.txt"
        try OutputChoiceTests.expectRefusal(
            ["summarize", OutputChoiceTests.sample, "--format", "csv", "--output", path],
            message: "--output \(path): not stdout, a directory or a known file type; "
                + OutputChoiceTests.acceptedForms)
        #expect(FixturePaths.list(directory).isEmpty)
    }

    @Test func parquetTablesAreFilesOfOneTableEach() throws {
        let directory = FixturePaths.temporaryDirectory()
        let sample = OutputChoiceTests.sample
        try OutputChoiceTests.expectRefusal(
            ["summarize", sample, "--format", "parquet"],
            message:
                "--format parquet writes files: give --output DIR/ (one file per table) or FILE.parquet (one table)")
        let all = directory + "/all.parquet"
        try OutputChoiceTests.expectRefusal(
            ["summarize", sample, "--table", "all", "--output", all],
            message: "--table all with --output \(all): one Parquet file holds one table; give --output DIR/")
        let one = try CLITests.roo(["summarize", sample, "--table", "by_partner", "--output", directory + "/p.parquet"])
        #expect(one.status == 0, "\(one.stderr)")
        let tables = try CLITests.roo(["summarize", sample, "--format", "parquet", "--output", directory + "/t/"])
        #expect(tables.status == 0, "\(tables.stderr)")
        #expect(
            FixturePaths.list(directory + "/t").sorted() == [
                "by_chapter.parquet", "by_origin.parquet", "by_partner.parquet", "detail.parquet",
                "through_bloc.parquet", "totals.parquet",
            ])
        // roo reads its own table back as Parquet: the by_partner file is that table (and its columns typed).
        let look = try CLITests.roo(["inspect", directory + "/p.parquet"])
        #expect(look.status == 0, "\(look.stderr)")
        #expect(look.stdout.contains("customs_value") && look.stdout.contains("DECIMAL(18,2)"), "\(look.stdout)")
        #expect(FixturePaths.read(directory + "/p.parquet") == FixturePaths.read(directory + "/t/by_partner.parquet"))
    }

    @Test func theExtensionDecidesUnlessTheOutputIsADirectory() throws {
        let directory = FixturePaths.temporaryDirectory()
        let jsonl = try CLITests.roo(["summarize", OutputChoiceTests.sample, "--output", directory + "/r.jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        #expect(
            FixturePaths.read(directory + "/r.jsonl")
                == (try OutputChoiceTests.standardOutput(["summarize", OutputChoiceTests.sample, "--format", "jsonl"])))
        // A directory takes --format (default csv), whatever its name; an existing one needs no slash.
        let tables = ["by_chapter", "by_origin", "by_partner", "detail", "through_bloc", "totals"]
        #expect(mkdir(directory + "/tables.md", 0o755) == 0)
        #expect(mkdir(directory + "/plain", 0o755) == 0)
        for (output, format, extraArguments) in [
            ("/tables.md", "csv", []), ("/plain", "tsv", ["--format", "tsv"]), ("/new/", "md", ["--format", "md"]),
        ] {
            let run = try CLITests.roo(
                ["summarize", OutputChoiceTests.sample, "--output", directory + output] + extraArguments)
            #expect(run.status == 0, "\(output): \(run.stderr)")
            let folder = directory + (output.hasSuffix("/") ? String(output.dropLast()) : output)
            #expect(FixturePaths.list(folder) == tables.map { $0 + "." + format }, "\(output)")
            let expected = try OutputChoiceTests.standardOutput([
                "summarize", OutputChoiceTests.sample, "--format", format, "--table", "by_partner",
            ])
            #expect(FixturePaths.read(folder + "/by_partner." + format) == expected, "\(output)")
        }
    }

    @Test func devicesAndFIFOsAreWrittenInTheFormat() throws {
        for format in [nil, "md", "jsonl"] as [String?] {
            let selection = format.map { ["--format", $0] } ?? []
            let expected = try OutputChoiceTests.standardOutput(
                ["summarize", OutputChoiceTests.rules, "--table", "by_partner"] + selection)
            let run = try CLITests.roo(
                ["summarize", OutputChoiceTests.rules, "--table", "by_partner", "--output", "/dev/stdout"] + selection)
            #expect(run.status == 0 && Array(run.stdout.utf8) == expected, "\(selection): \(run.stderr)")
        }
        let all = try CLITests.roo(["summarize", OutputChoiceTests.rules, "--table", "all", "--output", "/dev/stdout"])
        #expect(
            all.status == 64 && OutputChoiceTests.errorLines(all).count == 1 && all.stderr.contains("--output DIR/"),
            "\(all.stderr)")
    }

    @Test func mergeWritesTheSameFilesAndRefusals() throws {
        let directory = try OutputSafetyTests.workspace()
        let partial = directory + "/p.parquet"
        let expected = try OutputChoiceTests.standardOutput([
            "summarize", directory + "/in.parquet", "--format", "md", "--table", "all",
        ])
        #expect(
            try OutputChoiceTests.standardOutput(["merge", partial, "--format", "md", "--table", "all"]) == expected)
        let run = try CLITests.roo(["merge", partial, "--table", "all", "--output", directory + "/all.MD"])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
        #expect(FixturePaths.read(directory + "/all.MD") == expected)
        let byPartner = try CLITests.roo([
            "merge", partial, "--table", "by_partner", "--format", "csv", "--output", directory + "/p.csv",
        ])
        #expect(byPartner.status == 0, "\(byPartner.stderr)")
        #expect(
            FixturePaths.read(directory + "/p.csv")
                == (try OutputChoiceTests.standardOutput(["merge", partial, "--table", "by_partner"])))
        try OutputChoiceTests.expectRefusal(
            ["merge", partial, "--format", "csv", "--output", directory + "/m.xlsx"],
            message:
                "--format csv contradicts the extension of --output \(directory)/m.xlsx (xlsx): leave out --format "
                + "(the extension decides) or give --format xlsx"
        )
        try OutputChoiceTests.expectRefusal(
            ["merge", partial, "--output", directory + "/m.txt"],
            message: "--output \(directory)/m.txt: not stdout, a directory or a known file type; "
                + OutputChoiceTests.acceptedForms)
        try OutputChoiceTests.expectRefusal(
            ["merge", partial, "--table", "all", "--output", directory + "/m.csv"],
            message: "--table all with --output \(directory)/m.csv: one csv file holds one table; "
                + "give --output DIR/ for one file per table, or a .md or .jsonl file for every table")
        // --partial still refuses table options, a table file included.
        for command in [["summarize", directory + "/in.parquet"], ["merge", partial]] {
            let refused = try CLITests.roo(
                command + ["--partial", directory + "/q.parquet", "--output", directory + "/q.csv"])
            #expect(
                refused.status == 64 && refused.stderr.contains("--partial writes the"), "\(command): \(refused.stderr)"
            )
        }
        #expect(
            !FixturePaths.exists(directory + "/m.xlsx") && !FixturePaths.exists(directory + "/m.csv")
                && !FixturePaths.exists(directory + "/q.csv"))
    }
}
