import Customs
@testable import Reports
import Summarize
import TestSupport
import Testing

/// The HTML report: the headline first, then how to read it, the flows
/// through the bloc, the direct flows apart, the charts and the data
/// quality; no zero row in a list; every text escaped; balanced tags; no
/// external assets; the same bytes for the same tables.
struct HTMLReportTests {
    static let usmca: Set<String> = ["US", "CA", "MX"]
    static let context = Headline.Context(
        period: "2024", region: ["CA", "MX", "US"], isUSMCA: true, programs: ["S", "S+"])

    /// A duty-free group worth `value` cents, `nonRegional` of it non-regional.
    static func group(
        _ origin: String, _ chapter: Int, _ partner: String, value: Int64, nonRegional: Int64
    ) -> GroupRow {
        GroupRow(
            origin: origin, chapter: chapter, partner: partner,
            measures: Measures(
                lines: 1, customsValue: value, duty: 0, dutyFreeLines: 1, dutyFreeValue: value,
                preferenceValue: 0, nonRegionalValue: nonRegional))
    }

    /// Flows of every kind: pass-through (CN via MX), declared (MX via MX),
    /// zero-valued through-bloc flows, a large direct flow (DE from DE) that
    /// outranks them, and a zero direct flow.
    static let groups: [GroupRow] = [
        group("DE", 30, "DE", value: 900_000, nonRegional: 900_000),
        group("CN", 87, "MX", value: 50_000, nonRegional: 50_000),
        group("MX", 87, "MX", value: 200_000, nonRegional: 30_000),
        group("CA", 27, "CA", value: 70_000, nonRegional: 10_000),
        group("US", 98, "CA", value: 5_000, nonRegional: 0),
        group("MX", 84, "MX", value: 4_000, nonRegional: 0),
        group("JP", 85, "JP", value: 0, nonRegional: 0),
    ]

    static func tables(_ groups: [GroupRow] = groups, top: Int? = nil) throws -> [SummaryTable] {
        let totals = TotalsInput(
            files: 1, linesRead: Int64(groups.count + 2), linesFiltered: 1,
            rejected: [1, 0, 0, 0, 0, 0, 0], linesAggregated: Int64(groups.count))
        return try SummaryTable.buildAll(groups: groups, totals: totals, top: top, members: usmca)
    }

    static func render(
        _ tables: [SummaryTable], notes: [(String, String)] = [("inputs", "x.parquet"), ("currency", "USD")]
    ) -> String {
        HTMLReport.render(tables: tables, notes: notes, headline: Headline(tables: tables, context: context))
    }

