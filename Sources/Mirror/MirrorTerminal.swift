import Customs
import Reports

/// What a person at a terminal sees of a mirror run: the answer, then the
/// first products as an aligned table (the full table: `--output FILE`).
package enum MirrorTerminal {
    static let rowsShown = 15

    /// - Complexity: O(rows shown).
    package static func render(_ mirror: MirrorRows) -> String {
        let (base, year) = (mirror.options.base, mirror.options.year)
        var text = wrapped(mirror.headline, width: 100) + "\n\n"
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
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        for line in lines {
            let cells = line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + pad : pad + cell
            }
            text += "  " + cells.joined(separator: "  ") + "\n"
        }
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

    /// `text` broken at spaces into lines of at most `width` characters.
    static func wrapped(_ text: String, width: Int) -> String {
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
}
