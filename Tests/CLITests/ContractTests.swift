import Foundation
import Testing
import TestSupport

/// Rules of the product contract checked end to end, through both input
/// planes (CSV and Parquet) where they apply.
@Suite(.serialized) struct ContractTests {
    /// One field's failing values: (reason, field index, raw text).
    static let failures: [(reason: String, field: Int, text: String)] = [
        ("missing_origin", 0, ""), ("missing_partner", 1, ""), ("missing_hs", 2, ""), ("bad_hs", 2, "7"),
        ("missing_value", 3, ""), ("invalid_value", 3, "NaN"), ("missing_duty", 4, ""),
    ]
    static let reasons = [
        "missing_origin", "missing_partner", "missing_hs", "bad_hs", "missing_value", "invalid_value", "missing_duty",
    ]

    /// Lines failing every pair of rules on different fields, once inside
    /// the period filter (202401) and once outside it (202412), plus one good line.
    static func pairsCSV() -> (text: String, expected: [String: Int]) {
        var lines = ["origin,partner,hs_code,customs_value,duty,period"]
        var expected = Dictionary(uniqueKeysWithValues: reasons.map { ($0, 0) })
        for (index, a) in failures.enumerated() {
            for b in failures[(index + 1)...] where a.field != b.field {
                for period in ["202401", "202412"] {
                    var fields = ["CN", "MX", "8703230000", "10.00", "0.00", period]
                    fields[a.field] = a.text
                    fields[b.field] = b.text
                    lines.append(fields.joined(separator: ","))
                }
                expected[a.reason, default: 0] += 1
            }
        }
        lines.append("CN,MX,8703230000,10.00,0.00,202401")
        return (lines.joined(separator: "\n") + "\n", expected)
    }

    @Test func theFirstFailingRuleWinsAndFiltersComeFirstInBothPlanes() throws {
        let directory = FixturePaths.temporaryDirectory()
        let (text, expected) = ContractTests.pairsCSV()
        let csv = directory + "/pairs.csv"
        #expect(FixturePaths.write(Array(text.utf8), to: csv))
        let parquet = directory + "/pairs.parquet"
        let ingest = try CLITests.roo([
            "ingest", csv, "--output", parquet, "--type", "hs_code=string", "--type", "customs_value=double",
            "--type", "duty=double", "--type", "origin=string", "--type", "partner=string", "--type", "period=int64",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        var outputs: [[String: String]] = []
        for input in [csv, parquet] {
            let run = try CLITests.roo([
                "summarize", input, "--table", "totals", "--from", "202401", "--to", "202406", "--rejects",
                directory + "/r.csv",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let totals = RejectsCLITests.totals(run.stdout)
            for reason in ContractTests.reasons {
                #expect(totals[reason] == String(expected[reason] ?? -1), "\(input): \(reason) in \(totals)")
            }
            #expect(
                totals["lines_filtered"] == "19" && totals["lines_aggregated"] == "1" && totals["lines_read"] == "39",
                "\(input): \(totals)")
            outputs.append(totals)
        }
        #expect(outputs[0] == outputs[1], "both planes agree")
    }

    @Test func existingOutputsStayByteIdenticalWhenALaterInputFails() throws {
        let directory = FixturePaths.temporaryDirectory()
        let good = FixturePaths.fixtures + "/rules.parquet"
        let bad = FixturePaths.fixtures + "/corrupt/page-compressed-size-past-footer.parquet"
        let targets: [[String]] = [
            ["--output", directory + "/tables/", "--rejects", directory + "/rejects.csv"],
            ["--output", directory + "/book.xlsx"], ["--output", directory + "/report.html"],
            ["--partial", directory + "/part.parquet"],
        ]
        for target in targets {
            #expect(try CLITests.roo(["summarize", good] + target).status == 0)
        }
        var before: [String: [UInt8]] = [:]
        for name in [
            "tables/detail.csv", "tables/totals.csv", "rejects.csv", "book.xlsx", "report.html", "part.parquet",
        ] {
            before[name] = FixturePaths.read(directory + "/" + name)
            #expect(before[name]?.isEmpty == false, "\(name)")
        }
        for target in targets {
            let run = try CLITests.roo(["summarize", good, bad] + target)
            #expect(run.status == 65, "\(target): \(run.stderr)")
        }
        for (name, bytes) in before { #expect(FixturePaths.read(directory + "/" + name) == bytes, "\(name) changed") }
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
        #expect(FixturePaths.list(directory + "/tables").allSatisfy { !$0.contains("tmp-") })
    }

    @Test func oneValueThatDoesNotFitInt64CentsIsOneErrorLine() throws {
        let directory = FixturePaths.temporaryDirectory()
        let csv = directory + "/dollars.csv"
        // Whole dollars in INT64: 10^17 dollars is 10^19 cents, past Int64.
        #expect(
            FixturePaths.write(
                Array(
                    ("origin,partner,hs_code,customs_value,duty\nCN,MX,8703230000,5,0\nCN,MX,8703230000,"
                        + "100000000000000000,0\n").utf8), to: csv))
        let parquet = directory + "/dollars.parquet"
        #expect(
            try CLITests.roo([
                "ingest", csv, "--output", parquet, "--type", "hs_code=string", "--type", "customs_value=int64",
                "--type", "duty=int64",
            ]).status == 0)
        let run = try CLITests.roo(["summarize", parquet, "--output", directory + "/out/"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.split(separator: "\n").count == 1
                && run.stderr.contains(
                    "row group 0, column \"customs_value\": value at row 1 does not fit Int64 "
                        + "cents"),
            "\(run.stderr)")
        #expect(!FixturePaths.exists(directory + "/out"))
    }
}
