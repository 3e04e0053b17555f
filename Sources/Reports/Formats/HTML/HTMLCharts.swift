import Customs

/// The report's charts: inline SVG stacked horizontal bars, pass-through
/// and declared non-originating value side by side in one bar, per bloc
/// partner and per HS chapter. Drawn from exact cents with integer
/// arithmetic, so the same tables give the same bytes.
enum HTMLCharts {
    /// Bars in the chapter chart.
    static let chaptersShown = 15
    /// Characters of a bar label that fit in the label column (13 px text).
    static let labelLimit = 40

    /// One bar: its label and its two parts (a part below 0 draws nothing;
    /// the value printed is `total`).
    struct Bar: Equatable {
        var label: String
        var passThroughCents: Int64
        var declaredCents: Int64
        var totalCents: Int64
    }

    /// The charts section (nothing when there is nothing to draw).
    ///
    /// - Parameters:
    ///   - headline: the partners' bars.
    ///   - chapters: non-regional value through the bloc per chapter (`Flows.throughBlocByChapter`).
    ///   - complete: false when `--top` cut the detail the chapters come from.
    /// - Complexity: O(partners + chapters).
    static func section(_ headline: Headline, chapters: [ChapterThroughBloc], complete: Bool) -> String {
        let partners = headline.partners.map {
            Bar(
                label: HTMLText.named($0.code, $0.name), passThroughCents: $0.passThroughCents,
                declaredCents: $0.declaredCents, totalCents: $0.nonRegionalCents)
        }
        let shown = chapters.prefix(chaptersShown).map {
            Bar(
                label: HTMLText.named($0.chapter, $0.title), passThroughCents: $0.passThroughCents,
                declaredCents: $0.declaredCents, totalCents: $0.nonRegionalCents)
        }
        guard !partners.isEmpty || !shown.isEmpty else { return "" }
        var html = "<section id=\"charts\">\n<h2>Charts</h2>\n" + legend
        if !partners.isEmpty {
            html += figure(
                partners, id: "chart-partner",
                caption: "Non-regional value through the bloc, by partner (country of export)")
        }
        if !shown.isEmpty {
            let which =
                chapters.count > shown.count
                ? "the \(shown.count) largest of \(chapters.count) chapters" : Plural.count(shown.count, "chapter")
            let cut = complete ? "" : "; from the rows of the detail table, cut by --top"
            html += figure(
                shown, id: "chart-chapter",
                caption: "Non-regional value through the bloc, by HS chapter (\(which)\(cut))")
        }
        return html + "</section>\n"
    }

    static let legend =
        "<p class=\"legend\"><span class=\"swatch pass\"></span>Pass-through (made outside the region) "
        + "<span class=\"swatch declared\"></span>Declared non-originating (in goods made inside the region)</p>\n"

    /// One chart in a `<figure>`: bars scaled to the longest, labels left,
    /// amounts right. Long labels are cut with the full label as tooltip.
    static func figure(_ bars: [Bar], id: String, caption: String) -> String {
        let e = HTMLText.escaped
        let rowHeight = 26, barHeight = 16, labelWidth = 300, barsWidth = 440, width = 880
        let height = bars.count * rowHeight + 8
        let largest = max(
            bars.map { Int128(max($0.passThroughCents, 0)) + Int128(max($0.declaredCents, 0)) }.max() ?? 0, 1)
        // Exact integer scaling: the same cents always give the same pixels.
        func length(_ cents: Int64) -> Int { Int(Int128(max(cents, 0)) * Int128(barsWidth) / largest) }
        var svg =
            "<figure>\n<figcaption>\(e(caption))</figcaption>\n"
            + "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) "
            + "\(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(e(caption))\">\n"
        for (position, bar) in bars.enumerated() {
            let y = position * rowHeight + 4
            let text = y + barHeight - 3
            let shown = HTMLText.shortened(bar.label, labelLimit)
            let pass = length(bar.passThroughCents), declared = length(bar.declaredCents)
            svg +=
                "<g><title>\(e(bar.label)): pass-through \(e(Headline.dollars(bar.passThroughCents))), declared "
                + "\(e(Headline.dollars(bar.declaredCents)))</title>"
                + "<text x=\"0\" y=\"\(text)\">\(e(shown))</text>"
                + "<rect class=\"pass\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(pass)\" height=\"\(barHeight)\"/>"
                + "<rect class=\"declared\" x=\"\(labelWidth + pass)\" y=\"\(y)\" width=\"\(declared)\" "
                + "height=\"\(barHeight)\"/>"
                + "<text class=\"amount\" x=\"\(labelWidth + pass + declared + 6)\" "
                + "y=\"\(text)\">\(e(Headline.dollars(bar.totalCents)))</text></g>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }
}
