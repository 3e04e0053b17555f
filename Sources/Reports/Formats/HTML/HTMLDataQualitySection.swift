/// The report's last section: the `totals` counters in words (lines read,
/// filtered, rejected by reason, summarized), the totals over every line,
/// and the run's notes (inputs, options, version).
enum HTMLDataQualitySection {
    /// The section.
    ///
    /// - Parameters:
    ///   - totals: the `totals` table (nil: counters left out).
    ///   - notes: (item, value) lines; those repeating a `totals` column are left out (shown above).
    /// - Complexity: O(columns of `totals` + notes).
    static func render(totals: SummaryTable?, notes: [(String, String)]) -> String {
        let e = HTMLText.escaped
        var html = "<section id=\"data-quality\">\n<h2>Data quality</h2>\n"
        let columns = totals?.columns ?? []
        if let totals, let row = totals.rows.first, row.count == columns.count {
            let cells = Dictionary(zip(columns, row), uniquingKeysWith: { first, _ in first })
            if case let .integer(read)? = cells["lines_read"], case let .integer(filtered)? = cells["lines_filtered"],
                case let .integer(rejected)? = cells["lines_rejected"],
                case let .integer(summarized)? = cells["lines_aggregated"]
            {
                html +=
                    "<p class=\"lead\">\(e(Headline.grouped(read))) lines read = \(e(Headline.grouped(filtered))) "
                    + "filtered out + "
                    + "\(e(Headline.grouped(rejected))) rejected + \(e(Headline.grouped(summarized))) summarized.</p>\n"
            }
            let counters =
                columns.firstIndex(of: "lines").map { Array(zip(columns, row).prefix($0)) } ?? Array(zip(columns, row))
            let measures = Array(zip(columns, row).dropFirst(counters.count))
            html += table(counters, id: "counters", caption: "Lines")
            if !measures.isEmpty {
                html += table(measures, id: "totals", caption: "Totals over every line summarized (every route)")
            }
        }
        let kept = notes.filter { !columns.contains($0.0) }
        if !kept.isEmpty {
            html += "<table id=\"notes\" class=\"facts\">\n<caption>About this run</caption>\n<tbody>\n"
            for (item, value) in kept { html += "<tr><th scope=\"row\">\(e(item))</th><td>\(e(value))</td></tr>\n" }
            html += "</tbody>\n</table>\n"
        }
        return html + "</section>\n"
    }

    /// (column, cell) pairs as labelled rows; rejection reasons indented under `lines_rejected`.
    static func table(_ pairs: [(String, Cell)], id: String, caption: String) -> String {
        let e = HTMLText.escaped
        var html = "<table id=\"\(id)\" class=\"facts\">\n<caption>\(e(caption))</caption>\n<tbody>\n"
        for (column, cell) in pairs {
            let sub = CounterLabels.isRejectionReason(column)
            html +=
                "<tr\(sub ? " class=\"sub\"" : "")><th scope=\"row\">\(e(CounterLabels.label(column)))"
                + " <code>\(e(column))</code></th><td class=\"number\">\(e(HTMLText.display(cell)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
