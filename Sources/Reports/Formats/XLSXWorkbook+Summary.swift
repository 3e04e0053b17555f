/// The workbook's first sheet, `summary`: what an analyst reads before the
/// tables. A title; the headline sentence; its figures as numeric cells
/// (the headline number and its two parts in `"US$"#,##0.00`, the share as
/// a percentage); the period, region, programs and currency (the notes'
/// words); the `through_bloc` table; how to read the numbers; the
/// definitions (`Definitions.terms`).
///
/// Labels span columns A:C and figures sit in column D; long text is merged
/// across the table's width, wrapped, with its row tall enough to show it.
extension XLSXWorkbook {
    /// The summary sheet's title (the report's too).
    static let summaryTitle = "Non-regional content of duty-free imports"

    /// The 0-based column of the headline figures and of the definitions' meanings (D).
    static let figureColumn = 3

    /// Items of the notes the summary repeats under the headline figures, in this order.
    public static let summaryContextItems = ["period covered", "region", "preference programs", "currency"]

    /// How the summary's numbers are stored, said on the sheet.
    static let summaryReading =
        "Money is in US dollars, summed exactly in cents. Shares are the ratios the CSV tables print "
        + "(0.234567), shown as percentages. The through_bloc sheet holds the rows above under the CSV column names; "
        + "each table has its own sheet, and the notes sheet says how the numbers were made."

    /// Rows of the summary as they are laid out: cells, merged ranges, row heights.
    struct SummaryLayout {
        var widths: [Int]
        var rows: [[SheetCell?]] = []
        var merges: [String] = []
        var heights: [Int: Double] = [:]

        var lastColumn: Int { widths.count - 1 }

        mutating func line(_ cells: [SheetCell?] = []) { rows.append(cells) }

        /// `text` merged across every column, wrapped, its row tall enough for it.
        mutating func paragraph(_ text: String, style: XLSXStyle = .wrapped) {
            merge(row: rows.count, from: 0, to: lastColumn)
            heights[rows.count] = XLSXWorkbook.wrappedHeight([(text, widths.reduce(0, +))])
            line([SheetCell(.text(text), style: style)])
        }

        /// A label in A:C and a value in D.
        mutating func figure(_ label: String, _ value: SheetCell?) {
            merge(row: rows.count, from: 0, to: XLSXWorkbook.figureColumn - 1)
            line([SheetCell(.text(label), style: .header), nil, nil, value])
        }

        /// A definition: the term in A:C, its meaning in D to the last column, both wrapped.
        mutating func definition(_ term: String, _ meaning: String) {
            let split = XLSXWorkbook.figureColumn
            merge(row: rows.count, from: 0, to: split - 1)
            merge(row: rows.count, from: split, to: lastColumn)
            heights[rows.count] = XLSXWorkbook.wrappedHeight([
                (term, widths[..<split].reduce(0, +)), (meaning, widths[split...].reduce(0, +)),
            ])
            line([SheetCell(.text(term), style: .wrapped), nil, nil, SheetCell(.text(meaning), style: .wrapped)])
        }

        mutating func merge(row: Int, from first: Int, to last: Int) {
            merges.append(
                XLSXWorkbook.reference(column: first, row: row + 1) + ":"
                    + XLSXWorkbook.reference(column: last, row: row + 1))
        }
    }

    /// The summary sheet of `headline`, `throughBloc` and the context items of `notes`.
    ///
    /// - Complexity: O(cells of `throughBloc` + definitions).
    static func summarySheet(headline: Headline?, throughBloc: SummaryTable?, notes: [(String, Cell)]) -> Sheet {
        let figures = headline.map(headlineFigures) ?? []
        let context = summaryContextItems.compactMap { item in
            notes.first { $0.0 == item }.map { (item, Optional(SheetCell($0.1))) }
        }
        var layout = SummaryLayout(widths: summaryWidths(throughBloc, figures: figures + context))
        layout.line([SheetCell(.text(summaryTitle), style: .title)])
        layout.line()
        if let headline {
            layout.paragraph(headline.sentence)
            layout.line()
            if let compared = headline.comparisonSentence {
                layout.paragraph(compared)
                layout.line()
            }
        }
        for (label, value) in figures + context { layout.figure(label, value) }
        if let throughBloc {
            layout.line()
            layout.line([SheetCell(.text("Non-regional value by route (through_bloc)"), style: .heading)])
            let header = throughBloc.columns.map(spaced)
            // A header's words break over lines; the row is as tall as its tallest header.
            layout.heights[layout.rows.count] = Double(
                15 * (zip(header, layout.widths).map { wordLines($0, width: $1) }.max() ?? 1))
            layout.line(header.map { SheetCell(.text($0), style: .wrappedHeader) })
            for row in throughBloc.rows { layout.line(row.map { SheetCell($0) }) }
        }
        layout.line()
        layout.paragraph(summaryReading)
        layout.line()
        layout.line([SheetCell(.text("Definitions"), style: .heading)])
        for (term, meaning) in Definitions.terms { layout.definition(term, meaning) }
        return Sheet(
            name: "summary", rows: layout.rows, widths: layout.widths, isTable: false, merges: layout.merges,
            heights: layout.heights)
    }

