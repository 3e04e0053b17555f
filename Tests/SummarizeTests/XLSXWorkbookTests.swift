import Testing
@testable import Reports

/// The workbook parts roo writes for `--format xlsx` (openpyxl opens real
/// workbooks in scripts/check_xlsx.sh).
struct XLSXWorkbookTests {
    static let table = SummaryTable(
        name: .detail,
        columns: ["origin", "lines", "customs_value", "non_regional_share"],
        rows: [
            [.text("=SUM(A1)&<x>"), .integer(1_234), .money(-123_456), .share(numerator: 1, denominator: 3)],
            [.text("CN\u{1}"), .integer(0), .money(5), .share(numerator: 0, denominator: 0)],
        ]
    )

    static func part(_ workbook: XLSXWorkbook, _ path: String) -> String {
        workbook.parts().first { $0.path == path }?.contents ?? ""
    }

    @Test func sheetsHaveFrozenBoldHeadersFiltersAndNumericCells() throws {
        let workbook = XLSXWorkbook(tables: [XLSXWorkbookTests.table], notes: [("inputs", "a & b")])
        #expect(workbook.sheets.map(\.name) == ["detail", "notes"])
        let sheet = XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>origin</t></is></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:D3\"/>"))
        // Formula-like text is an escaped inline string, never a formula.
        #expect(sheet.contains("<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=SUM(A1)&amp;&lt;x&gt;</t></is></c>"))
        #expect(!sheet.contains("<f>"))
        // Control characters XML 1.0 forbids are dropped.
        #expect(sheet.contains(">CN</t>"))
        #expect(sheet.contains("<c r=\"B2\" s=\"4\"><v>1234</v></c>"))
        #expect(sheet.contains("<c r=\"C2\" s=\"2\"><v>-1234.56</v></c>"))
        #expect(sheet.contains("<c r=\"D2\" s=\"3\"><v>0.333333</v></c>"))
        #expect(!sheet.contains("r=\"D3\""))  // an undefined share is an empty cell
        #expect(XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet2.xml").contains("a &amp; b"))
        #expect(XLSXWorkbookTests.part(workbook, "xl/workbook.xml").contains("<sheet name=\"notes\" sheetId=\"2\" r:id=\"rId2\"/>"))
    }

    @Test func referencesAndWidths() {
        #expect(XLSXWorkbook.reference(column: 0, row: 1) == "A1")
        #expect(XLSXWorkbook.reference(column: 25, row: 9) == "Z9")
        #expect(XLSXWorkbook.reference(column: 26, row: 10) == "AA10")
        #expect(XLSXWorkbook.reference(column: 701, row: 1) == "ZZ1")
        #expect(XLSXWorkbook.reference(column: 702, row: 1) == "AAA1")
        #expect(XLSXWorkbook.absolute("AB12") == "$AB$12")
        let widths = XLSXWorkbook.columnWidths(XLSXWorkbook.Sheet(name: "t", header: ["a", String(repeating: "x", count: 100)], rows: []))
        #expect(widths == [8, 60])
    }

    @Test func theZipIsDeterministic() throws {
        let workbook = XLSXWorkbook(tables: [XLSXWorkbookTests.table], notes: [])
        let first = try XLSXFile.bytes(workbook, path: "a.xlsx")
        let second = try XLSXFile.bytes(workbook, path: "b.xlsx")
        #expect(first.starts(with: [0x50, 0x4b, 0x03, 0x04]))  // "PK\u{3}\u{4}"
        #expect(first == second)
    }
}
