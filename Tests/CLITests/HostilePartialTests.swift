import Customs
import Parquet
@testable import Partial
import Reports
@testable import Summarize
import TestSupport
import Testing

/// `roo merge` on partial files that roo did not write: one error line
/// (exit 65), never a trap, never merged numbers that lie.
struct HostilePartialTests {
    static func aggregate(
        files: Int = 1, rejected: [Int64]? = nil, linesRead: Int64? = nil, groupLines: Int64 = 2
    ) -> ExactAggregate {
        var measures = Measures()
        measures.lines = groupLines
        measures.customsValue = 1_000
        let rejected = rejected ?? Array(repeating: 0, count: RejectionReason.allCases.count)
        let totals = TotalsInput(
            files: files, linesRead: linesRead ?? groupLines, linesFiltered: 0, rejected: rejected,
            linesAggregated: groupLines)
        return ExactAggregate(
            groups: [GroupRow(origin: "CN", chapter: 87, partner: "MX", measures: measures)], totals: totals,
            semantics: SemanticOptions(SummarizeOptions(inputs: [])))
    }

    static func merge(_ aggregates: [ExactAggregate]) throws -> CLITests.Run {
        let directory = FixturePaths.temporaryDirectory()
        var paths: [String] = []
        for (index, aggregate) in aggregates.enumerated() {
            let path = "\(directory)/p\(index).parquet"
            try PartialFile.write(aggregate, to: path)
            paths.append(path)
        }
        return try CLITests.roo(["merge"] + paths + ["--table", "totals"])
    }

    @Test func countersThatDoNotAddUp() throws {
        var huge = Array(repeating: Int64(0), count: RejectionReason.allCases.count)
        huge[0] = .max
        huge[1] = .max
        let overflow = try HostilePartialTests.merge([HostilePartialTests.aggregate(rejected: huge)])
        #expect(overflow.status == 65 && overflow.stderr.contains("do not add up to lines_read"), "\(overflow.stderr)")
        let lying = try HostilePartialTests.merge([HostilePartialTests.aggregate(linesRead: 5)])
        #expect(lying.status == 65, "\(lying.stderr)")
        let groups = try HostilePartialTests.merge([HostilePartialTests.aggregate(groupLines: 0)])
        #expect(groups.status == 65 && groups.stderr.contains("line counts"), "\(groups.stderr)")
    }

    @Test func fileCountsThatOverflowWhenSummed() throws {
        let run = try HostilePartialTests.merge([
            HostilePartialTests.aggregate(files: .max), HostilePartialTests.aggregate(files: .max),
        ])
        #expect(run.status == 65 && run.stderr.contains("overflows"), "\(run.stderr)")
    }

    @Test func moneyThatIsNotCentsAndOptionsNoRunWrites() throws {
        let directory = FixturePaths.temporaryDirectory()
        // The same columns, but money as DECIMAL(18,4): read as cents it would be 100 times too large.
        var columns = PartialFile.columns
        for index in columns.indices where PartialFile.moneyColumns.contains(columns[index].name) {
            columns[index].logicalType = .decimal(scale: 4, precision: 18)
        }
        var options = WriterOptions()
        options.keyValueMetadata = PartialFile.metadata(HostilePartialTests.aggregate())
        let writer = try ParquetWriter(path: directory + "/scale.parquet", columns: columns, options: options)
        let data: [ColumnData] =
            [
                ColumnData(.byteArray(offsets: [0, 2], bytes: Array("CN".utf8))),
                ColumnData(.byteArray(offsets: [0, 2], bytes: Array("MX".utf8))),
                ColumnData(.int32([87])), ColumnData(.int64([2])), ColumnData(.int64([0])),
            ] + PartialFile.moneyColumns.map { _ in ColumnData(.int64([1_000])) }
        try writer.write(data)
        try writer.close()
        let scale = try CLITests.roo(["merge", directory + "/scale.parquet"])
        #expect(scale.status == 65 && scale.stderr.contains("not DECIMAL(18,2)"), "\(scale.stderr)")

        var bogus = HostilePartialTests.aggregate()
        bogus.semantics =
            SemanticOptions(
                values: Dictionary(
                    uniqueKeysWithValues: SemanticOptions.names.map { ($0, $0 == "hs-width" ? "abc" : "") }))
            ?? bogus.semantics
        let invalid = try HostilePartialTests.merge([bogus])
        #expect(invalid.status == 65 && invalid.stderr.contains("roo.option."), "\(invalid.stderr)")
    }

    @Test func strayFilesAndStdinAreNotPartials() throws {
        let directory = FixturePaths.temporaryDirectory()
        try PartialFile.write(HostilePartialTests.aggregate(), to: directory + "/p.parquet")
        #expect(FixturePaths.write(Array("a,b\n".utf8), to: directory + "/notes.csv"))
        let run = try CLITests.roo(["merge", directory, "--table", "totals"])
        #expect(run.status == 0 && run.stdout.contains("\n1,2,0,0,"), "\(run.stderr) \(run.stdout)")
        #expect(try CLITests.roo(["merge", "-"]).status == 64)
        // --row-groups is for Parquet inputs only.
        let csv = try CLITests.roo([
            "summarize", directory + "/notes.csv", "--row-groups", "0:1", "--partial", directory + "/x.parquet",
        ])
        #expect(csv.status == 64, "\(csv.stderr)")
    }
}
