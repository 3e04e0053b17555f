import Customs
import TextFormats

/// Text inside the report: escaped for HTML/SVG, and cells written for people.
enum HTMLText {
    /// HTML/SVG text (`MarkupText.html`).
    static func escaped(_ text: String) -> String { MarkupText.html(text) }

    /// Cell text for people: money with thousands separators and cents,
    /// counts with separators, shares as percentages with one decimal.
    ///
    /// - Complexity: O(digits).
    static func display(_ cell: Cell) -> String {
        switch cell {
        case let .money(cents): return grouped(CellText.money(cents))
        case let .integer(value): return grouped(String(value))
        case let .share(numerator, denominator):
            guard denominator != 0 else { return "" }
            let percent = CellText.share(numerator, denominator)
            guard let value = Double(percent) else { return percent }
            return tenths(Int((value * 1000).rounded())) + "%"
        default:
            return CellText.plain(cell)
        }
    }

    /// Money in a list: whole dollars with separators, or dollars and cents
    /// below one dollar (so a row worth cents never reads `0`).
    ///
    /// - Complexity: O(digits).
    static func dollars(_ cents: Int64) -> String {
        cents.magnitude < 100 ? CellText.money(cents) : AmountText.wholeDollars(cents)
    }

    /// `part / whole` as a percentage with one decimal, `""` when `whole` is 0.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        Headline.percent(part, of: whole)
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

    /// Tenths as a decimal: `1234` → `123.4`, `-5` → `-0.5`.
    static func tenths(_ value: Int) -> String {
        let negative = value < 0
        var digits = String(value.magnitude)
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// `CODE Name`, or the code alone when there is no name.
    static func named(_ code: String, _ name: String) -> String {
        name.isEmpty ? code : "\(code) \(name)"
    }
}
