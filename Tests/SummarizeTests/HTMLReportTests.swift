import Testing
@testable import Reports
import RooCore
import TestSupport

/// The self-contained HTML report: totals, top flows, two inline SVG charts,
/// escaped text, balanced tags, no external assets.
struct HTMLReportTests {
    static func report() throws -> String {
        let tables = try SummarizeEngine.run(SummarizeOptions(inputs: [FixturePaths.fixtures + "/rules.parquet"]))
        return HTMLReport.render(tables: tables, notes: [("inputs", "rules.parquet <&>")])
    }

    @Test func reportHoldsTotalsFlowsAndCharts() throws {
        let html = try HTMLReportTests.report()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h2 id=\"totals\">Totals</h2>"))
        #expect(html.contains("<tr><th>lines_read</th><td class=\"number\">69</td></tr>"))
        #expect(html.contains("<tr><th>customs_value</th><td class=\"number\">4,608.39</td></tr>"))
        #expect(html.contains("<tr><th>non_regional_share</th><td class=\"number\">46.0%</td></tr>"))
        #expect(html.contains("<h2 id=\"flows\">"))
        // Flows: key and name in one cell, then the measures.
        #expect(html.contains("<tr><th>Origin</th><th>HS chapter</th><th>Partner</th><th class=\"number\">Duty-free value</th>"))
        #expect(html.contains("<td class=\"name\">CN China</td>"))
        #expect(html.contains("<svg id=\"chart-partner\""))
        #expect(html.contains("<svg id=\"chart-chapter\""))
        #expect(html.components(separatedBy: "<rect ").count > 2)
        #expect(html.contains("rules.parquet &lt;&amp;&gt;"))
        // Formula-like and angle-bracket keys are escaped text, never markup.
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    }

    @Test func tagsAreBalanced() throws {
        let html = try HTMLReportTests.report()
        var stack: [String] = []
        var index = html.startIndex
        let voidTags: Set<String> = ["meta", "rect", "!DOCTYPE"]
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
        #expect(HTMLReport.display(.money(123_456_789)) == "1,234,567.89")
        #expect(HTMLReport.display(.money(-100)) == "-1.00")
        #expect(HTMLReport.display(.money(5)) == "0.05")
        #expect(HTMLReport.display(.share(numerator: 1, denominator: 3)) == "33.3%")
        #expect(HTMLReport.display(.share(numerator: 0, denominator: 0)) == "")
        #expect(HTMLReport.display(.integer(200_000)) == "200,000")
        #expect(HTMLReport.display(.integer(-1_234)) == "-1,234")
        #expect(HTMLReport.display(.integer(999)) == "999")
    }

    @Test func longBarLabelsAreCutWithTheFullLabelAsTooltip() throws {
        let title = String(repeating: "Nuclear reactors, boilers, machinery ", count: 3)
        let table = SummaryTable(
            name: .byChapter, columns: ["hs_chapter", "chapter_title", "non_regional_value"],
            rows: [[.text("84"), .text(title), .money(100)]])
        let svg = HTMLReport.chartSection(table, title: "t", label: ["hs_chapter", "chapter_title"], id: "c")
        #expect(svg.contains("<title>84 \(HTMLReport.escaped(title))</title>"))
        #expect(svg.contains("…</text>"))
    }
}
