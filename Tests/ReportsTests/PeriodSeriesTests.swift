import Customs
import Reports
import Testing

/// The report's time series: per bloc partner and period, summed by hand, and drawn as two line charts.
struct PeriodSeriesTests {
    static func group(_ partner: String, _ month: String, nonRegional: Int64, preference: Int64, customs: Int64)
        -> GroupRow
    {
        var measures = Measures()
        measures.nonRegionalValue = nonRegional
        measures.preferenceValue = preference
        measures.customsValue = customs
        return GroupRow(origin: "CN", chapter: 87, partner: partner, detail: ["87", month], measures: measures)
    }

    static let plan = DetailPlan(components: [.hs(digits: 2), .period(.month)])

    @Test func sumsPerPartnerAndMonthLargestPartnerFirst() throws {
        let groups = [
            PeriodSeriesTests.group("MX", "2024-01", nonRegional: 100, preference: 50, customs: 200),
            PeriodSeriesTests.group("MX", "2024-01", nonRegional: 10, preference: 0, customs: 20),
            PeriodSeriesTests.group("CA", "2024-02", nonRegional: 300, preference: 10, customs: 400),
            PeriodSeriesTests.group("DE", "2024-02", nonRegional: 999, preference: 0, customs: 999),  // not in the bloc
            PeriodSeriesTests.group("MX", "", nonRegional: 5, preference: 0, customs: 5),  // no period: left out
        ]
        let series = try #require(PeriodSeries.make(groups, plan: PeriodSeriesTests.plan, members: ["US", "MX", "CA"]))
        #expect(series.periods == ["2024-01", "2024-02"])
        #expect(series.lines.map(\.partner) == ["CA", "MX"])
        #expect(series.lines[1].points[0] == .init(nonRegionalCents: 110, preferenceCents: 50, customsCents: 220))
        #expect(series.lines[1].points[1] == .init(nonRegionalCents: 0, preferenceCents: 0, customsCents: 0))
        #expect(PeriodSeries.make(groups, plan: DimensionSet.standard.plan, members: ["MX"]) == nil)
    }

    @Test func theReportDrawsOneLinePerPartnerInBothCharts() throws {
        let groups = [
            PeriodSeriesTests.group("MX", "2024-01", nonRegional: 100, preference: 50, customs: 200),
            PeriodSeriesTests.group("MX", "2024-02", nonRegional: 150, preference: 60, customs: 200),
            PeriodSeriesTests.group("CA", "2024-02", nonRegional: 300, preference: 10, customs: 400),
        ]
        let series = PeriodSeries.make(groups, plan: PeriodSeriesTests.plan, members: ["US", "MX", "CA"])
        let html = HTMLReport.render(tables: [], notes: [], series: series)
        #expect(html.contains("<section id=\"series\">") && html.contains("MX Mexico"))
        // Two partners × two charts; CA has no customs value in 2024-01, so its share line starts in 2024-02.
        #expect(html.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(html.contains("<title>2024-01: 25.0%</title>") && html.contains("<title>2024-02: 30.0%</title>"))
        #expect(html.contains("<title>2024-02: 2.5%</title>"))
        #expect(!HTMLReport.render(tables: [], notes: []).contains("id=\"series\""))
        // A negative claim share (a correction line) keeps its sign below 1%.
        let negative = [
            PeriodSeriesTests.group("MX", "2024-01", nonRegional: 1, preference: -1, customs: 200),
            PeriodSeriesTests.group("MX", "2024-02", nonRegional: 1, preference: 0, customs: 200),
        ]
        let report = HTMLReport.render(
            tables: [], notes: [], series: PeriodSeries.make(negative, plan: PeriodSeriesTests.plan, members: ["MX"]))
        #expect(report.contains("<title>2024-01: -0.5%</title>"))
    }
}
