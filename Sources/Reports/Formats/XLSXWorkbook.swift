/// The parts of an Office Open XML workbook (`.xlsx`) holding summary tables:
/// a `summary` sheet first (the headline, its figures, the `through_bloc`
/// table and the definitions; `XLSXWorkbook+Summary`), one sheet per table
/// in the order given, then a `notes` sheet of item/value lines. The
/// workbook opens on the summary.
///
/// Numbers are numeric cells on every sheet (`XLSXStyle` gives their
/// formats); text is an inline string, so it is never evaluated as a
/// formula whatever it starts with, and a code that looks like a number
/// (HS chapter `01`) stays text. Table sheets have a bold, frozen header row
/// and an auto-filter; every sheet prints landscape, fitted to the page
/// width, with its first row repeated on each page (`XLSXWorkbook+Worksheet`).
/// `XLSXFile` zips the parts.
public struct XLSXWorkbook: Sendable {
    /// One cell as written: a value and its style.
    public struct SheetCell: Sendable, Equatable {
        public var value: Cell
        var style: XLSXStyle

        /// `value` in `style`, or in its kind's number format when nil.
        init(_ value: Cell, style: XLSXStyle? = nil) {
            self.value = value
            self.style = style ?? XLSXStyle.of(value)
        }
    }

    /// One worksheet: a name (≤ 31 characters, unique), its rows and layout.
    public struct Sheet: Sendable {
        public var name: String
        /// Rows from row 1, each from column A; nil leaves a cell empty.
        public var rows: [[SheetCell?]]
        /// Column widths in characters, from column A.
        public var widths: [Int]
        /// Whether row 1 heads a table below it: frozen, with an auto-filter.
        public var isTable: Bool
        /// Merged ranges (`A3:K3`), top to bottom.
        public var merges: [String]
        /// Row heights in points by 0-based row; the other rows take the default.
        public var heights: [Int: Double]
        /// Line charts drawn over the sheet's cells (`XLSXWorkbook+Charts`).
        public var charts: [LineChart] = []

        init(
            name: String, rows: [[SheetCell?]], widths: [Int], isTable: Bool, merges: [String] = [],
            heights: [Int: Double] = [:]
        ) {
            self.name = name
            self.rows = rows
            self.widths = widths
            self.isTable = isTable
            self.merges = merges
            self.heights = heights
        }

        /// A table sheet: the bold `header`, then `rows`, widths fitted to the text.
        public init(name: String, header: [String], rows: [[Cell]]) {
            let headerCells = header.map { SheetCell(.text($0), style: .header) }
            self.init(
                name: name, rows: [headerCells] + rows.map { $0.map { SheetCell($0) } },
                widths: XLSXWorkbook.columnWidths(header: header, rows: rows), isTable: true)
        }

        /// The number of columns: the longest row's.
        var columnCount: Int { rows.reduce(0) { max($0, $1.count) } }
    }

    public var sheets: [Sheet]

    /// A workbook of a `summary` sheet, `tables` in their order, then a
    /// `notes` sheet of `notes` (item, value: numbers typed, codes as text).
    ///
    /// - Parameter headline: the answer the summary leads with (none: the summary
    ///   holds the definitions only).
    /// - Parameter throughBloc: the table the summary shows; by default the
    ///   `through_bloc` of `tables`, if any.
    /// - Parameter series: the run's time series: an `over_time` sheet with its line charts after the summary
    ///   (nil, or nothing to draw: no such sheet).
    /// - Complexity: O(cells).
    public init(
        tables: [SummaryTable], notes: [(String, Cell)], headline: Headline? = nil, throughBloc: SummaryTable? = nil,
        series: PeriodSeries? = nil
    ) {
        let summary = XLSXWorkbook.summarySheet(
            headline: headline, throughBloc: throughBloc ?? tables.first { $0.name == .throughBloc }, notes: notes)
        sheets = [summary] + [XLSXWorkbook.seriesSheet(series)].compactMap { $0 }
        sheets += tables.map { Sheet(name: $0.name.rawValue, header: $0.columns, rows: Array($0.rows)) }
        sheets.append(XLSXWorkbook.notesSheet(notes))
    }

