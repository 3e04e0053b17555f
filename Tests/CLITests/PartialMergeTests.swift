import Foundation
import Reports
import Testing
import TestSupport
import ZIPFoundation

/// `summarize --partial` + `merge` equals `summarize`, byte for byte, for
/// any split of the input (by file, by row group), in every output format;
/// merging is associative; partials made with different options are refused.
struct PartialMergeTests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"
    static let rules = FixturePaths.fixtures + "/rules.parquet"

    /// Runs roo and requires exit 0.
    @discardableResult
    static func roo(_ arguments: [String]) throws -> CLITests.Run {
        let run = try CLITests.roo(arguments)
        #expect(run.status == 0, "roo \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// Every output of `command` (summarize or merge with its inputs) in every format, by name.
    static func outputs(_ command: [String], in directory: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for format in ["csv", "tsv"] {
            try roo(command + ["--format", format, "--output", "\(directory)/\(format)/"])
            for name in FixturePaths.list("\(directory)/\(format)") {
                result["\(format)/\(name)"] = FixturePaths.read("\(directory)/\(format)/\(name)")
            }
        }
        for format in ["jsonl", "md"] {
            result[format] = Array(try roo(command + ["--format", format, "--table", "all"]).stdout.utf8)
        }
        // The notes (inputs, strategy, time) say how the file was made, not what it holds: left out.
        try roo(command + ["--output", "\(directory)/book.xlsx"])
        let archive = try Archive(url: URL(fileURLWithPath: "\(directory)/book.xlsx"), accessMode: .read)
        // all but the notes sheet (after the summary and the tables)
        for entry in archive where entry.path != "xl/worksheets/sheet\(SummaryTable.names(by: .standard).count + 2).xml"
        {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            result["xlsx/\(entry.path)"] = Array(data)
        }
        let html = try roo(command + ["--format", "html"]).stdout
        result["html"] = Array((html.components(separatedBy: "<table id=\"notes\"").first ?? html).utf8)
        return result
    }

    static func expectSame(_ whole: [String], parts: [[String]], extra: [String] = [], _ context: String) throws {
        let directory = FixturePaths.temporaryDirectory()
        var partials: [String] = []
        for (index, part) in parts.enumerated() {
            let path = "\(directory)/part-\(index).parquet"
            try roo(["summarize"] + part + extra + ["--partial", path, "--threads", String(index % 3 + 1)])
            partials.append(path)
        }
        let expected = try outputs(["summarize"] + whole + extra, in: directory + "/whole")
        let merged = try outputs(["merge"] + partials.reversed(), in: directory + "/merged")
        #expect(expected.keys.sorted() == merged.keys.sorted(), "\(context)")
        #expect(expected.count >= 5 + 5 + 2 + 5 + 1, "\(context): every format compared")
        for (name, bytes) in expected { #expect(merged[name] == bytes, "\(context): \(name) differs") }
    }

    /// `merge --threads N` builds and writes the tables side by side: the same files for any N.
    @Test func mergeWritesTheSameFilesAtAnyThreadCount() throws {
        let directory = FixturePaths.temporaryDirectory()
        var partials: [String] = []
        for (index, groups) in ["0:2", "2:4"].enumerated() {
            partials.append("\(directory)/part-\(index).parquet")
            try PartialMergeTests.roo([
                "summarize", PartialMergeTests.sample, "--row-groups", groups, "--partial", partials[index],
            ])
        }
        var files: [[String: [UInt8]]] = []
        for threads in ["1", "3"] {
            let output = "\(directory)/t\(threads)/"
            try PartialMergeTests.roo(["merge"] + partials + ["--threads", threads, "--output", output])
            files.append(
                Dictionary(
                    uniqueKeysWithValues: FixturePaths.list(output).map { ($0, FixturePaths.read(output + $0) ?? []) }))
        }
        #expect(files[0].count == SummaryTable.names(by: .standard).count && files[0] == files[1])
        #expect(try CLITests.roo(["merge"] + partials + ["--threads", "0"]).status == 64)
    }

    @Test func sampleSplitByRowGroups() throws {
        try PartialMergeTests.expectSame(
            [PartialMergeTests.sample],
            parts: [
                [PartialMergeTests.sample, "--row-groups", "0:1"], [PartialMergeTests.sample, "--row-groups", "1:3"],
                [PartialMergeTests.sample, "--row-groups", "3:4"],
            ], "sample by row groups")
    }

    @Test func rulesWithFiltersAndEveryRejection() throws {
        try PartialMergeTests.expectSame([PartialMergeTests.rules], parts: [[PartialMergeTests.rules]], "rules")
        try PartialMergeTests.expectSame(
            [PartialMergeTests.sample],
            parts: [
                [PartialMergeTests.sample, "--row-groups", "0:2"],
                [PartialMergeTests.sample, "--row-groups", "2:9"],
            ],
            extra: ["--reporter", "US", "--from", "202403", "--to", "202409", "--region", "us,ca"],
            "sample with filters")
    }

    @Test func randomSplitsOfGeneratedFilesAndALayout() throws {
        let directory = FixturePaths.temporaryDirectory()
        var files: [String] = []
        for seed in 1...3 {
            let path = "\(directory)/gen-\(seed).parquet"
            try PartialMergeTests.roo([
                "generate", "--rows", "40000", "--seed", String(seed), "--row-group-rows", "5000", "--output", path,
            ])
            files.append(path)
        }
        // Split points drawn from a fixed-seed generator: by file, and within files by row group.
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var parts: [[String]] = []
        for file in files {
            var start = 0
            while start < 8 {
                let end = min(8, start + 1 + next(4))
                parts.append([file, "--row-groups", "\(start):\(end)"])
                start = end
            }
        }
        try PartialMergeTests.expectSame(files, parts: parts, "generated, \(parts.count) random shares")
        let census = FixturePaths.fixtures + "/layouts/census-imdb/IMP_DETL.TXT"
        try PartialMergeTests.expectSame(
            [census], parts: [[census]], extra: ["--layout", "census-imdb", "--quiet"], "census layout")
    }

    @Test func mergeIsAssociative() throws {
        let directory = FixturePaths.temporaryDirectory()
        let shares = ["0:1", "1:2", "2:4"]
        for (index, share) in shares.enumerated() {
            try PartialMergeTests.roo([
                "summarize", PartialMergeTests.sample, "--row-groups", share, "--partial",
                "\(directory)/\(index).parquet",
            ])
        }
        try PartialMergeTests.roo([
            "merge", "\(directory)/0.parquet", "\(directory)/1.parquet", "--partial", "\(directory)/01.parquet",
        ])
        try PartialMergeTests.roo([
            "merge", "\(directory)/2.parquet", "\(directory)/1.parquet", "--partial", "\(directory)/21.parquet",
        ])
        try PartialMergeTests.roo([
            "merge", "\(directory)/01.parquet", "\(directory)/2.parquet", "--partial", "\(directory)/left.parquet",
        ])
        try PartialMergeTests.roo([
            "merge", "\(directory)/0.parquet", "\(directory)/21.parquet", "--partial", "\(directory)/right.parquet",
        ])
        try PartialMergeTests.roo(["summarize", PartialMergeTests.sample, "--partial", "\(directory)/whole.parquet"])
        let whole = FixturePaths.read("\(directory)/whole.parquet")
        #expect(whole != nil && FixturePaths.read("\(directory)/left.parquet") == whole)
        #expect(FixturePaths.read("\(directory)/right.parquet") == whole)
    }

    /// A part whose inputs have a rate provision and a dutiable value, and one whose inputs have neither:
    /// merged, the tables print the optional measures as one run over both does (the other part summed 0).
    @Test func optionalMeasuresOfAnyPartMakeTheColumns() throws {
        let directory = FixturePaths.temporaryDirectory()
        let with = "\(directory)/with.csv"
        let without = "\(directory)/without.csv"
        let header = "origin,partner,hs_code,customs_value,duty,program"
        let withLines =
            "\(header),rate_provision,dutiable_value\nCN,MX,870829,100.00,0,S,18,0\nCN,MX,870829,40.00,4.00,,61,40.00\n"
        #expect(FixturePaths.write(Array(withLines.utf8), to: with))
        #expect(FixturePaths.write(Array("\(header)\nCN,MX,870829,60.00,0,S\n".utf8), to: without))
        let alone = try PartialMergeTests.roo(["summarize", without, "--table", "totals"]).stdout
        #expect(!alone.contains("eligible_value") && !alone.contains("dutiable_value"), "\(alone)")
        try PartialMergeTests.expectSame([with, without], parts: [[with], [without]], "optional measures")
        try PartialMergeTests.roo(["summarize", without, "--partial", "\(directory)/b.parquet"])
        try PartialMergeTests.roo(["summarize", with, "--partial", "\(directory)/a.parquet"])
        let merged = try PartialMergeTests.roo([
            "merge", "\(directory)/b.parquet", "\(directory)/a.parquet", "--table", "by_partner",
        ]).stdout
        // 200 in all, 140 eligible (18 and 61), of which 100 claimed; the part without the columns adds 0.
        #expect(
            merged.hasSuffix(
                ",dutiable_value,eligible_value,utilization\n" + "MX,Mexico,3,200.00,4.00,2,160.00,160.00,"
                    + "160.00,1.000000,0.800000,0.020000,40.00,140.00,0.714286\n"), "\(merged)")
    }

    @Test func partialsWithDifferentOptionsAreRefused() throws {
        let directory = FixturePaths.temporaryDirectory()
        try PartialMergeTests.roo(["summarize", PartialMergeTests.sample, "--partial", "\(directory)/a.parquet"])
        try PartialMergeTests.roo([
            "summarize", PartialMergeTests.sample, "--region", "us,ca", "--partial", "\(directory)/b.parquet",
        ])
        let run = try CLITests.roo(["merge", "\(directory)/a.parquet", "\(directory)/b.parquet"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("roo: error: partials were computed with different --region: "), "\(run.stderr)")
        // Not a partial at all.
        let plain = try CLITests.roo(["merge", PartialMergeTests.sample])
        #expect(plain.status == 65 && plain.stderr.contains("not a roo partial aggregate"), "\(plain.stderr)")
        // --partial with table options is a usage error.
        #expect(
            try CLITests.roo([
                "summarize", PartialMergeTests.sample, "--partial", "\(directory)/c.parquet", "--top", "3",
            ]).status == 64)
    }
}
