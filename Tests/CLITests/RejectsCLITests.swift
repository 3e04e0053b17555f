import Testing
import TestSupport

/// `roo summarize --rejects FILE`: one CSV record per rejected line, counts
/// equal to `totals`, the same bytes for every strategy and thread count.
struct RejectsCLITests {
    static let rules = FixturePaths.fixtures + "/rules.parquet"
    static let header = "file,row_group,row,reason,origin,partner,hs_code,customs_value,duty"
    static let reasons = [
        "missing_origin", "missing_partner", "missing_hs", "bad_hs", "missing_value", "invalid_value", "missing_duty",
    ]

    /// The totals row as column name → value.
    static func totals(_ csv: String) -> [String: String] {
        let lines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard lines.count == 2 else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
    }

    /// Records of a rejects file (header checked), split on commas: no test value holds one.
    static func records(_ path: String) -> [[String]] {
        let text = String(decoding: FixturePaths.read(path) ?? [], as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == header)
        #expect(lines.last == "", "the file ends with a line break")
        return lines.dropFirst().dropLast().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func expectCountsMatchTotals(_ records: [[String]], totals: [String: String]) {
        #expect(String(records.count) == totals["lines_rejected"])
        for reason in reasons {
            #expect(String(records.filter { $0[3] == reason }.count) == totals[reason], "\(reason)")
        }
    }

    @Test func everyRejectedLineOfTheRulesFixtureWithItsRawValues() throws {
        let path = FixturePaths.temporaryDirectory() + "/rejects.csv"
        let run = try CLITests.roo(["summarize", RejectsCLITests.rules, "--table", "totals", "--rejects", path])
        #expect(run.status == 0, "\(run.stderr)")
        let records = RejectsCLITests.records(path)
        RejectsCLITests.expectCountsMatchTotals(records, totals: RejectsCLITests.totals(run.stdout))
        #expect(records.count == 39)
        #expect(records.allSatisfy { $0.count == 9 && $0[0] == RejectsCLITests.rules && $0[1] == "0" })
        // Rows in order, each with the value that made it fail.
        let rows = records.compactMap { Int($0[2]) }
        #expect(rows == rows.sorted() && Set(rows).count == rows.count)
        #expect(
            records[0] == [RejectsCLITests.rules, "0", "0", "missing_origin", "", "MX", "8703230190", "100.0", "0.0"])
        #expect(records.contains { $0[3] == "bad_hs" && $0[6] == "ABC" })
        #expect(records.contains { $0[3] == "invalid_value" && $0[7] == "NaN" })
        #expect(records.filter { $0[3] == "missing_duty" }.allSatisfy { $0[8] == "" })
        // A partner that is only a tab is written guarded, as every CSV text cell.
        #expect(records.contains { $0[3] == "missing_partner" && $0[5] == "'\t" })
    }

    /// A CSV with rejections scattered over many row groups once ingested.
    static func scatteredRejectsCSV(lines: Int) -> String {
        var text = "origin,partner,hs_code,customs_value,duty,program\n"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for line in 0..<lines {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int(state >> 59)  // 0...31
            let origin = pick == 0 ? "" : ["CN", "MX", "=CMD", "DE"][line % 4]
            let partner = pick == 1 ? " " : ["MX", "CA", "US"][line % 3]
            let hs = pick == 2 ? "" : (pick == 3 ? "7" : "8703\(line % 10)")
            // (No invalid value here: text like "abc" would make ingest type the column as text.)
            let value = pick == 4 ? "" : "-\(line % 50).25"
            let duty = pick == 6 ? "" : (line % 5 == 0 ? "1.00" : "0.00")
            text += "\(origin),\(partner),\(hs),\(value),\(duty),S\n"
        }
        return text
    }

