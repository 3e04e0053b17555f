import TextFormats

/// A worksheet's XML, its elements in the order the OOXML schema
/// (`CT_Worksheet`) requires — Excel refuses a part out of order: sheetPr,
/// dimension, sheetViews, sheetFormatPr, cols, sheetData, autoFilter,
/// mergeCells, pageMargins, pageSetup, headerFooter, ignoredErrors, drawing.
extension XLSXWorkbook {
    /// Page margins in inches (left, right, top, bottom, header, footer): Excel's "narrow".
    static let pageMargins =
        "<pageMargins left=\"0.25\" right=\"0.25\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
    /// Landscape, fitted to one page wide and as many pages tall as the rows need.
    static let pageSetup = "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    /// Footer: the sheet's name and `page n of m`.
    static let headerFooter =
        "<headerFooter><oddFooter>&amp;L&amp;A&amp;Rpage &amp;P of &amp;N</oddFooter></headerFooter>"

    /// The worksheet part of `sheet`; `selected`: the tab the workbook opens on.
    ///
    /// - Complexity: O(cells).
    static func worksheet(_ sheet: Sheet, selected: Bool) -> String {
        var xml = declaration + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml +=
            "<dimension ref=\"A1:\(reference(column: max(sheet.columnCount - 1, 0), row: max(sheet.rows.count, 1)))\"/>"
        xml += "<sheetViews><sheetView " + (selected ? "tabSelected=\"1\" " : "") + "workbookViewId=\"0\">"
        if sheet.isTable { xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.widths.isEmpty {
            xml += "<cols>"
            for (index, width) in sheet.widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (index, cells) in sheet.rows.enumerated() {
            xml += row(cells, number: index + 1, height: sheet.heights[index])
        }
        xml += "</sheetData>"
        if sheet.isTable { xml += "<autoFilter ref=\"\(filterRange(sheet))\"/>" }
        if !sheet.merges.isEmpty {
            xml +=
                "<mergeCells count=\"\(sheet.merges.count)\">"
                + sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        xml += pageMargins + pageSetup + headerFooter
        // Numbers are numeric cells, so a text that reads as a number is a code (HS chapter `01`): no "number stored as
        // text" flags.
        xml += "<ignoredErrors><ignoredError sqref=\"\(filterRange(sheet))\" numberStoredAsText=\"1\"/></ignoredErrors>"
        // The sheet's charts (its one relationship, `XLSXWorkbook.parts`).
        if !sheet.charts.isEmpty { xml += "<drawing r:id=\"rId1\"/>" }
        return xml + "</worksheet>"
    }

    /// One `<row>`: its cells left to right (empty ones left out), its height when set.
    static func row(_ cells: [SheetCell?], number: Int, height: Double?) -> String {
        var xml = "<row r=\"\(number)\"" + (height.map { " ht=\"\($0)\" customHeight=\"1\"" } ?? "") + ">"
        for (column, cell) in cells.enumerated() {
            if let cell { xml += self.cell(cell, reference: reference(column: column, row: number)) }
        }
        return xml + "</row>"
    }

    /// One `<c>`: text as an inline string (never a formula), numbers as `<v>`.
    static func cell(_ cell: SheetCell, reference: String) -> String {
        let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
        switch cell.value {
        case let .text(text):
            return
                "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t "
                + "xml:space=\"preserve\">\(escaped(text))</t></is></c>"
        case let .integer(value):
            return "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
        case let .money(cents):
            // The exact decimal text; the spreadsheet reads it as a number.
            return "<c r=\"\(reference)\"\(style)><v>\(CellText.money(cents))</v></c>"
        case let .share(numerator, denominator):
            // The value the CSV prints, so every format agrees to the digit.
            let text = CellText.share(numerator, denominator)
            guard !text.isEmpty else { return "" }  // undefined share (no duty-free value): empty cell
            return "<c r=\"\(reference)\"\(style)><v>\(text)</v></c>"
        }
    }

    /// Widths in characters: the longest rendered value or header, 8...60.
    static func columnWidths(header: [String], rows: [[Cell]]) -> [Int] {
        var widths = header.map { $0.count + 3 }  // room for the filter button
        for cells in rows {
            for (column, cell) in cells.enumerated() where column < widths.count {
                widths[column] = max(widths[column], renderedWidth(cell) + 1)
            }
        }
        return widths.map { min(max($0, 8), 60) }
    }

    /// Characters a cell shows in its number format (money with thousands separators).
    static func renderedWidth(_ cell: Cell) -> Int {
        switch cell {
        case let .money(cents):
            let digits = CellText.money(cents).count
            return digits + (digits - (cents < 0 ? 5 : 4)) / 3  // separators between the integer digits' groups
        default: return CellText.plain(cell).count
        }
    }

    /// `A1:Xn` over every row and column (a table's header and rows).
    static func filterRange(_ sheet: Sheet) -> String {
        "A1:" + reference(column: max(sheet.columnCount - 1, 0), row: sheet.rows.count)
    }

    /// `$A$1` from `A1`.
    static func absolute(_ reference: String) -> String {
        let letters = reference.prefix { $0.isLetter }
        return "$" + letters + "$" + reference.dropFirst(letters.count)
    }

    /// A1-style reference of a 0-based column and 1-based row.
    static func reference(column: Int, row: Int) -> String {
        var letters: [Character] = []
        var index = column + 1
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + remainder))), at: 0)
            index = (index - 1) / 26
        }
        return String(letters) + String(row)
    }

    /// XML text (`MarkupText.xml`).
    static func escaped(_ text: String) -> String { MarkupText.xml(text) }
}
