import Customs
@testable import Reports
import Summarize
import TestSupport
import Testing

/// `Flows` (the lists the terminal view and the report share) follows the
/// one route rule of `through_bloc`: its sums agree with that table.
struct FlowsTests {
    @Test func routesAgreeWithTheThroughBlocTable() throws {
        let tables = try SummarizeEngine.run(SummarizeOptions(inputs: [FixturePaths.fixtures + "/sample-2024.parquet"]))
        let detail = try #require(tables.first { $0.name == .detail })
        let headline = try #require(Headline(tables: tables, context: HTMLReportTests.context))
        let members = HTMLReportTests.usmca
        let flows = Flows.all(detail, members: members)
        #expect(flows.count == detail.rows.count)
        let passThrough = flows.filter { $0.route == .passThrough }.reduce(Int64(0)) { $0 + $1.nonRegionalCents }
        let declared = flows.filter { $0.route == .declared }.reduce(Int64(0)) { $0 + $1.nonRegionalCents }
        #expect(passThrough == headline.passThroughCents && declared == headline.declaredCents)
        #expect(Flows.throughBlocSum(detail, members: members) == Int128(headline.nonRegionalCents))
        let chapters = Flows.throughBlocByChapter(detail, members: members)
        #expect(chapters.reduce(Int64(0)) { $0 + $1.nonRegionalCents } == headline.nonRegionalCents)
        #expect(chapters.map(\.nonRegionalCents) == chapters.map(\.nonRegionalCents).sorted(by: >))
        #expect(chapters.allSatisfy { $0.passThroughCents + $0.declaredCents == $0.nonRegionalCents })
    }

    @Test func listsRankByValueWithoutZerosAndNeverMixRoutes() throws {
        let tables = try HTMLReportTests.tables()
        let detail = try #require(tables.first { $0.name == .detail })
        let through = Flows.throughBloc(detail, members: HTMLReportTests.usmca, limit: 10)
        #expect(through.map { "\($0.origin)>\($0.partner)" } == ["CN>MX", "MX>MX", "CA>CA"])
        #expect(through.map(\.route) == [.passThrough, .declared, .declared])
        #expect(Flows.throughBloc(detail, members: HTMLReportTests.usmca, limit: 1).count == 1)
        let direct = Flows.direct(detail, members: HTMLReportTests.usmca, limit: 10)
        #expect(direct.map { "\($0.origin)>\($0.partner)" } == ["DE>DE"])
        #expect(FlowRoute(origin: "CN", partner: "MX", members: HTMLReportTests.usmca) == .passThrough)
        #expect(FlowRoute(origin: "MX", partner: "CA", members: HTMLReportTests.usmca) == .declared)
        #expect(FlowRoute(origin: "MX", partner: "DE", members: HTMLReportTests.usmca) == .direct)
    }

    @Test func terminalViewListsTheSameFlowsThroughTheBloc() throws {
        let tables = try HTMLReportTests.tables()
        let detail = try #require(tables.first { $0.name == .detail })
        let block = TerminalSummary.flowsBlock(detail, members: HTMLReportTests.usmca)
        let lines = block.split(separator: "\n").map { String($0) }
        #expect(lines.count == 5, "\(block)")
        #expect(
            lines[2].hasPrefix("  China ") && lines[2].contains(" MX ") && lines[2].hasSuffix(" 500  pass-through"),
            "\(block)")
        #expect(lines[3].hasPrefix("  Mexico ") && lines[3].hasSuffix(" 300  declared"), "\(block)")
        #expect(!block.contains("Germany") && !block.contains("United States"))
    }

    @Test func terminalDirectRowLeavesBothPartsBlank() throws {
        let tables = try SummarizeEngine.run(SummarizeOptions(inputs: [FixturePaths.fixtures + "/sample-2024.parquet"]))
        let through = try #require(tables.first { $0.name == .throughBloc })
        let lines = TerminalSummary.throughBlocBlock(through).split(separator: "\n").map { String($0) }
        let direct = try #require(lines.first { $0.contains("(direct, outside the bloc)") })
        // Lines, duty-free, non-regional, share and utilization (the sample has a rate provision) only:
        // pass-through and declared do not apply.
        #expect(direct.split(separator: " ", omittingEmptySubsequences: true).count == 9, "\(direct)")
        #expect(direct.hasSuffix("2,520,848,513                                  100.0%         0.0%"), "\(direct)")
        #expect(lines.last?.hasPrefix("Utilization: ") == true, "\(lines)")
    }

    @Test func amountsForPeopleKeepTheirSign() {
        // A negative share (a credit note larger than the rest) once trapped.
        #expect(Headline.percent(-30, of: 72_375) == "0.0%")
        #expect(Headline.percent(-3_000, of: 72_375) == "-4.1%")
        #expect(Headline.percent(1, of: 3) == "33.3%")
        #expect(AmountText.wholeDollars(-123_456_789) == "-1,234,568")
        #expect(AmountText.wholeDollars(-40) == "0")
        #expect(AmountText.wholeDollars(Int64.min) == "-92,233,720,368,547,758")
    }
}
