/// A self-contained HTML report of the summary tables (`--format html`): the
/// totals, the top non-regional flows (origin × chapter × partner) and
/// inline SVG bar charts of non-regional value by partner and by chapter.
/// No external assets (no scripts, fonts or images); readable in a browser
/// and printable. Every text is HTML-escaped.
public enum HTMLReport {
    /// Rows shown in the flows table and bars per chart.
    public static let flowsShown = 20
    public static let barsShown = 15
    /// Characters of a bar label that fit in the label column (12 px text).
    static let labelLimit = 50

    /// The whole document.
    ///
    /// - Complexity: O(cells of the tables shown).
    public static func render(tables: [SummaryTable], notes: [(String, String)], headline: Headline? = nil) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<title>roo: non-regional content of duty-free imports</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n"
            + "<h1>Non-regional content of duty-free imports</h1>\n"
        if let headline { html += "<p class=\"headline\">\(escaped(headline.sentence))</p>\n" }
        if let totals = tables.first(where: { $0.name == .totals }) { html += totalsSection(totals) }
        if let detail = tables.first(where: { $0.name == .detail }) { html += flowsSection(detail) }
        if let partners = tables.first(where: { $0.name == .byPartner }) {
            html += chartSection(partners, title: "Non-regional value by partner (country of export)", label: ["partner", "partner_name"], id: "chart-partner")
        }
        if let chapters = tables.first(where: { $0.name == .byChapter }) {
            html += chartSection(chapters, title: "Non-regional value by HS chapter", label: ["hs_chapter", "chapter_title"], id: "chart-chapter")
        }
        if !notes.isEmpty {
            html += "<h2>Notes</h2>\n<table class=\"notes\">\n"
            for (item, value) in notes { html += "<tr><th>\(escaped(item))</th><td>\(escaped(value))</td></tr>\n" }
            html += "</table>\n"
        }
        return html + "</body>\n</html>\n"
    }

    static let style = """
    body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
    table { border-collapse: collapse; font-size: 0.9em; }
    th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.flows { width: 100%; max-width: 72em; }
    table.flows td.name { overflow-wrap: anywhere; }
    svg text { font-size: 12px; fill: #222; }
    svg rect { fill: #3b6ea8; }
    @media print { body { margin: 0.5cm; } h2 { page-break-after: avoid; } svg, table { page-break-inside: avoid; } }

    """

    static func totalsSection(_ totals: SummaryTable) -> String {
        guard let row = totals.rows.first else { return "" }
        var html = "<h2 id=\"totals\">Totals</h2>\n<table class=\"totals\">\n"
        for (column, cell) in zip(totals.columns, row) {
            html += "<tr><th>\(escaped(column))</th><td class=\"number\">\(escaped(display(cell)))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// The first rows of `detail`: each key with its name in one cell, then
    /// the duty-free value, the non-regional value and its share.
    static func flowsSection(_ detail: SummaryTable) -> String {
        let keyed: [(header: String, code: String, name: String)] = [
            ("Origin", "origin", "origin_name"), ("HS chapter", "hs_chapter", "chapter_title"), ("Partner", "partner", "partner_name"),
        ]
        let measures: [(header: String, column: String)] = [
            ("Duty-free value", "duty_free_value"), ("Non-regional value", "non_regional_value"), ("Share", "non_regional_share"),
        ]
        let keys = keyed.compactMap { key -> (String, Int, Int)? in
            guard let code = detail.columns.firstIndex(of: key.code), let name = detail.columns.firstIndex(of: key.name) else { return nil }
            return (key.header, code, name)
        }
        let values = measures.compactMap { measure in detail.columns.firstIndex(of: measure.column).map { (measure.header, $0) } }
        var html = "<h2 id=\"flows\">Top \(min(flowsShown, detail.rows.count)) non-regional flows (origin × chapter × partner)</h2>\n"
            + "<table class=\"flows\">\n<tr>"
        for (header, _, _) in keys { html += "<th>\(escaped(header))</th>" }
        for (header, _) in values { html += "<th class=\"number\">\(escaped(header))</th>" }
        html += "</tr>\n"
        for row in detail.rows.prefix(flowsShown) {
            html += "<tr>"
            for (_, code, name) in keys {
                let label = [display(row[code]), display(row[name])].filter { !$0.isEmpty }.joined(separator: " ")
                html += "<td class=\"name\">\(escaped(label))</td>"
            }
            for (_, index) in values { html += "<td class=\"number\">\(escaped(display(row[index])))</td>" }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// A horizontal bar chart of `non_regional_value` for the first rows
    /// (the tables are sorted by it, largest first).
    static func chartSection(_ table: SummaryTable, title: String, label: [String], id: String) -> String {
        guard let valueIndex = table.columns.firstIndex(of: "non_regional_value") else { return "" }
        let labelIndexes = label.compactMap { table.columns.firstIndex(of: $0) }
        let rows = Array(table.rows.prefix(barsShown))
        let values = rows.map { row -> Int64 in if case let .money(cents) = row[valueIndex] { max(cents, 0) } else { 0 } }
        let largest = max(values.max() ?? 0, 1)
        let barHeight = 20, labelWidth = 340, chartWidth = 400, valueWidth = 160
        let height = rows.count * barHeight + 10
        var svg = "<h2>\(escaped(title))</h2>\n"
            + "<svg id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + chartWidth + valueWidth)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escaped(title))\">\n"
        for (position, row) in rows.enumerated() {
            let y = position * barHeight + 5
            let text = labelIndexes.map { CellText.plain(row[$0]) }.joined(separator: " ")
            // Integer arithmetic: the bar length is exact for any cents value.
            let length = Int(Double(values[position]) / Double(largest) * Double(chartWidth))
            // Long labels are cut to fit beside the bar; the full label is the tooltip.
            let shown = text.count > labelLimit ? String(text.prefix(labelLimit - 1)) + "…" : text
            svg += "<text x=\"0\" y=\"\(y + 14)\"><title>\(escaped(text))</title>\(escaped(shown))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(max(length, 1))\" height=\"\(barHeight - 6)\"/>"
                + "<text x=\"\(labelWidth + chartWidth + 8)\" y=\"\(y + 14)\">\(escaped(display(row[valueIndex])))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Cell text for people: money with thousands separators, shares as percentages.
    static func display(_ cell: Cell) -> String {
        switch cell {
        case let .money(cents): return grouped(CellText.money(cents))
        case let .integer(value): return grouped(String(value))
        case let .share(numerator, denominator):
            guard denominator != 0 else { return "" }
            let percent = CellText.share(numerator, denominator)
            guard let value = Double(percent) else { return percent }
            return String(Int((value * 1000).rounded())).withDecimal() + "%"
        default:
            return CellText.plain(cell)
        }
    }

    /// Decimal text with thousands separators in its whole part: `-1234567.50` → `-1,234,567.50`.
    static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = Array(negative ? text.dropFirst() : Substring(text))
        let whole = digits.prefix { $0 != "." }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + String(digits.dropFirst(whole.count))
    }

    /// HTML/SVG text: `&`, `<`, `>`, `"`, `'` escaped (also used for the bench SVG plot).
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

private extension String {
    /// "1234" (tenths) as "123.4".
    func withDecimal() -> String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }
}
