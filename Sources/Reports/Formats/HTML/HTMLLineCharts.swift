import Customs

/// The report's time series (`PeriodSeries`): inline SVG line charts of the
/// non-regional value through each bloc partner and of its claim share, per
/// period. Coordinates come from exact cents with integer arithmetic, so the
/// same tables give the same bytes.
enum HTMLLineCharts {
    /// The partners' colors (`PeriodSeries.colors`), as CSS.
    static let colors = PeriodSeries.colors.map { "#" + $0 }

    /// The section, or nothing without a series or with a single period.
    static func section(_ series: PeriodSeries?) -> String {
        guard let series, series.isDrawable else { return "" }
        let lines = series.drawnLines
        let grain = series.grain.name
        var html = "<section id=\"series\">\n<h2>Over time</h2>\n" + legend(lines)
        html += chart(
            series.periods, lines.map { $0.points.map(\.nonRegionalCents) }, id: "series-value",
            caption: "Non-regional value through the bloc, by partner and \(grain)", scale: .money)
        // Claim share in basis points of a percent (0...10000 = 0...100%), exact integer division.
        let shares = lines.map { line in
            line.points.map { point -> Int64? in
                guard point.customsCents > 0 else { return nil }
                return Int64(Int128(point.preferenceCents) * 10_000 / Int128(point.customsCents))
            }
        }
        html += chart(
            series.periods, shares, id: "series-claim",
            caption: "Claim share (preference ÷ customs value) of goods from each partner, by \(grain)", scale: .share)
        return html + "</section>\n"
    }

    static func legend(_ lines: [PeriodSeries.Line]) -> String {
        let items = lines.enumerated().map { index, line in
            "<span class=\"swatch\" style=\"background: \(colors[index])\"></span>"
                + HTMLText.escaped(HTMLText.named(line.partner, line.name))
        }
        return "<p class=\"legend\">" + items.joined(separator: " ") + "</p>\n"
    }

    /// How a chart's values read: cents, or a share in hundredths of a percent.
    enum Scale { case money, share }

    /// One line chart: a polyline per partner over the periods, y from 0 to the largest value
    /// (100% for shares), the first and last period labelled below, 0 and the top left of the axis.
    static func chart(
        _ periods: [String], _ values: [[Int64?]], id: String, caption: String, scale: Scale
    ) -> String {
        let e = HTMLText.escaped
        let width = 880, height = 240, left = 130, right = 40, top = 12, bottom = 40
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let largest: Int64 = scale == .share ? 10_000 : max(values.flatMap { $0.compactMap { $0 } }.max() ?? 0, 1)
        func x(_ index: Int) -> Int { left + index * plotWidth / max(periods.count - 1, 1) }
        func y(_ value: Int64) -> Int {
            top + plotHeight - Int(Int128(min(max(value, 0), largest)) * Int128(plotHeight) / Int128(largest))
        }
        func label(_ value: Int64) -> String {
            // Shares to one decimal of a percent (truncated: the basis points are already cut).
            scale == .share
                ? "\(value < 0 ? "-" : "")\(abs(value) / 100).\(abs(value) % 100 / 10)%" : Headline.dollars(value)
        }
        var svg =
            "<figure>\n<figcaption>\(e(caption))</figcaption>\n"
            + "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(e(caption))\">\n"
            + "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - right)\" "
            + "y2=\"\(top + plotHeight)\"/>\n"
            + "<text class=\"tick\" x=\"\(left - 8)\" y=\"\(top + plotHeight)\">\(e(label(0)))</text>\n"
            + "<text class=\"tick\" x=\"\(left - 8)\" y=\"\(top + 10)\">\(e(label(largest)))</text>\n"
        let labelled = Set([0, periods.count / 2, periods.count - 1])
        for index in labelled.sorted() {
            svg += "<text class=\"period\" x=\"\(x(index))\" y=\"\(height - 14)\">\(e(periods[index]))</text>\n"
        }
        for (line, points) in values.enumerated() {
            // A period without a value (no customs value for a share) breaks the line.
            var runs: [[String]] = [[]]
            for (index, value) in points.enumerated() {
                guard let value else {
                    runs.append([])
                    continue
                }
                runs[runs.count - 1].append("\(x(index)),\(y(value))")
            }
            for run in runs where !run.isEmpty {
                svg +=
                    "<polyline class=\"series\" stroke=\"\(colors[line])\" points=\"\(run.joined(separator: " "))\"/>\n"
            }
            for (index, value) in points.enumerated() {
                guard let value else { continue }
                svg +=
                    "<circle fill=\"\(colors[line])\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"3\">"
                    + "<title>\(e(periods[index])): \(e(label(value)))</title></circle>\n"
            }
        }
        return svg + "</svg>\n</figure>\n"
    }
}
