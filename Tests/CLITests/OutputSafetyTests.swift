import Foundation
import Testing
import TestSupport

/// Outputs never destroy anything: an output that is an input is refused,
/// devices and FIFOs are written in place, temporary files are exclusive and
/// removed on interrupt, a set of outputs appears whole or not at all, and a
/// directory run never reads roo's own files back.
@Suite(.serialized) struct OutputSafetyTests {
    /// Runs `script` with bash (`$ROO` is the binary, the working directory
    /// `directory`), stopped after 120 s so that a hang fails instead of blocking.
    static func bash(_ script: String, in directory: String) throws -> CLITests.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["ROO"] = FixturePaths.rooBinary()
        environment["FIXTURES"] = FixturePaths.fixtures
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: timer)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return CLITests.Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A directory holding `in.parquet` (the sample), `in.csv` (1,000 generated lines) and `p.parquet` (a partial).
    static func workspace() throws -> String {
        let directory = FixturePaths.temporaryDirectory()
        let setup = try bash(
            """
            set -e
            cp "$FIXTURES/sample-2024.parquet" in.parquet
            "$ROO" generate --rows 1000 --seed 7 --output in.csv
            "$ROO" summarize in.parquet --partial p.parquet
            """, in: directory)
        #expect(setup.status == 0, "\(setup.stderr)")
        return directory
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let directory = try OutputSafetyTests.workspace()
        let before = try #require(FixturePaths.read(directory + "/in.parquet"))
        let csvBefore = try #require(FixturePaths.read(directory + "/in.csv"))
        let partialBefore = try #require(FixturePaths.read(directory + "/p.parquet"))
        _ = try OutputSafetyTests.bash(
            "ln in.parquet hard.parquet; ln -s in.parquet soft.parquet; ln -s in.csv soft.html; mkdir tables; cp "
                + "in.csv tables/detail.csv",
            in: directory)
        let refused: [[String]] = [
            ["summarize", "in.parquet", "--rejects", "in.parquet"],
            ["summarize", "in.parquet", "--partial", "in.parquet"],
            ["summarize", "in.parquet", "--partial", "./hard.parquet"],
            ["summarize", "in.parquet", "--rejects", "soft.parquet"],
            [
                "summarize", "in.parquet", "--rejects",
                "\(directory)/../\(URL(fileURLWithPath: directory).lastPathComponent)/in.parquet",
            ],
            ["summarize", "in.csv", "--output", "in.csv"],
            ["summarize", "in.csv", "--format", "html", "--output", "soft.html"],
            ["summarize", "tables/detail.csv", "--output", "tables/"],
            ["summarize", ".", "--partial", "in.csv"],
            ["ingest", "in.csv", "--output", "in.csv"],
            ["ingest", "in.csv", "--output", "new.parquet", "--rejects", "in.csv"],
            ["merge", "p.parquet", "--partial", "p.parquet"],
            ["merge", ".", "--partial", "p.parquet"],
        ]
        for arguments in refused {
            let run = try OutputSafetyTests.bash(
                "\"$ROO\" " + arguments.map { "'\($0)'" }.joined(separator: " "), in: directory)
            #expect(run.status == 73, "\(arguments): \(run.stderr)")
            let error = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("roo: note: ") }
            #expect(
                error.count == 1 && error[0].hasPrefix("roo: error: ") && error[0].contains("is an input of this run"),
                "\(arguments): \(run.stderr)")
        }
        let twice = try OutputSafetyTests.bash(
            "\"$ROO\" summarize in.csv --output r.xlsx --rejects ./r.xlsx", in: directory)
        #expect(twice.status == 73 && twice.stderr.contains("given as two outputs of this run"), "\(twice.stderr)")
        #expect(FixturePaths.read(directory + "/in.parquet") == before)
        #expect(FixturePaths.read(directory + "/in.csv") == csvBefore)
        #expect(FixturePaths.read(directory + "/p.parquet") == partialBefore)
        #expect(FixturePaths.read(directory + "/tables/detail.csv") == csvBefore)
        #expect(!FixturePaths.exists(directory + "/new.parquet"))
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
    }

    @Test func devicesAndFIFOsAreWrittenInPlace() throws {
        let directory = try OutputSafetyTests.workspace()
        let run = try OutputSafetyTests.bash(
            """
            "$ROO" summarize "$FIXTURES/rules.parquet" --table totals --rejects /dev/null >/dev/null || exit 10
            test -c /dev/null || exit 11
            "$ROO" summarize "$FIXTURES/rules.parquet" --table totals --rejects /dev/full >/dev/null 2>full.err
            echo "full=$?"
            test -c /dev/full || exit 12
            "$ROO" summarize in.parquet --format html --output /dev/full 2>>full.err
            echo "html-full=$?"
            mkfifo out.fifo
            cat out.fifo > from-fifo.csv &
            "$ROO" summarize "$FIXTURES/rules.parquet" --table totals --rejects out.fifo >/dev/null || exit 13
            wait
            test -p out.fifo || exit 14
            "$ROO" summarize "$FIXTURES/rules.parquet" --format html --output /dev/stdout > report.html || exit 15
            "$ROO" summarize "$FIXTURES/rules.parquet" --table totals --output t/ --rejects /dev/stdout > \
            rejects-stdout.csv || exit 16
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("full=74"), "\(run.stdout)")
        #expect(run.stdout.contains("html-full=74"), "\(run.stdout)")
        let errors = String(decoding: FixturePaths.read(directory + "/full.err") ?? [], as: UTF8.self)
        #expect(errors.contains("/dev/full") && errors.contains("No space left on device"), "\(errors)")
        let fromFIFO = String(decoding: FixturePaths.read(directory + "/from-fifo.csv") ?? [], as: UTF8.self)
        #expect(fromFIFO.hasPrefix("file,row_group,row,reason,"), "\(fromFIFO)")
        #expect(fromFIFO.split(separator: "\n").count > 10)
        let stdoutRejects = String(decoding: FixturePaths.read(directory + "/rejects-stdout.csv") ?? [], as: UTF8.self)
        #expect(stdoutRejects == fromFIFO)
        let report = String(decoding: FixturePaths.read(directory + "/report.html") ?? [], as: UTF8.self)
        #expect(report.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func interruptedRunsLeaveNoTemporaryFile() throws {
        let directory = FixturePaths.temporaryDirectory()
        for signal in ["TERM", "INT", "HUP"] {
            // The input never ends, so roo is still reading when the signal comes.
            // Job control (`set -m`), so that the background roo does not start with SIGINT ignored.
            let run = try OutputSafetyTests.bash(
                """
                set -m
                rm -f in.fifo; mkfifo in.fifo
                ( printf 'origin,partner,hs_code,customs_value,duty\\nCN,MX,870323,10.00,0\\n'; exec sleep 60 ) > \
                in.fifo 2>/dev/null &
                writer=$!
                "$ROO" summarize in.fifo --output tables/ --rejects rejects.csv 2>/dev/null &
                roo=$!
                for i in $(seq 1 200); do ls -a | grep -q 'roo-tmp' && break; sleep 0.05; done
                ls -a | grep -q 'roo-tmp' || { echo "no temporary file appeared"; kill $roo $writer; exit 20; }
                kill -\(signal) $roo
                wait $roo
                echo "status=$?"
                kill -KILL $writer 2>/dev/null
                ls -a | grep roo-tmp && exit 21
                exit 0
                """, in: directory)
            #expect(run.status == 0, "\(signal): \(run.stdout) \(run.stderr)")
            let expected = ["TERM": 143, "INT": 130, "HUP": 129][signal] ?? 0
            #expect(run.stdout.contains("status=\(expected)"), "\(signal): \(run.stdout)")
            #expect(!FixturePaths.exists(directory + "/rejects.csv"))
        }
    }

    @Test func directoryRunsSkipTemporaryFilesAndRooOutputs() throws {
        let directory = try OutputSafetyTests.workspace()
        let run = try OutputSafetyTests.bash(
            """
            set -e
            mkdir data
            cp in.csv data/in.csv
            printf 'garbage\\n\\x01\\x02' > data/in.csv.tmp-4242
            printf 'garbage' > data/.in.csv.roo-tmp-0123456789abcdef
            "$ROO" summarize data/ --table all --format jsonl > before.jsonl
            "$ROO" summarize data/ --output data/ --rejects data/rejects.csv 2>first.err
            "$ROO" summarize data/ --partial data/part.parquet 2>>first.err
            "$ROO" summarize data/ --output data/ --rejects data/rejects.csv 2>second.err
            "$ROO" summarize data/ --table all --format jsonl > after.jsonl 2>after.err
            cmp before.jsonl after.jsonl
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let notes = String(decoding: FixturePaths.read(directory + "/after.err") ?? [], as: UTF8.self)
        #expect(
            notes.contains("roo: note: 1 temporary file of an unfinished write skipped: data/in.csv.tmp-4242"),
            "\(notes)")
        #expect(notes.contains("files roo wrote (partial aggregates, rejects, tables) skipped"), "\(notes)")
        #expect(notes.contains("roo: note: 8 files roo wrote") && notes.contains("data/by_chapter.csv"), "\(notes)")
    }

    @Test func directoryRunsSkipBreakdownAndComparisonTables() throws {
        let directory = try OutputSafetyTests.workspace()
        let run = try OutputSafetyTests.bash(
            """
            set -e
            mkdir data
            cp in.csv data/in.csv
            "$ROO" summarize data/ --table all --format jsonl > before.jsonl
            "$ROO" summarize data/ --by hs6,month,channel --output data/by/
            "$ROO" summarize data/ --compare 202401:202406 --output data/compare/
            "$ROO" summarize data/ --by hs4,year --format parquet --output data/parquet/
            "$ROO" summarize data/ --table all --format jsonl > after.jsonl 2>after.err
            cmp before.jsonl after.jsonl
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let notes = String(decoding: FixturePaths.read(directory + "/after.err") ?? [], as: UTF8.self)
        #expect(notes.contains("roo: note: 21 files roo wrote"), "\(notes)")
    }

    @Test func directoryLinksAreFollowedOnceAndLoopsEnd() throws {
        let directory = try OutputSafetyTests.workspace()
        let run = try OutputSafetyTests.bash(
            """
            set -e
            mkdir -p tree/a tree/b
            cp in.csv tree/a/in.csv
            ln -s .. tree/a/up
            ln -s ../a tree/b/to-a
            ln -s ../b tree/a/to-b
            ln -s . tree/self
            ln tree/a/in.csv tree/b/hard-link.csv
            "$ROO" summarize in.csv --table totals > single.csv
            "$ROO" summarize tree/ --table totals > tree.csv 2>tree.err
            "$ROO" summarize in.csv in.csv ./in.csv --table totals > repeated.csv 2>repeated.err
            cmp single.csv repeated.csv
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let single = RejectsCLITests.totals(
            String(decoding: FixturePaths.read(directory + "/single.csv") ?? [], as: UTF8.self))
        let tree = RejectsCLITests.totals(
            String(decoding: FixturePaths.read(directory + "/tree.csv") ?? [], as: UTF8.self))
        #expect(single["lines_read"] == "1000" && single["files"] == "1", "\(single)")
        #expect(tree == single, "\(tree)")
        let notes = String(decoding: FixturePaths.read(directory + "/tree.err") ?? [], as: UTF8.self)
        #expect(notes.contains("directory links to a directory already read, not read again"), "\(notes)")
        #expect(notes.contains("input named a file already read, read once"), "\(notes)")
        let repeated = String(decoding: FixturePaths.read(directory + "/repeated.err") ?? [], as: UTF8.self)
        #expect(repeated.contains("2 inputs named a file already read, read once"), "\(repeated)")
    }

    @Test func streamsAreOpenedOnceAndRead() throws {
        let directory = try OutputSafetyTests.workspace()
        let run = try OutputSafetyTests.bash(
            """
            set -e
            "$ROO" summarize in.csv --table all --format jsonl > file.jsonl
            "$ROO" summarize <(cat in.csv) --table all --format jsonl > substituted.jsonl
            mkfifo csv.fifo
            cat in.csv > csv.fifo &
            "$ROO" summarize csv.fifo --table all --format jsonl > fifo.jsonl
            "$ROO" summarize in.parquet --table all --format jsonl > parquet.jsonl
            "$ROO" summarize <(cat in.parquet) --table all --format jsonl > parquet-substituted.jsonl
            cat in.parquet | "$ROO" summarize - --table all --format jsonl > parquet-stdin.jsonl
            zstd -q -c in.csv | "$ROO" summarize - --table all --format jsonl > zstd-stdin.jsonl
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let file = FixturePaths.read(directory + "/file.jsonl")
        #expect(file?.isEmpty == false)
        for name in ["substituted", "fifo", "zstd-stdin"] {
            let other = FixturePaths.read(directory + "/\(name).jsonl")
            #expect(other == file, "\(name) differs")
        }
        let parquet = FixturePaths.read(directory + "/parquet.jsonl")
        for name in ["parquet-substituted", "parquet-stdin"] {
            #expect(FixturePaths.read(directory + "/\(name).jsonl") == parquet, "\(name) differs")
        }
    }

    @Test func aSetOfOutputsAppearsWholeOrNotAtAll() throws {
        let directory = try OutputSafetyTests.workspace()
        // A table that cannot be put in place (its name is a directory) keeps every other output as it was.
        let run = try OutputSafetyTests.bash(
            """
            set -e
            mkdir -p out/totals.csv
            echo old > old-rejects.csv
            cp old-rejects.csv rejects.csv
            if "$ROO" summarize "$FIXTURES/rules.parquet" --output out/ --rejects rejects.csv 2>err.txt; then exit 30; \
            fi
            cmp old-rejects.csv rejects.csv
            test ! -e out/detail.csv
            ls -a out | grep -q roo-tmp && exit 31
            ls -a . | grep -q roo-tmp && exit 32
            exit 0
            """, in: directory)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let errors = String(decoding: FixturePaths.read(directory + "/err.txt") ?? [], as: UTF8.self)
        #expect(errors.split(separator: "\n").last?.hasPrefix("roo: error: out/totals.csv: ") == true, "\(errors)")

        // Two runs with different regions into one directory: the directory holds one run's set, never a mix.
        let race = try OutputSafetyTests.bash(
            """
            set -e
            "$ROO" summarize in.parquet --region us,ca --output a/
            "$ROO" summarize in.parquet --output b/
            for i in 1 2 3 4 5 6; do
              "$ROO" summarize in.parquet --region us,ca --output mixed/ & first=$!
              "$ROO" summarize in.parquet --output mixed/ & second=$!
              wait $first $second
              if cmp -s mixed/detail.csv a/detail.csv; then want=a; else want=b; fi
              for table in detail by_partner by_chapter by_origin totals; do cmp mixed/$table.csv $want/$table.csv; done
            done
            """, in: directory)
        #expect(race.status == 0, "\(race.stdout) \(race.stderr)")
    }

    @Test func anInputTruncatedWhileMappedIsOneErrorLine() throws {
        let directory = try OutputSafetyTests.workspace()
        // roo maps both files, then blocks opening the rejects FIFO; the first file shrinks meanwhile.
        let run = try OutputSafetyTests.bash(
            """
            cp in.parquet other.parquet
            mkfifo rejects.fifo
            "$ROO" summarize in.parquet other.parquet --output tables/ --rejects rejects.fifo 2>err.txt &
            roo=$!
            sleep 1
            truncate -s 4096 in.parquet
            cat rejects.fifo > /dev/null
            wait $roo
            echo "status=$?"
            """, in: directory)
        #expect(run.stdout.contains("status=74"), "\(run.stdout) \(run.stderr)")
        let errors = String(decoding: FixturePaths.read(directory + "/err.txt") ?? [], as: UTF8.self)
        #expect(
            errors
                == "roo: error: in.parquet: the file became shorter while it was being read (truncated or replaced by "
                + "another program); no output was written\n",
            "\(errors)")
        #expect(!FixturePaths.exists(directory + "/tables"), "no output")
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
    }
}
