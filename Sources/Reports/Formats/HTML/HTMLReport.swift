/// The self-contained HTML report (`--format html`), built around the
/// question: how much non-regional content entered duty-free through the
/// bloc's partners. In order: the headline (the number in large type, its
/// two parts, the per-partner split, period, region, programs, currency),
/// "how to read this" (`Definitions`), the largest flows through the bloc,
/// the largest direct flows from outside the bloc as context (a separate
/// list), the charts, and the data-quality counters with the run's notes.
///
/// One file: no script, font, image or link to fetch; printable (A4 or
/// Letter). Every text is escaped (`HTMLText.escaped`), and the same tables
/// and notes give the same bytes.
public enum HTMLReport {
    /// The whole document.
    ///
    /// - Parameters:
    ///   - tables: the summary tables (`through_bloc`, `detail`, `totals` are read; a missing one leaves its section
    ///   out).
    ///   - notes: the run's (item, value) lines (`SummaryNotes`).
    ///   - headline: the answer (nil: no headline, no through-bloc sections).
    ///   - flows: the (origin, HS chapter, partner) cells to list flows from when `detail` is keyed otherwise.
    ///   - series: per bloc partner and period, for the line charts (nil: no period in the run).
    /// - Complexity: O(rows of `detail` + notes + partners × periods).
    public static func render(
        tables: [SummaryTable], notes: [(String, String)], headline: Headline? = nil, flows: SummaryTable? = nil,
        series: PeriodSeries? = nil
    ) -> String {
        let detail = flows ?? tables.first { $0.name == .detail }
        let title =
            headline.map { "\(Headline.dollars($0.nonRegionalCents)) of non-regional content through the bloc" }
            ?? "Non-regional content of duty-free imports"
        var html =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>roo: \(HTMLText.escaped(title))</title>\n<style>\n" + HTMLStyle.css
            + "</style>\n</head>\n<body>\n<main>\n"
        if let headline {
            let currency = notes.first { $0.0 == "currency" }?.1 ?? "USD"
            html += HTMLHeadlineSection.render(headline, currency: currency)
        } else {
            html +=
                "<header id=\"headline\" class=\"headline\">\n<h1>Non-regional content of duty-free "
                + "imports</h1>\n</header>\n"
        }
        html += HTMLDefinitionsSection.render()
        if let headline, let detail {
            let members = Set(headline.context.region)
            let complete = Flows.throughBlocSum(detail, members: members) == Int128(headline.nonRegionalCents)
            html += HTMLFlowsSection.throughBloc(detail, members: members, complete: complete)
            html += HTMLFlowsSection.direct(detail, members: members, directCents: directCents(tables))
            html += HTMLCharts.section(
                headline, chapters: Flows.throughBlocByChapter(detail, members: members), complete: complete)
        }
        html += HTMLLineCharts.section(series)
        html += HTMLDataQualitySection.render(totals: tables.first { $0.name == .totals }, notes: notes)
        html +=
            "<footer>Written by roo. Amounts in sentences are rounded; the tables (--output DIR/, or a .xlsx workbook) "
            + "hold exact cents.</footer>\n"
        return html + "</main>\n</body>\n</html>\n"
    }

    /// HTML/SVG text escaped (`HTMLText.escaped`; also used for the bench SVG plot).
    public static func escaped(_ text: String) -> String { HTMLText.escaped(text) }

    /// The `direct` row's non-regional value in `through_bloc`.
    static func directCents(_ tables: [SummaryTable]) -> Int64? {
        guard let table = tables.first(where: { $0.name == .throughBloc }),
            let value = table.columns.firstIndex(of: "non_regional_value"),
            let row = table.rows.first(where: { $0.first == .text("direct") }), value < row.count,
            case let .money(cents) = row[value]
        else { return nil }
        return cents
    }
}
