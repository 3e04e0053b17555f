import Customs
@testable import Partial
import Reports
import RooSupport
import TestSupport
import Testing

/// The exact aggregate of a run: its partial file round trip, and merging
/// (any split of the groups merges to the whole, options must agree,
/// overflow is an error, never a wrapped number).
struct ExactAggregateTests {
    /// Options as a plain run records them.
    static let semantics = SemanticOptions(
        entries: SemanticOptions.names.map { name in
            let values = [
                "region": "CA,MX,US", "duty-free-by": "duty", "hs-width": "10", "pad-hs": "no",
                "country-codes": "iso2", "preference-programs": "S,S+", "by": "origin,hs2,partner",
            ]
            return (name, values[name] ?? "")
        })

    static func measures(lines: Int64, value: Int64, free: Int64, nonRegional: Int64) -> Measures {
        Measures(
            lines: lines, customsValue: value, duty: 0, dutyFreeLines: lines, dutyFreeValue: free,
            preferenceValue: free, nonRegionalValue: nonRegional)
    }

    static let groups = [
        GroupRow(
            origin: "CN", chapter: 87, partner: "MX",
            measures: measures(lines: 3, value: 90_000, free: 90_000, nonRegional: 90_000)),
        GroupRow(
            origin: "MX", chapter: 85, partner: "MX",
            measures: measures(lines: 2, value: 5_000, free: 5_000, nonRegional: 700)),
        GroupRow(
            origin: "Åland", chapter: 1, partner: "CA", measures: measures(lines: 1, value: 12, free: 0, nonRegional: 0)
        ),
    ]

    static func aggregate(_ groups: [GroupRow], files: Int = 1, semantics: SemanticOptions = semantics)
        -> ExactAggregate
    {
        let lines = groups.reduce(0) { $0 + $1.measures.lines }
        let totals = TotalsInput(
            files: files, linesRead: lines + 1, linesFiltered: 0,
            rejected: [1] + Array(repeating: 0, count: RejectionReason.allCases.count - 1), linesAggregated: lines)
        return ExactAggregate(groups: groups, totals: totals, semantics: semantics, periods: 202_401...202_406)
    }

    static func csv(_ aggregate: ExactAggregate) throws -> [String] {
        try aggregate.tables(top: nil).map { OutputFormat.csv.render($0) }
    }

    @Test func aPartialFileReadsBackToTheSameTables() throws {
        let path = FixturePaths.temporaryDirectory() + "/part.parquet"
        let original = ExactAggregateTests.aggregate(ExactAggregateTests.groups)
        try PartialFile.write(original, to: path)
        let read = try PartialFile.read(path)
        #expect(read.semantics == original.semantics)
        #expect(read.periods == original.periods)
        #expect(try ExactAggregateTests.csv(read) == ExactAggregateTests.csv(original))
    }

    @Test func anySplitMergesToTheWhole() throws {
        let whole = try ExactAggregateTests.csv(ExactAggregateTests.aggregate(ExactAggregateTests.groups))
        let groups = ExactAggregateTests.groups
        // The CN line split over two parts, the others apart: same tables, whatever the order.
        var half = groups[0]
        half.measures = ExactAggregateTests.measures(lines: 1, value: 30_000, free: 30_000, nonRegional: 30_000)
        var rest = groups[0]
        rest.measures = ExactAggregateTests.measures(lines: 2, value: 60_000, free: 60_000, nonRegional: 60_000)
        let a = ExactAggregateTests.aggregate([half, groups[1]])
        var b = ExactAggregateTests.aggregate([rest, groups[2]], files: 0)
        b.totals.linesRead -= 1
        b.totals.rejected[0] = 0
        for parts in [[a, b], [b, a]] {
            let merged = try ExactAggregate.merged(parts, names: ["a", "b"])
            #expect(try ExactAggregateTests.csv(merged) == whole)
        }
    }

    @Test func partialsOfOtherOptionsAreRefusedNamingTheOption() {
        var entries = ExactAggregateTests.semantics.entries
        entries[entries.firstIndex { $0.option == "hs-width" }!].value = "6"
        let other = ExactAggregateTests.aggregate(
            ExactAggregateTests.groups, semantics: SemanticOptions(entries: entries))
        #expect {
            try ExactAggregate.merged(
                [ExactAggregateTests.aggregate(ExactAggregateTests.groups), other], names: ["a", "b"])
        } throws: { error in
            let roo = error as? RooError
            return roo?.status == .usage
                && roo?.message == "partials were computed with different --hs-width: a has \"10\", b has \"6\""
        }
    }

    /// The value basis is said by the inputs that have one: a partial of plain files (no basis) merges with
    /// one of Census files, in any order, and the merged options carry the basis; two bases refuse.
    @Test func aValueBasisIsSaidOnlyByPartsThatHaveOne() throws {
        func basis(_ text: String) -> ExactAggregate {
            var entries = ExactAggregateTests.semantics.entries
            entries[entries.firstIndex { $0.option == "value-basis" }!].value = text
            return ExactAggregateTests.aggregate(
                ExactAggregateTests.groups, semantics: SemanticOptions(entries: entries))
        }
        let (plain, census, general) = (basis(""), basis("imports for consumption (CON_VAL_MO)"), basis("general"))
        for parts in [[plain, census], [census, plain], [plain, plain, census]] {
            let merged = try ExactAggregate.merged(parts, names: parts.indices.map { "p\($0)" })
            #expect(merged.semantics.value(of: "value-basis") == "imports for consumption (CON_VAL_MO)")
        }
        #expect(try ExactAggregate.merged([plain, plain], names: ["a", "b"]).semantics.value(of: "value-basis") == "")
        // Two bases refuse, even with a plain part first.
        #expect {
            try ExactAggregate.merged([plain, census, general], names: ["a", "b", "c"])
        } throws: { error in
            (error as? RooError)?.message
                == "partials were computed with different --basis: b has \"imports for consumption (CON_VAL_MO)\", "
                + "c has \"general\""
        }
    }

    @Test func aSumPastInt64CentsIsAnErrorNotAWrappedNumber() {
        var big = ExactAggregateTests.groups[0]
        big.measures.customsValue = .max - 10
        #expect {
            try ExactAggregate.merged(
                [ExactAggregateTests.aggregate([big]), ExactAggregateTests.aggregate([big])], names: ["a", "b"])
        } throws: { error in
            (error as? RooError)?.status == .dataError
        }
    }
}
