/// The report's first screen: the number in large type with what it is,
/// its two parts, the per-partner split, and the period, region, programs
/// and currency it was computed under. Every word comes from `Headline`.
enum HTMLHeadlineSection {
    /// The `<header>` of `headline`.
    ///
    /// - Parameter currency: the currency line (the run's notes say it; US dollars otherwise).
    /// - Complexity: O(partners).
    static func render(_ headline: Headline, currency: String) -> String {
        let e = HTMLText.escaped
        var html =
            "<header id=\"headline\" class=\"headline\">\n"
            + "<p class=\"eyebrow\">Non-regional content of duty-free imports</p>\n"
            + "<h1><span id=\"headline-number\" "
            + "class=\"figure\">\(e(Headline.dollars(headline.nonRegionalCents)))</span> "
            + "<span class=\"claim\">\(e(headline.claim)).</span></h1>\n"
            + (headline.comparisonSentence.map { "<p id=\"headline-compare\" class=\"compare\">\(e($0))</p>\n" } ?? "")
            + "<div class=\"parts\">\n"
            + part(
                "pass", "Pass-through", headline.passThroughCents, headline.passThroughPhrase,
                of: headline.nonRegionalCents)
            + part(
                "declared", "Declared non-originating", headline.declaredCents, headline.declaredPhrase,
                of: headline.nonRegionalCents)
            + "</div>\n"
        html += partnersTable(headline)
        html += context(headline.context, currency: currency)
        return html + "</header>\n"
    }

    /// One of the two parts: its amount, its name and what it is.
    static func part(_ kind: String, _ name: String, _ cents: Int64, _ phrase: String, of total: Int64) -> String {
        let e = HTMLText.escaped
        let share = total > 0 && cents >= 0 ? " · \(HTMLText.percent(cents, of: total))" : ""
        return
            "<div class=\"part \(kind)\"><p class=\"part-name\"><span class=\"swatch "
            + "\(kind)\"></span>\(e(name))\(e(share))</p>"
            + "<p class=\"part-value\">\(e(Headline.dollars(cents)))</p><p "
            + "class=\"part-phrase\">\(e(phrase))</p></div>\n"
    }

    /// The per-partner split: each bloc partner's number and its two parts.
    static func partnersTable(_ headline: Headline) -> String {
        guard !headline.partners.isEmpty else { return "" }
        let e = HTMLText.escaped
        var html =
            "<table class=\"partners\">\n<caption>By bloc partner (the country the goods were shipped from)</caption>\n"
            + "<thead><tr><th scope=\"col\">Partner</th><th scope=\"col\" class=\"number\">Non-regional</th>"
            + "<th scope=\"col\" class=\"number\">Share of total</th><th scope=\"col\" "
            + "class=\"number\">Pass-through</th>"
            + "<th scope=\"col\" class=\"number\">Declared</th></tr></thead>\n<tbody>\n"
        for partner in headline.partners {
            html +=
                "<tr><th scope=\"row\">\(e(HTMLText.named(partner.code, partner.name)))</th>"
                + "<td class=\"number\">\(e(Headline.dollars(partner.nonRegionalCents)))</td>"
                + "<td class=\"number\">"
                + "\(e(HTMLText.percent(partner.nonRegionalCents, of: headline.nonRegionalCents)))</td>"
                + "<td class=\"number\">\(e(Headline.dollars(partner.passThroughCents)))</td>"
                + "<td class=\"number\">\(e(Headline.dollars(partner.declaredCents)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Period, region, programs and currency, side by side.
    static func context(_ context: Headline.Context, currency: String) -> String {
        let region = context.region.joined(separator: ", ")
        let items: [(String, String)] = [
            ("Period", context.period ?? "not recorded in the inputs"),
            ("Region", context.isUSMCA ? "USMCA (\(region))" : region),
            (
                "Preference programs",
                context.programs.isEmpty ? "none listed" : context.programs.joined(separator: ", ")
            ),
            ("Currency", currency),
        ]
        let e = HTMLText.escaped
        return "<dl class=\"context\">" + items.map { "<div><dt>\(e($0.0))</dt><dd>\(e($0.1))</dd></div>" }.joined()
            + "</dl>\n"
    }
}
