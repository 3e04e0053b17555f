/// The cell styles of roo's workbooks (`xl/styles.xml`): each case is an
/// index into `cellXfs`, in the order `XLSXStyle.part` writes them.
///
/// Money is `#,##0.00` in the tables and `"US$"#,##0.00` for the summary's
/// headline figures; shares are the ratio the CSV tables print, formatted
/// `0.00%`; counts `#,##0`.
enum XLSXStyle: Int, Sendable, CaseIterable {
    case plain = 0
    /// Bold: a table's header row, a label.
    case header
    case money
    case share
    case count
    /// The summary sheet's title: bold, 14 pt.
    case title
    /// The headline's parts: `"US$"#,##0.00`.
    case currency
    /// The headline number: bold `"US$"#,##0.00`.
    case currencyBold
    /// Long text wrapped in its cell (merged across the sheet), top-aligned.
    case wrapped
    /// A header wrapped at its spaces, bold, bottom-aligned.
    case wrappedHeader
    /// A section heading: bold, 12 pt.
    case heading

    /// The style a cell takes when none is asked for: its kind's number format.
    static func of(_ cell: Cell) -> XLSXStyle {
        switch cell {
        case .text: .plain
        case .integer: .count
        case .money: .money
        case .share: .share
        }
    }

    /// The `cellXfs` entry of each case, in case order.
    private var xf: String {
        let base = "fillId=\"0\" borderId=\"0\" xfId=\"0\""
        switch self {
        case .plain: return "<xf numFmtId=\"0\" fontId=\"0\" \(base)/>"
        case .header: return "<xf numFmtId=\"0\" fontId=\"1\" \(base) applyFont=\"1\"/>"
        case .money: return "<xf numFmtId=\"4\" fontId=\"0\" \(base) applyNumberFormat=\"1\"/>"  // built-in #,##0.00
        case .share: return "<xf numFmtId=\"10\" fontId=\"0\" \(base) applyNumberFormat=\"1\"/>"  // built-in 0.00%
        case .count: return "<xf numFmtId=\"3\" fontId=\"0\" \(base) applyNumberFormat=\"1\"/>"  // built-in #,##0
        case .title: return "<xf numFmtId=\"0\" fontId=\"2\" \(base) applyFont=\"1\"/>"
        case .currency:
            return "<xf numFmtId=\"\(XLSXStyle.currencyFormat)\" fontId=\"0\" \(base) applyNumberFormat=\"1\"/>"
        case .currencyBold:
            return
                "<xf numFmtId=\"\(XLSXStyle.currencyFormat)\" fontId=\"1\" \(base) applyNumberFormat=\"1\" "
                + "applyFont=\"1\"/>"
        case .wrapped:
            return
                "<xf numFmtId=\"0\" fontId=\"0\" \(base) applyAlignment=\"1\"><alignment vertical=\"top\" "
                + "wrapText=\"1\"/></xf>"
        case .wrappedHeader:
            return
                "<xf numFmtId=\"0\" fontId=\"1\" \(base) applyFont=\"1\" applyAlignment=\"1\"><alignment "
                + "vertical=\"bottom\" wrapText=\"1\"/></xf>"
        case .heading: return "<xf numFmtId=\"0\" fontId=\"3\" \(base) applyFont=\"1\"/>"
        }
    }

    /// The custom number format id of `"US$"#,##0.00` (ids below 164 are built in).
    static let currencyFormat = 164

    /// `xl/styles.xml`. Fonts: 0 regular, 1 bold, 2 bold 14 pt, 3 bold 12 pt.
    static let part =
        XLSXWorkbook.declaration
        + "<styleSheet xmlns=\"\(XLSXWorkbook.mainNamespace)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"\(currencyFormat)\" "
        + "formatCode=\"&quot;US$&quot;#,##0.00\"/></numFmts>"
        + "<fonts count=\"4\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name "
        + "val=\"Calibri\"/></font>"
        + "<font><b/><sz val=\"14\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"12\"/><name "
        + "val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill "
        + "patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"\(allCases.count)\">" + allCases.map(\.xf).joined() + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}