    @Test func sameBytesForEveryStrategyAndThreadCountAndLineNumbersForCSV() throws {
        let directory = FixturePaths.temporaryDirectory()
        let csv = directory + "/scattered.csv"
        let parquet = directory + "/scattered.parquet"
        #expect(FixturePaths.write(Array(RejectsCLITests.scatteredRejectsCSV(lines: 20_000).utf8), to: csv))
        let ingest = try CLITests.roo([
            "ingest", csv, "--output", parquet, "--row-group-rows", "3000", "--type", "hs_code=string",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        var first: [UInt8]?
        var parquetRecords: [[String]] = []
        for (strategy, threads) in [
            ("serial", "1"), ("concurrent-perform", "2"), ("concurrent-perform", "3"), ("work-queue", "3"),
            ("shared-atomic", "2"),
        ] {
            let path = directory + "/rejects-\(strategy)-\(threads).csv"
            let run = try CLITests.roo([
                "summarize", parquet, "--table", "totals", "--strategy", strategy, "--threads", threads, "--rejects",
                path,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let bytes = FixturePaths.read(path)
            if let first { #expect(bytes == first, "\(strategy) × \(threads) differs") } else { first = bytes }
            parquetRecords = RejectsCLITests.records(path)
            RejectsCLITests.expectCountsMatchTotals(parquetRecords, totals: RejectsCLITests.totals(run.stdout))
        }
        #expect(parquetRecords.count > 2_000)
        #expect(Set(parquetRecords.map { $0[1] }).count == 7, "rejections in every row group")

        // The CSV itself: the same lines and reasons, numbered by line (header = line 1).
        let path = directory + "/rejects-csv.csv"
        let run = try CLITests.roo(["summarize", csv, "--table", "totals", "--threads", "2", "--rejects", path])
        #expect(run.status == 0, "\(run.stderr)")
        let csvRecords = RejectsCLITests.records(path)
        RejectsCLITests.expectCountsMatchTotals(csvRecords, totals: RejectsCLITests.totals(run.stdout))
        #expect(csvRecords.count == parquetRecords.count)
        for (fromCSV, fromParquet) in zip(csvRecords, parquetRecords) {
            let line = (Int(fromParquet[1]) ?? 0) * 3000 + (Int(fromParquet[2]) ?? 0) + 2
            #expect(fromCSV[1] == "" && fromCSV[2] == String(line) && fromCSV[3] == fromParquet[3])
            #expect(Array(fromCSV[4...]) == Array(fromParquet[4...]), "raw values of line \(line)")
        }
        // Formula-like text is guarded; negative amounts are numbers and stay as they are.
        #expect(csvRecords.contains { $0[4] == "'=CMD" })
        #expect(csvRecords.contains { $0[7].hasPrefix("-") })
    }

    @Test func csvOnStandardInputWithRejectsOnStandardOutput() throws {
        let csv = "origin,partner,hs_code,customs_value,duty\n,MX,8703,1.00,0\nCN,MX,7,2,0\nCN,MX,8703,5.00,0\n"
        let directory = FixturePaths.temporaryDirectory()
        let run = try CLITests.roo(
            ["summarize", "-", "--output", directory + "/", "--rejects", "-"], input: Array(csv.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == RejectsCLITests.header + "\n-,,2,missing_origin,,MX,8703,1.00,0\n-,,3,bad_hs,CN,MX,7,2,0\n")
        let totals = String(decoding: FixturePaths.read(directory + "/totals.csv") ?? [], as: UTF8.self)
        #expect(RejectsCLITests.totals(totals)["lines_aggregated"] == "1")
        // Both the table and the rejects on stdout: a usage error.
        #expect(try CLITests.roo(["summarize", "-", "--rejects", "-"], input: Array(csv.utf8)).status == 64)
        #expect(try CLITests.roo(["summarize", "-", "-"], input: Array(csv.utf8)).status == 64)
    }

    @Test func unwritableRejectsFileFailsBeforeAnyWork() throws {
        let run = try CLITests.roo([
            "summarize", RejectsCLITests.rules, "--rejects", "/proc/roo-cannot-create/rejects.csv",
        ])
        #expect(run.status == 73)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("roo: error: /proc/roo-cannot-create/rejects.csv: cannot create"))
    }

    @Test func noRejectsFileWhenTheRunFails() throws {
        let directory = FixturePaths.temporaryDirectory()
        // rules.parquet has rejected lines; the second file fails while its pages are decoded.
        let bad = FixturePaths.fixtures + "/corrupt/page-compressed-size-past-footer.parquet"
        let run = try CLITests.roo(["summarize", RejectsCLITests.rules, bad, "--rejects", directory + "/rejects.csv"])
        #expect(run.status == 65)
        #expect(FixturePaths.list(directory).isEmpty, "neither the file nor its temporary file remains")
    }
}