    /// The headline's figures: the number, its two parts, the duty-free base and the share.
    static func headlineFigures(_ headline: Headline) -> [(String, SheetCell?)] {
        let share = Cell.share(numerator: headline.nonRegionalCents, denominator: headline.dutyFreeCents)
        return [
            ("non-regional value through the bloc", SheetCell(.money(headline.nonRegionalCents), style: .currencyBold)),
            ("pass-through value", SheetCell(.money(headline.passThroughCents), style: .currency)),
            ("declared non-originating value", SheetCell(.money(headline.declaredCents), style: .currency)),
            ("duty-free value from bloc partners", SheetCell(.money(headline.dutyFreeCents), style: .currency)),
            ("non-regional share", headline.dutyFreeCents == 0 ? nil : SheetCell(share)),
        ]
    }

    /// A column name with spaces for underscores, so a wrapped header breaks between words.
    static func spaced(_ column: String) -> String { String(column.map { $0 == "_" ? " " : $0 }) }

    /// Column widths: the table's columns fitted to their values and their
    /// headers' longest word, 11...40 (narrower, a header wraps to many
    /// lines); at least four columns; A:C wide enough for every label and
    /// term, D for every currency figure.
    static func summaryWidths(_ table: SummaryTable?, figures: [(label: String, value: SheetCell?)]) -> [Int] {
        let columns = table?.columns ?? []
        var widths = columns.map { column in (spaced(column).split(separator: " ").map(\.count).max() ?? 0) + 2 }
        for row in table?.rows ?? [] {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], renderedWidth(cell) + 2)
            }
        }
        widths =
            widths.map { min(max($0, 11), 40) } + Array(repeating: 12, count: max(0, figureColumn + 1 - widths.count))
        let label = (figures.map(\.label) + Definitions.terms.map(\.term)).map(\.count).max() ?? 0
        widths[figureColumn - 1] = max(widths[figureColumn - 1], label + 2 - widths[..<(figureColumn - 1)].reduce(0, +))
        for case let figure? in figures.map(\.value) where figure.style == .currency || figure.style == .currencyBold {
            widths[figureColumn] = max(widths[figureColumn], "US$".count + renderedWidth(figure.value) + 2)
        }
        return widths
    }

    /// Lines a short text needs in a column `width` characters wide, broken
    /// between words as a spreadsheet wraps it (a character's width each,
    /// a digit's — wide enough for bold text; one character of padding).
    static func wordLines(_ text: String, width: Int) -> Int {
        var lines = 1
        var used = 0
        for word in text.split(separator: " ") {
            if used > 0 && used + 1 + word.count > width - 1 {
                lines += 1
                used = word.count
            } else {
                used += (used > 0 ? 1 : 0) + word.count
            }
        }
        return lines
    }

    /// Points a row needs to show each (text, width in characters) wrapped:
    /// 15 per line of the tallest, a line holding about 1.1 characters per
    /// unit of width (a unit is a digit's width; text averages narrower, and
    /// the estimate stays short of that so the words' breaks never clip text).
    static func wrappedHeight(_ texts: [(text: String, width: Int)]) -> Double {
        let lines = texts.map { text, width in
            Int((Double(text.count) / (Double(max(width, 1)) * 1.1)).rounded(.up))
        }
        return Double(max(lines.max() ?? 1, 1) * 15)
    }
}