    /// The text of the element whose start tag holds `id="ID"`, up to its end tag `close`.
    static func part(_ html: String, id: String, close: String) -> Substring {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: close) else { return rest }
        return rest[..<end.upperBound]
    }

    @Test func headlineIsTheFirstThingInTheDocument() throws {
        let html = HTMLReportTests.render(try HTMLReportTests.tables())
        let body = try #require(html.range(of: "<main>\n"))
        #expect(html[body.upperBound...].hasPrefix("<header id=\"headline\""))
        let number = try #require(html.range(of: "<span id=\"headline-number\" class=\"figure\">US$900</span>"))
        #expect(html.range(of: "<section")!.lowerBound > number.upperBound)
        let header = HTMLReportTests.part(html, id: "headline", close: "</header>")
        // Its two parts, the per-partner split, period, region, programs, currency.
        #expect(
            header.contains(
                "US$500</p><p class=\"part-phrase\">of goods made outside the bloc and shipped from there</p>"))
        #expect(
            header.contains(
                "US$400</p><p class=\"part-phrase\">of non-originating materials declared in preference claims (S, "
                    + "S+)</p>"
            ))
        #expect(header.contains("<th scope=\"row\">MX Mexico</th><td class=\"number\">US$800</td>"))
        #expect(header.contains("<th scope=\"row\">CA Canada</th><td class=\"number\">US$100</td>"))
        for fact in [
            "<dt>Period</dt><dd>2024</dd>", "<dt>Region</dt><dd>USMCA (CA, MX, US)</dd>",
            "<dt>Preference programs</dt><dd>S, S+</dd>", "<dt>Currency</dt><dd>USD</dd>",
        ] {
            #expect(header.contains(fact), "\(fact)")
        }
        #expect(html.contains("<title>roo: US$900 of non-regional content through the bloc</title>"))
    }

    @Test func sectionsComeInReadingOrder() throws {
        let html = HTMLReportTests.render(try HTMLReportTests.tables())
        let ids = [
            "id=\"headline\"", "id=\"how-to-read\"", "id=\"through-bloc\"", "id=\"direct\"", "id=\"charts\"",
            "id=\"data-quality\"",
        ]
        let positions = try ids.map { try #require(html.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        // Every definition is in "how to read this", from the one list.
        let terms = HTMLReportTests.part(html, id: "how-to-read", close: "</section>")
        for term in Definitions.terms { #expect(terms.contains("<dt>\(HTMLText.escaped(term.term))</dt>")) }
    }

    @Test func throughBlocListLeadsWithBlocFlowsAndLeavesDirectOnesOut() throws {
        let html = HTMLReportTests.render(try HTMLReportTests.tables())
        let through = HTMLReportTests.part(html, id: "through-bloc-flows", close: "</table>")
        let direct = HTMLReportTests.part(html, id: "direct-flows", close: "</table>")
        // The DE→DE flow is the largest row of detail, yet only in the direct list.
        #expect(!through.contains("DE Germany"))
        #expect(direct.contains("<td>DE Germany</td><td>30 Pharmaceuticals</td><td>DE Germany</td>"))
        #expect(
            through.contains(
                "<tbody>\n<tr><td>CN China</td><td>87 Vehicles (non-rail) &amp; parts</td><td>MX Mexico</td>"
                    + "<td><span class=\"tag pass\">pass-through</span></td><td class=\"number\">500</td>"))
        #expect(through.contains("</tr>\n<tr><td>MX Mexico</td>"))
        #expect(
            through.contains(
                "<span class=\"tag declared\">declared</span></td><td class=\"number\">300</td><td "
                    + "class=\"number\">15.0%</td>"
            ))
        #expect(!direct.contains("CN China") && !direct.contains("MX Mexico"))
        #expect(
            HTMLReportTests.part(html, id: "direct", close: "</p>").contains(
                "US$9,000 of non-regional content entered duty-free shipped straight from outside the bloc"))
    }

    @Test func noListHoldsARowWorthZero() throws {
        let html = HTMLReportTests.render(try HTMLReportTests.tables())
        let through = HTMLReportTests.part(html, id: "through-bloc-flows", close: "</table>")
        let direct = HTMLReportTests.part(html, id: "direct-flows", close: "</table>")
        #expect(through.components(separatedBy: "<tr><td>").count - 1 == 3)
        #expect(direct.components(separatedBy: "<tr><td>").count - 1 == 1)
        for list in [through, direct] {
            #expect(!list.contains(">0.00</td>") && !list.contains(">0</td>"))
            #expect(!list.contains("US United States") && !list.contains("84 Machinery") && !list.contains("JP Japan"))
        }
        let chapters = HTMLReportTests.part(html, id: "chart-chapter", close: "</svg>")
        #expect(!chapters.contains("98 ") && !chapters.contains("84 "))
        #expect(chapters.contains("87 Vehicles (non-rail) &amp; parts") && chapters.contains("27 Mineral fuels"))
    }

    @Test func everyTextIsEscaped() throws {
        let hostile = "<script>alert('x')</script>"
        let tables = try HTMLReportTests.tables(
            HTMLReportTests.groups + [
                HTMLReportTests.group(hostile, 87, "MX", value: 100_000, nonRegional: 100_000),
                HTMLReportTests.group("\"><b>", 12, "=SUM(A1)&", value: 70_000, nonRegional: 70_000),
            ])
        let html = HTMLReportTests.render(
            tables, notes: [("inputs", "a<b>.parquet \u{1B}[31m"), ("currency", "USD & co")])
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("\u{1B}"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;b&gt;") && html.contains("=SUM(A1)&amp;"))
        #expect(html.contains("a&lt;b&gt;.parquet \\x1B[31m"))
        #expect(html.contains("<dd>USD &amp; co</dd>"))
        // Self-contained: nothing to fetch or follow.
        for needle in ["src=", "href=", "url(", "@import", "<link", "<img"] {
            #expect(!html.contains(needle), "\(needle)")
        }
    }

    @Test func sameTablesGiveTheSameBytes() throws {
        let first = HTMLReportTests.render(try HTMLReportTests.tables())
        let second = HTMLReportTests.render(try HTMLReportTests.tables(HTMLReportTests.groups.reversed()))
        #expect(first == second)
    }

    @Test func dataQualityLabelsTheCountersAndKeepsTheNotes() throws {
        let tables = try HTMLReportTests.tables()
        let notes = SummaryNotesSample.notes(tables)
        let html = HTMLReportTests.render(tables, notes: notes)
        let quality = HTMLReportTests.part(html, id: "data-quality", close: "</section>")
        #expect(quality.contains("9 lines read = 1 filtered out + 1 rejected + 7 summarized."))
        #expect(
            quality.contains(
                "<tr><th scope=\"row\">Lines read <code>lines_read</code></th><td class=\"number\">9</td></tr>"))
        #expect(
            quality.contains(
                "<tr class=\"sub\"><th scope=\"row\">no country of origin <code>missing_origin</code></th><td "
                    + "class=\"number\">1</td></tr>"
            ))
        #expect(quality.contains("<tr><th scope=\"row\">inputs</th><td>x.parquet</td></tr>"))
        // A note repeating a totals column is shown once, labelled, above.
        #expect(!quality.contains("<tr><th scope=\"row\">lines_read</th>"))
    }

    @Test func aDetailCutByTopIsSaidSo() throws {
        let html = HTMLReportTests.render(try HTMLReportTests.tables(top: 2))
        #expect(html.contains("The detail table was cut by --top: only its rows are listed."))
        #expect(html.contains("from the rows of the detail table, cut by --top"))
        let whole = HTMLReportTests.render(try HTMLReportTests.tables())
        #expect(!whole.contains("cut by --top"))
    }

    @Test func fixtureReportHasBalancedTags() throws {
        let tables = try SummarizeEngine.run(SummarizeOptions(inputs: [FixturePaths.fixtures + "/rules.parquet"]))
        let html = HTMLReport.render(
            tables: tables, notes: [("inputs", "rules.parquet <&>")],
            headline: Headline(tables: tables, context: HTMLReportTests.context))
        #expect(html.contains("rules.parquet &lt;&amp;&gt;"))
        // Negative parts (a credit note) do not stop the report.
        #expect(html.contains("<td class=\"number\">-US$30</td><td class=\"number\">-4.1%</td>"))
        var stack: [String] = []
        var index = html.startIndex
        let voidTags: Set<String> = ["meta", "rect", "col", "!DOCTYPE"]
        while let open = html[index...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = html[html.index(after: open)..<close]
            index = html.index(after: close)
            let name = String(tag.prefix { $0 != " " && $0 != ">" && $0 != "/" || $0 == "/" && tag.first == "/" })
            if tag.hasSuffix("/") || voidTags.contains(name) { continue }
            if name.hasPrefix("/") {
                #expect(stack.popLast() == String(name.dropFirst()), "unbalanced </\(name.dropFirst())>")
            } else {
                stack.append(name)
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack)")
    }

    @Test func moneyAndSharesForPeople() {
        #expect(HTMLText.display(.money(123_456_789)) == "1,234,567.89")
        #expect(HTMLText.display(.money(-100)) == "-1.00")
        #expect(HTMLText.display(.share(numerator: 1, denominator: 3)) == "33.3%")
        #expect(HTMLText.display(.share(numerator: 0, denominator: 0)) == "")
        #expect(HTMLText.display(.integer(-1_234)) == "-1,234")
        // Lists: whole dollars, cents only below a dollar (never a bare 0).
        #expect(HTMLText.dollars(3_060_314_349) == "30,603,143")
        #expect(HTMLText.dollars(39) == "0.39")
        #expect(HTMLText.dollars(-250) == "-3")
    }

    @Test func longBarLabelsAreCutWithTheFullLabelAsTooltip() {
        let title = String(repeating: "Nuclear reactors, boilers, machinery ", count: 3)
        let bar = HTMLCharts.Bar(label: "84 " + title, passThroughCents: 100, declaredCents: 50, totalCents: 150)
        let svg = HTMLCharts.figure([bar], id: "c", caption: "t")
        #expect(svg.contains("<title>84 \(HTMLText.escaped(title)): pass-through US$1, declared US$1</title>"))
        #expect(svg.contains("…</text>"))
        // Stacked: the declared part starts where pass-through ends; the longest bar fills the width.
        #expect(
            svg.contains(
                "<rect class=\"pass\" x=\"300\" y=\"4\" width=\"293\" height=\"16\"/><rect class=\"declared\" "
                    + "x=\"593\" y=\"4\" width=\"146\""
            ))
    }
}

/// Notes as `SummaryNotes.make` writes them: items, then every totals column.
enum SummaryNotesSample {
    static func notes(_ tables: [SummaryTable]) -> [(String, String)] {
        var notes: [(String, String)] = [("inputs", "x.parquet"), ("currency", "USD")]
        if let totals = tables.first(where: { $0.name == .totals }), let row = totals.rows.first {
            for (column, cell) in zip(totals.columns, row) { notes.append((column, CellText.plain(cell))) }
        }
        return notes
    }
}