    /// The notes sheet: items as text, values as typed (counts and money
    /// numeric), long text wrapped in its cell.
    static func notesSheet(_ notes: [(String, Cell)]) -> Sheet {
        var sheet = Sheet(name: "notes", header: ["item", "value"], rows: notes.map { [.text($0.0), $0.1] })
        for row in sheet.rows.indices.dropFirst() {
            if case .text? = sheet.rows[row][1]?.value { sheet.rows[row][1]?.style = .wrapped }
        }
        return sheet
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
            ("xl/styles.xml", XLSXStyle.part),
        ]
        var drawings = 0
        var charts = 0
        for (index, sheet) in sheets.enumerated() {
            result.append(("xl/worksheets/sheet\(index + 1).xml", XLSXWorkbook.worksheet(sheet, selected: index == 0)))
            guard !sheet.charts.isEmpty else { continue }
            drawings += 1
            result.append(
                (
                    "xl/worksheets/_rels/sheet\(index + 1).xml.rels",
                    XLSXWorkbook.relationships(type: "drawing", targets: ["../drawings/drawing\(drawings).xml"])
                ))
            result.append(("xl/drawings/drawing\(drawings).xml", XLSXWorkbook.drawing(sheet.charts)))
            let numbers = (charts + 1)...(charts + sheet.charts.count)
            result.append(
                (
                    "xl/drawings/_rels/drawing\(drawings).xml.rels",
                    XLSXWorkbook.relationships(type: "chart", targets: numbers.map { "../charts/chart\($0).xml" })
                ))
            for (number, chart) in zip(numbers, sheet.charts) {
                result.append(("xl/charts/chart\(number).xml", XLSXWorkbook.chartPart(chart, on: sheet)))
            }
            charts += sheet.charts.count
        }
        return result
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypes() -> String {
        var xml =
            XLSXWorkbook.declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in sheets.indices {
            xml +=
                "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        let drawn = sheets.filter { !$0.charts.isEmpty }
        for index in drawn.indices {
            xml +=
                "<Override PartName=\"/xl/drawings/drawing\(index + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.drawing+xml\"/>"
        }
        for index in 0..<drawn.reduce(0, { $0 + $1.charts.count }) {
            xml +=
                "<Override PartName=\"/xl/charts/chart\(index + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let rootRelationships =
        declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    /// `xl/workbook.xml`: the first sheet active, the sheets, and the hidden
    /// names Excel keeps per sheet (each auto-filter's range, and the rows
    /// printed on every page), sorted by name as Excel writes them.
    func workbook() -> String {
        var xml =
            XLSXWorkbook.declaration
            + "<workbook xmlns=\"\(XLSXWorkbook.mainNamespace)\" xmlns:r=\"\(XLSXWorkbook.relationshipNamespace)\">"
            + "<bookViews><workbookView firstSheet=\"0\" activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml +=
                "<sheet name=\"\(XLSXWorkbook.escaped(sheet.name))\" sheetId=\"\(index + 1)\" "
                + "r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets><definedNames>"
        for (index, sheet) in sheets.enumerated() where sheet.isTable {
            let range = XLSXWorkbook.filterRange(sheet).split(separator: ":").map { XLSXWorkbook.absolute(String($0)) }
                .joined(separator: ":")
            xml +=
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" "
                + "hidden=\"1\">\(XLSXWorkbook.quotedName(sheet))!\(range)</definedName>"
        }
        for (index, sheet) in sheets.enumerated() {
            xml +=
                "<definedName name=\"_xlnm.Print_Titles\" "
                + "localSheetId=\"\(index)\">\(XLSXWorkbook.quotedName(sheet))!$1:$1</definedName>"
        }
        return xml + "</definedNames></workbook>"
    }

    /// A sheet's name as a formula refers to it: quoted, quotes doubled, XML-escaped.
    static func quotedName(_ sheet: Sheet) -> String {
        escaped("'" + sheet.name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'")
    }

    func workbookRelationships() -> String {
        var xml =
            XLSXWorkbook.declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets.indices {
            xml +=
                "<Relationship Id=\"rId\(index + 1)\" Type=\"\(XLSXWorkbook.relationshipNamespace)/worksheet\" "
                + "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(XLSXWorkbook.relationshipNamespace)/styles\" "
            + "Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }
}
