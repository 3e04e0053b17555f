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

    /// Mexico in two months, Canada in the second only.
    static let twoMonths = [
        group("MX", "2024-01", nonRegional: 100, preference: 50, customs: 200),
        group("MX", "2024-02", nonRegional: 150, preference: 60, customs: 200),
        group("CA", "2024-02", nonRegional: 300, preference: 10, customs: 400),
    ]

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
        let series = PeriodSeries.make(
            PeriodSeriesTests.twoMonths, plan: PeriodSeriesTests.plan, members: ["US", "MX", "CA"])
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

    /// The workbook's `over_time` sheet: the series' cells, and two line charts whose series refer to
    /// those cells and cache their values (a viewer that does not recalculate draws them too).
    @Test func theWorkbookDrawsTheSeriesFromItsOwnCells() throws {
        let series = PeriodSeries.make(
            PeriodSeriesTests.twoMonths, plan: PeriodSeriesTests.plan, members: ["US", "MX", "CA"])
        let workbook = XLSXWorkbook(tables: [], notes: [], series: series)
        #expect(workbook.sheets.map(\.name) == ["summary", "over_time", "notes"])
        let sheet = workbook.sheets[1]
        #expect(
            sheet.rows[0].map { $0?.value } == [
                .text("month"), .text("Canada (CA): non-regional value, US$"),
                .text("Mexico (MX): non-regional value, US$"),
                .text("Canada (CA): claim share"), .text("Mexico (MX): claim share"),
            ])
        #expect(
            sheet.rows[1].map { $0?.value } == [
                .text("2024-01"), .money(0), .money(100), .share(numerator: 0, denominator: 0),
                .share(numerator: 50, denominator: 200),
            ])
        let parts = Dictionary(uniqueKeysWithValues: workbook.parts().map { ($0.path, $0.contents) })
        let value = try #require(parts["xl/charts/chart1.xml"])
        let share = try #require(parts["xl/charts/chart2.xml"])
        #expect(
            value.contains("<c:f>'over_time'!$B$2:$B$3</c:f>") && value.contains("<c:f>'over_time'!$C$2:$C$3</c:f>"))
        #expect(value.contains("<c:tx><c:v>Canada (CA)</c:v></c:tx>") && value.contains("<c:v>2024-02</c:v>"))
        // Mexico's value in 2024-02 (C3) is 1.50; Canada's share in 2024-01 (no customs value) is a gap.
        #expect(value.contains("<c:pt idx=\"1\"><c:v>1.50</c:v></c:pt>"))
        #expect(share.contains("<c:f>'over_time'!$D$2:$D$3</c:f>") && share.contains("<c:max val=\"1\"/>"))
        #expect(share.contains("<c:ptCount val=\"2\"/><c:pt idx=\"1\"><c:v>0.025000</c:v></c:pt></c:numCache>"))
        #expect(parts["xl/worksheets/sheet2.xml"]?.hasSuffix("<drawing r:id=\"rId1\"/></worksheet>") == true)
        #expect(parts["xl/worksheets/_rels/sheet2.xml.rels"]?.contains("../drawings/drawing1.xml") == true)
        #expect(parts["xl/drawings/_rels/drawing1.xml.rels"]?.contains("../charts/chart2.xml") == true)
        let types = try #require(parts["[Content_Types].xml"])
        #expect(types.contains("/xl/charts/chart2.xml") && types.contains("/xl/drawings/drawing1.xml"))
        // One period, or none: no sheet, no drawing.
        let single = PeriodSeries.make(
            Array(PeriodSeriesTests.twoMonths.prefix(1)), plan: PeriodSeriesTests.plan, members: ["MX"])
        let plain = XLSXWorkbook(tables: [], notes: [], series: single)
        #expect(plain.sheets.map(\.name) == ["summary", "notes"])
        #expect(!plain.parts().contains { $0.path.contains("chart") || $0.path.contains("drawing") })
    }
}
