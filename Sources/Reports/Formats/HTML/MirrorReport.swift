import Customs

/// `roo mirror`'s report: the answer, a scatter of the two growths (one
/// point per product both sides had in the base year), and the table.
public enum MirrorReport {
    /// The rows the report's table shows; the whole table is in the CSV, workbook and Parquet outputs.
    static let rowsShown = 500

    /// - Parameters:
    ///   - table: the `mirror` table (columns `hsN`, …, `upstream_growth`, `downstream_growth`, …).
    ///   - threshold: `--threshold` in thousandths of a percent.
    /// - Complexity: O(rows).
    public static func render(
        table: SummaryTable, headline: String, notes: [(String, String)], threshold: Int64,
        definitions: [(String, String)] = []
    ) -> String {
        var html =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>roo mirror</title>\n<style>\n" + HTMLStyle.css + MirrorReport.css
            + "</style>\n</head>\n<body>\n<main>\n"
            + "<header id=\"headline\" class=\"headline\">\n<h1>Mirror: two sides of the same products</h1>\n"
            + "<p class=\"answer\">\(HTMLText.escaped(headline))</p>\n</header>\n"
        html += MirrorScatter.figure(table, threshold: threshold)
        html += MirrorReport.tableSection(table)
        if !definitions.isEmpty {
            html += "<section id=\"definitions\"><h2>Columns</h2>\n<dl>\n"
            for (name, meaning) in definitions {
                html += "<dt>\(HTMLText.escaped(name))</dt><dd>\(HTMLText.escaped(meaning))</dd>\n"
            }
            html += "</dl>\n</section>\n"
        }
        html += "<table id=\"notes\" class=\"facts\">\n<caption>Notes</caption>\n<tbody>\n"
        for (item, value) in notes {
            html += "<tr><th scope=\"row\">\(HTMLText.escaped(item))</th><td>\(HTMLText.escaped(value))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html +=
            "<footer>Written by roo. Amounts in sentences are rounded; the table (--output FILE.csv, .xlsx or "
            + ".parquet) holds exact cents.</footer>\n"
        return html + "</main>\n</body>\n</html>\n"
    }

    static let css = """
        .answer { font-size: 1.15rem; max-width: 60rem; }
        #scatter svg { max-width: 100%; height: auto; }
        #scatter .point { fill: #8a9bb0; opacity: 0.7; }
        #scatter .point.coincident { fill: #c0392b; opacity: 0.9; }
        #scatter .threshold { stroke: #c0392b; stroke-dasharray: 4 3; }
        #scatter .axis { stroke: #555; }
        #scatter text { font-size: 11px; fill: #333; }
        .wide { overflow-x: auto; }
        table.mirror { font-size: 13px; }
        table.mirror th, table.mirror td { padding: 4px 5px; overflow-wrap: normal; }
        table.mirror td.code { white-space: nowrap; }

        """

    /// The table's first `rowsShown` rows, saying how many there are.
    static func tableSection(_ table: SummaryTable) -> String {
        let rows = Array(table.rows)
        var html = "<section id=\"products\"><h2>Products</h2>\n"
        if rows.count > rowsShown {
            html +=
                "<p>The first \(Plural.number(rowsShown)) of \(Plural.count(rows.count, "product", grouped: true)); "
                + "every product is in --output FILE.csv, .xlsx or .parquet.</p>\n"
        }
        html += "<div class=\"wide\"><table class=\"mirror\">\n<thead><tr>"
        // Column names break after their underscores only.
        html +=
            table.columns.enumerated().map { index, name in
                let broken = HTMLText.escaped(name).replacingOccurrences(of: "_", with: "_<wbr>")
                return index < 3 ? "<th>\(broken)</th>" : "<th class=\"number\">\(broken)</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows.prefix(rowsShown) {
            html +=
                "<tr>"
                + row.enumerated().map { index, cell in
                    let text = HTMLText.escaped(HTMLText.display(cell))
                    switch (index, cell) {
                    case (0, _), (2, _): return "<td class=\"code\">\(text)</td>"
                    case (_, .text): return index == 1 ? "<td>\(text)</td>" : "<td class=\"code\">\(text)</td>"
                    default: return "<td class=\"number\">\(text)</td>"
                    }
                }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n</section>\n"
    }
}
