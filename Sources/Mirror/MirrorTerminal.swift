import Customs
import Reports

/// What a person at a terminal sees of a mirror run: the answer, then the
/// first products as an aligned table (the full table: `--output FILE`).
package enum MirrorTerminal {
    static let rowsShown = 15

    /// - Complexity: O(rows shown).
    package static func render(_ mirror: MirrorRows) -> String {
        let (base, year) = (mirror.options.base, mirror.options.year)
        var text = TerminalSummary.wrap(mirror.headline, width: 100) + "\n\n"
        let header = [
            "HS\(mirror.options.hsLevel)", "Side", "Upstream \(base) US$", "\(year) US$", "Growth",
            "Downstream \(base) US$", "\(year) US$", "Growth", "Both grew",
        ]
        var lines = [header]
        for row in mirror.rows.prefix(rowsShown) {
            let up = row.upstream ?? MirrorEngine.Sums()
            let down = row.downstream ?? MirrorEngine.Sums()
            lines.append([
                KeyText.display(Array(row.product.utf8)), row.presentIn, AmountText.wholeDollars(up.base),
                AmountText.wholeDollars(up.target), growth(up), AmountText.wholeDollars(down.base),
                AmountText.wholeDollars(down.target), growth(down), row.coincident ? "yes" : "",
            ])
        }
        text += TerminalSummary.aligned(lines, leftColumns: 2)
        if mirror.rows.count > rowsShown {
            text +=
                "\n  … and \(Plural.count(mirror.rows.count - rowsShown, "more product", grouped: true)): "
                + "--output mirror.csv (or .xlsx, .html) writes every product.\n"
        }
        return text
    }

    static func growth(_ sums: MirrorEngine.Sums) -> String {
        guard sums.base > 0 else { return sums.target > 0 ? "new" : "" }
        return Headline.percent(sums.target - sums.base, of: sums.base)
    }
}
