import Customs

/// What `roo summarize` prints on a terminal when no table, format or output
/// is asked for: the answer in a sentence, the `through_bloc` table, the ten
/// largest flows through the bloc, one line on data quality, and the
/// commands for the rest. Piped output never gets it (it stays CSV).
public enum TerminalSummary {
    /// Flows through the bloc listed.
    public static let flowsShown = 10

    /// The whole view.
    ///
    /// - Parameters:
    ///   - tables: the summary tables (`through_bloc`, `detail`, `totals` are read).
    ///   - headline: the answer (nil when there is no `through_bloc`).
    ///   - inputs: the inputs as given, for the hint lines.
    ///   - flows: the (origin, HS chapter, partner) cells to list flows from when `detail` is keyed otherwise.
    /// - Complexity: O(rows of `detail`) to pick the flows.
    public static func render(
        tables: [SummaryTable], headline: Headline?, inputs: [String], flows: SummaryTable? = nil
    ) -> String {
        var out = ""
        if let headline {
            out += wrap(headline.sentence, width: 96) + "\n\n"
            if let compared = headline.comparisonSentence { out += wrap(compared, width: 96) + "\n\n" }
        }
        if let through = tables.first(where: { $0.name == .throughBloc }) { out += throughBlocBlock(through) + "\n" }
        if let detail = flows ?? tables.first(where: { $0.name == .detail }), let headline {
            out += flowsBlock(detail, members: Set(headline.context.region)) + "\n"
        }
        if let totals = tables.first(where: { $0.name == .totals }) { out += qualityLine(totals) + "\n\n" }
        let input = inputs.count == 1 ? shellQuoted(inputs[0]) : "INPUT..."
        out +=
            "More: roo summarize \(input) --output report.html (the report) | --output report.xlsx (a workbook) | "
            + "--output tables/ (every table as CSV)\n"
        out +=
            "      --table through_bloc|detail|by_partner|by_chapter|by_origin|totals prints one table as CSV; "
            + "--rejects FILE lists rejected lines.\n"
        return out
    }

    /// The through_bloc rows in whole US dollars with thousands separators.
    static func throughBlocBlock(_ table: SummaryTable) -> String {
        // Utilization when the inputs have a rate provision: the share of eligible value that claims a program.
        let utilization = table.columns.contains("utilization")
        let header =
            [
                "Through", "Lines", "Duty-free US$", "Non-regional US$", "Pass-through US$", "Declared US$", "Share",
            ] + (utilization ? ["Utilization"] : [])
        var rows: [[String]] = []
        for row in table.rows {
            let cells = Dictionary(uniqueKeysWithValues: zip(table.columns, row))
            let route = text(cells["route"])
            let name: String =
                switch route {
                case "bloc": "All bloc partners"
                case "direct": "(direct, outside the bloc)"
                default: "\(route) \(text(cells["route_name"]))"
                }
            rows.append(
                [
                    name, count(cells["lines"]), dollars(cells["duty_free_value"]),
                    dollars(cells["non_regional_value"]),
                    // Neither part applies to imports that did not pass through the bloc.
                    route == "direct" ? "" : dollars(cells["pass_through_value"]),
                    route == "direct" ? "" : dollars(cells["declared_non_originating_value"]),
                    percent(cells["non_regional_share"]),
                ] + (utilization ? [percent(cells["utilization"])] : []))
        }
        let footnote =
            utilization
            ? "Utilization: value claiming a program / eligible value (rate provision other than 10, MFN-free).\n" : ""
        return "Non-regional content of duty-free imports, by the partner they were shipped from:\n"
            + aligned([header] + rows, leftColumns: 1) + footnote
    }

    /// The largest flows through the bloc (`Flows.throughBloc`: none worth 0).
    static func flowsBlock(_ detail: SummaryTable, members: Set<String>) -> String {
        let rows = Flows.throughBloc(detail, members: members, limit: flowsShown).map { flow -> [String] in
            let made = flow.originName.isEmpty ? flow.origin : flow.originName
            return [
                shortened(made, 28), flow.partner, flow.chapter + " " + shortened(flow.chapterTitle, 34),
                AmountText.wholeDollars(flow.nonRegionalCents), flow.route == .declared ? "declared" : "pass-through",
            ]
        }
        guard !rows.isEmpty else { return "No non-regional content passed through the bloc's partners.\n" }
        return "Largest flows through the bloc:\n"
            + aligned(
                [["Made in", "Shipped from", "HS chapter", "Non-regional US$", "Kind"]] + rows, leftColumns: 3,
                rightColumns: [3])
    }

    /// `Read 200,000 lines from 1 file: 0 filtered, 39 rejected (bad_hs 9, …), 199,961 aggregated.`
    static func qualityLine(_ totals: SummaryTable) -> String {
        guard let row = totals.rows.first else { return "" }
        let cells = Dictionary(uniqueKeysWithValues: zip(totals.columns, row))
        let reasons = [
            "missing_origin", "missing_partner", "missing_hs", "bad_hs", "missing_value", "invalid_value",
            "missing_duty",
        ]
        .compactMap { name -> (String, Int64)? in
            guard case let .integer(value)? = cells[name], value > 0 else { return nil }
            return (name, value)
        }
        .sorted { $0.1 > $1.1 }
        let rejected =
            reasons.isEmpty
            ? "0 rejected"
            : "\(count(cells["lines_rejected"])) rejected ("
                + reasons.prefix(3).map { "\($0.0) \(Headline.grouped($0.1))" }.joined(separator: ", ")
                + (reasons.count > 3 ? ", …" : "") + ")"
        return
            "Data: read \(counted(cells["lines_read"], "line")) from \(counted(cells["files"], "file")): "
            + "\(count(cells["lines_filtered"])) filtered, \(rejected), \(count(cells["lines_aggregated"])) "
            + "aggregated."
    }

    // MARK: - Text helpers

    static func text(_ cell: Cell?) -> String {
        guard case let .text(value)? = cell else { return "" }
        return value
    }

    static func count(_ cell: Cell?) -> String {
        guard case let .integer(value)? = cell else { return "" }
        return Headline.grouped(value)
    }

    /// `1 line`, `200,000 lines`: an integer cell with its noun (`Plural`).
    static func counted(_ cell: Cell?, _ noun: String) -> String {
        guard case let .integer(value)? = cell else { return "" }
        return Plural.count(value, noun, grouped: true)
    }

    /// Whole dollars, rounded half away from zero (exact cents are in the tables).
    static func dollars(_ cell: Cell?) -> String {
        guard case let .money(cents)? = cell else { return "" }
        return AmountText.wholeDollars(cents)
    }

    static func percent(_ cell: Cell?) -> String {
        guard case let .share(numerator, denominator)? = cell, denominator != 0 else { return "" }
        return Headline.percent(numerator, of: denominator)
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Columns padded to their widest cell: the first `leftColumns` left-aligned, the rest right-aligned
    /// (or only `rightColumns` right-aligned when given).
    public static func aligned(_ rows: [[String]], leftColumns: Int, rightColumns: Set<Int>? = nil) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in
            rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                let right = rightColumns.map { $0.contains(column) } ?? (column >= leftColumns)
                return right ? fill + cell : cell + fill
            }.joined(separator: "  ")
        }.map { line in "  " + String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// `text` broken into lines of at most `width` characters at spaces.
    public static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    static func shellQuoted(_ text: String) -> String {
        text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_-./".unicodeScalars.contains($0)
        }
            ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
