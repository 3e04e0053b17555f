/// The flow tables: the largest flows through the bloc (what the number is
/// made of), then the largest direct flows from outside the bloc as context,
/// each its own ranking (`Flows`), never one list.
enum HTMLFlowsSection {
    /// Rows of each list.
    static let throughBlocShown = 20
    static let directShown = 10

    /// "Flows through the bloc".
    ///
    /// - Parameters:
    ///   - detail: the `detail` table, sorted as `SummaryTable.buildAll` sorts it.
    ///   - complete: false when `--top` cut `detail` (the list says so).
    /// - Complexity: O(rows of `detail`).
    static func throughBloc(_ detail: SummaryTable, members: Set<String>, complete: Bool) -> String {
        let flows = Flows.throughBloc(detail, members: members, limit: throughBlocShown)
        var html = "<section id=\"through-bloc\">\n<h2>Flows through the bloc</h2>\n"
        guard !flows.isEmpty else {
            return html
                + "<p class=\"lead\">No non-regional content passed through the bloc's partners.</p>\n</section>\n"
        }
        html +=
            "<p class=\"lead\">The \(flows.count == 1 ? "largest flow" : "\(flows.count) largest flows") (country of "
            + "origin × HS chapter × partner) "
            + "shipped from a bloc partner, by non-regional value: <span class=\"tag pass\">pass-through</span> goods "
            + "made outside the region, "
            + "<span class=\"tag declared\">declared</span> goods made inside it with non-originating materials."
            + (complete ? "" : " The detail table was cut by --top: only its rows are listed.") + "</p>\n"
        html += table(flows, id: "through-bloc-flows", withKind: true)
        return html + "</section>\n"
    }

    /// "Direct imports from outside the bloc (context)".
    ///
    /// - Parameter directCents: the `direct` row's non-regional value (nil without `through_bloc`).
    /// - Complexity: O(rows of `detail`).
    static func direct(_ detail: SummaryTable, members: Set<String>, directCents: Int64?) -> String {
        let flows = Flows.direct(detail, members: members, limit: directShown)
        var html =
            "<section id=\"direct\">\n<h2>Direct imports from outside the bloc (context)</h2>\n<p class=\"lead\">"
        if let directCents {
            html +=
                "\(HTMLText.escaped(Headline.dollars(directCents))) of non-regional content entered duty-free shipped "
                + "straight from outside the bloc. "
        }
        html +=
            "It is non-regional too, but it did not pass through the bloc: listed apart, never added to the number "
            + "above.</p>\n"
        if flows.isEmpty {
            return html + "<p>No duty-free non-regional value came directly from outside the bloc.</p>\n</section>\n"
        }
        html += table(flows, id: "direct-flows", withKind: false)
        return html + "</section>\n"
    }

    /// A flows table, largest first: origin, chapter, partner, (kind,) non-regional
    /// value and its share of the duty-free value. Fixed column widths, so
    /// a long name wraps inside its cell and the table never overflows.
    static func table(_ flows: [Flow], id: String, withKind: Bool) -> String {
        let e = HTMLText.escaped
        let widths = withKind ? [17, 27, 13, 16, 16, 11] : [22, 32, 18, 16, 12]
        var html =
            "<table id=\"\(id)\" class=\"flows\">\n<colgroup>"
            + widths.map { "<col style=\"width: \($0)%\"/>" }.joined() + "</colgroup>\n"
            + "<thead><tr><th scope=\"col\">Made in</th>"
            + "<th scope=\"col\">HS chapter</th><th scope=\"col\">Shipped from</th>"
            + (withKind ? "<th scope=\"col\">Kind</th>" : "")
            + "<th scope=\"col\" class=\"number\">Non-regional US$</th><th scope=\"col\" class=\"number\">Share of "
            + "duty-free</th></tr></thead>\n<tbody>\n"
        for flow in flows {
            html +=
                "<tr><td>\(e(HTMLText.named(flow.origin, flow.originName)))</td>"
                + "<td>\(e(HTMLText.named(flow.chapter, flow.chapterTitle)))</td><td>"
                + "\(e(HTMLText.named(flow.partner, flow.partnerName)))</td>"
            if withKind {
                html +=
                    flow.route == .declared
                    ? "<td><span class=\"tag declared\">declared</span></td>"
                    : "<td><span class=\"tag pass\">pass-through</span></td>"
            }
            html +=
                "<td class=\"number\">\(e(HTMLText.dollars(flow.nonRegionalCents)))</td>"
                + "<td class=\"number\">\(e(HTMLText.percent(flow.nonRegionalCents, of: flow.dutyFreeCents)))</td></tr>"
                + "\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
