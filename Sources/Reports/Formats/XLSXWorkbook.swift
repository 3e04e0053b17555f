/// The parts of an Office Open XML workbook (`.xlsx`) holding summary tables:
/// one sheet per table plus a "notes" sheet of key/value lines.
///
/// Numbers are numeric cells (money with `#,##0.00`, shares as percentages,
/// counts with `#,##0`); text is an inline string, so it is never evaluated
/// as a formula whatever it starts with. Each sheet has a bold, frozen header
/// row, an auto-filter over its data and column widths fitted to the text.
/// `XLSXFile` zips the parts.
public struct XLSXWorkbook: Sendable {
    /// One worksheet: a name (≤ 31 characters, unique) and its rows.
    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]

        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    /// A workbook of `tables`, then a "notes" sheet of `notes` (key, value).
    public init(tables: [SummaryTable], notes: [(String, String)], headline: Headline? = nil) {
        sheets = tables.map { Sheet(name: $0.name.rawValue, header: $0.columns, rows: $0.rows) }
        let lead: [(String, String)] = headline.map { [("headline", $0.sentence)] } ?? []
        sheets.append(Sheet(name: "notes", header: ["item", "value"], rows: (lead + notes).map { [.text($0.0), .text($0.1)] }))
    }

    /// Style indexes in `styles.xml` (`cellXfs`).
    enum Style {
        static let header = 1
        static let money = 2
        static let share = 3
        static let count = 4
    }

    /// Every part: (path inside the zip, contents), in the order they are stored.
    ///
    /// - Complexity: O(cells).
    public func parts() -> [(path: String, contents: String)] {
        var result: [(String, String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", XLSXWorkbook.rootRelationships),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", XLSXWorkbook.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            result.append(("xl/worksheets/sheet\(index + 1).xml", XLSXWorkbook.worksheet(sheet)))
        }
        return result
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypes() -> String {
        var xml = XLSXWorkbook.declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let rootRelationships = declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    func workbook() -> String {
        var xml = XLSXWorkbook.declaration
            + "<workbook xmlns=\"\(XLSXWorkbook.mainNamespace)\" xmlns:r=\"\(XLSXWorkbook.relationshipNamespace)\"><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(XLSXWorkbook.escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets><definedNames>"
        // Excel keeps each auto-filter's range as this hidden name too.
        for (index, sheet) in sheets.enumerated() {
            let range = XLSXWorkbook.filterRange(sheet).split(separator: ":").map { XLSXWorkbook.absolute(String($0)) }.joined(separator: ":")
            xml += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">'\(XLSXWorkbook.escaped(sheet.name))'!\(range)</definedName>"
        }
        return xml + "</definedNames></workbook>"
    }

    func workbookRelationships() -> String {
        var xml = XLSXWorkbook.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(XLSXWorkbook.relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(XLSXWorkbook.relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Styles: 0 default, 1 bold header, 2 money `#,##0.00` (built-in 4),
    /// 3 share `0.00%` (built-in 10), 4 count `#,##0` (built-in 3).
    static let styles = declaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// A worksheet: frozen header row, fitted column widths, inline strings,
    /// numeric cells, auto-filter.
    static func worksheet(_ sheet: Sheet) -> String {
        var xml = declaration + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for (index, width) in columnWidths(sheet).enumerated() {
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData><row r=\"1\">"
        for (column, title) in sheet.header.enumerated() {
            xml += "<c r=\"\(reference(column: column, row: 1))\" t=\"inlineStr\" s=\"\(Style.header)\"><is><t>\(escaped(title))</t></is></c>"
        }
        xml += "</row>"
        for (offset, cells) in sheet.rows.enumerated() {
            let row = offset + 2
            xml += "<row r=\"\(row)\">"
            for (column, cell) in cells.enumerated() {
                xml += self.cell(cell, reference: reference(column: column, row: row))
            }
            xml += "</row>"
        }
        xml += "</sheetData><autoFilter ref=\"\(filterRange(sheet))\"/></worksheet>"
        return xml
    }

    static func cell(_ cell: Cell, reference: String) -> String {
        switch cell {
        case let .text(text):
            return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>"
        case let .integer(value):
            return "<c r=\"\(reference)\" s=\"\(Style.count)\"><v>\(value)</v></c>"
        case let .money(cents):
            // The exact decimal text; the spreadsheet reads it as a number.
            return "<c r=\"\(reference)\" s=\"\(Style.money)\"><v>\(CellText.money(cents))</v></c>"
        case let .share(numerator, denominator):
            let text = CellText.share(numerator, denominator)
            guard !text.isEmpty else { return "" }  // undefined share (no duty-free value): empty cell
            return "<c r=\"\(reference)\" s=\"\(Style.share)\"><v>\(text)</v></c>"
        }
    }

    /// Widths in characters: the longest rendered value or header, 8...60.
    static func columnWidths(_ sheet: Sheet) -> [Int] {
        var widths = sheet.header.map { $0.count + 3 }  // room for the filter button
        for cells in sheet.rows {
            for (column, cell) in cells.enumerated() where column < widths.count {
                let rendered = switch cell {
                case let .money(cents): CellText.money(cents).count + (CellText.money(cents).count - 1) / 4  // thousands separators
                default: CellText.plain(cell).count
                }
                widths[column] = max(widths[column], rendered + 1)
            }
        }
        return widths.map { min(max($0, 8), 60) }
    }

    /// `A1:Xn` over the header and every row.
    static func filterRange(_ sheet: Sheet) -> String {
        "A1:" + reference(column: max(sheet.header.count - 1, 0), row: sheet.rows.count + 1)
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

    /// XML text: `&`, `<`, `>`, `"` escaped; characters XML 1.0 forbids
    /// (control characters other than tab, newline, carriage return) dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
