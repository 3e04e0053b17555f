import Testing
@testable import Reports

/// The workbook parts roo writes for `--format xlsx` (openpyxl opens real
/// workbooks in scripts/check/xlsx.sh).
struct XLSXWorkbookTests {
    static let table = SummaryTable(
        name: .detail,
        columns: ["origin", "lines", "customs_value", "non_regional_share"],
        rows: [
            [.text("=SUM(A1)&<x>"), .integer(1_234), .money(-123_456), .share(numerator: 1, denominator: 3)],
            [.text("CN\u{1}"), .integer(0), .money(5), .share(numerator: 0, denominator: 0)],
        ]
    )

    /// A `through_bloc` of one partner, the bloc and direct, and its headline.
    static let throughBloc = SummaryTable(
        name: .throughBloc, columns: SummaryTable.throughBlocColumns,
        rows: [
            [
                .text("MX"), .text("Mexico"), .integer(3), .money(10_000), .money(8_000), .money(5_000),
                .share(numerator: 5_000, denominator: 10_000),
                .money(3_000), .money(1_000), .money(2_000), .share(numerator: 3_000, denominator: 8_000),
            ],
            [
                .text("bloc"), .text("All bloc partners"), .integer(3), .money(10_000), .money(8_000), .money(5_000),
                .share(numerator: 5_000, denominator: 10_000),
                .money(3_000), .money(1_000), .money(2_000), .share(numerator: 3_000, denominator: 8_000),
            ],
            [
                .text("direct"), .text("Direct, from outside the bloc"), .integer(1), .money(700), .money(700),
                .money(0), .share(numerator: 0, denominator: 700),
                .money(700), .money(0), .money(0), .share(numerator: 700, denominator: 700),
            ],
        ])
    static let headline = Headline(
        tables: [throughBloc],
        context: Headline.Context(period: "2024", region: ["CA", "MX", "US"], isUSMCA: true, programs: ["S", "S+"]))

    static func part(_ workbook: XLSXWorkbook, _ path: String) -> String {
        workbook.parts().first { $0.path == path }?.contents ?? ""
    }

    @Test func sheetsHaveFrozenBoldHeadersFiltersAndNumericCells() throws {
        let workbook = XLSXWorkbook(tables: [XLSXWorkbookTests.table], notes: [("inputs", .text("a & b"))])
        let sheet = XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet2.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">origin</t></is></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:D3\"/>"))
        // Formula-like text is an escaped inline string, never a formula.
        #expect(
            sheet.contains(
                "<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=SUM(A1)&amp;&lt;x&gt;</t></is></c>"))
        #expect(!sheet.contains("<f>"))
        // Control characters XML 1.0 forbids are dropped.
        #expect(sheet.contains(">CN</t>"))
        #expect(sheet.contains("<c r=\"B2\" s=\"4\"><v>1234</v></c>"))
        #expect(sheet.contains("<c r=\"C2\" s=\"2\"><v>-1234.56</v></c>"))
        #expect(sheet.contains("<c r=\"D2\" s=\"3\"><v>0.333333</v></c>"))
        #expect(!sheet.contains("r=\"D3\""))  // an undefined share is an empty cell
        #expect(XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet3.xml").contains("a &amp; b"))
        #expect(
            XLSXWorkbookTests.part(workbook, "xl/workbook.xml").contains(
                "<sheet name=\"notes\" sheetId=\"3\" r:id=\"rId3\"/>"))
    }

    @Test func theWorkbookOpensOnTheSummaryThenTheTablesInTheirOrderThenTheNotes() {
        let totals = SummaryTable(name: .totals, columns: ["files"], rows: [[.integer(1)]])
        let workbook = XLSXWorkbook(
            tables: [XLSXWorkbookTests.throughBloc, totals, XLSXWorkbookTests.table], notes: [],
            headline: XLSXWorkbookTests.headline)
        #expect(workbook.sheets.map(\.name) == ["summary", "through_bloc", "totals", "detail", "notes"])
        let book = XLSXWorkbookTests.part(workbook, "xl/workbook.xml")
        #expect(
            book.contains(
                "<bookViews><workbookView firstSheet=\"0\" activeTab=\"0\"/></bookViews><sheets><sheet "
                    + "name=\"summary\" sheetId=\"1\" r:id=\"rId1\"/>"
            ))
        #expect(
            XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet1.xml").contains(
                "<sheetView tabSelected=\"1\" workbookViewId=\"0\">"))
        for index in 2...workbook.sheets.count {
            #expect(!XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet\(index).xml").contains("tabSelected"))
        }
        // The summary is no table: no filter of its own.
        #expect(!book.contains("_xlnm._FilterDatabase\" localSheetId=\"0\""))
        #expect(
            book.contains(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" "
                    + "hidden=\"1\">'through_bloc'!$A$1:$K$4</definedName>"
            ))
    }

    @Test func theSummaryHoldsTheHeadlineItsFiguresTheContextTheTableAndTheDefinitions() throws {
        let headline = try #require(XLSXWorkbookTests.headline)
        let notes: [(String, Cell)] = [
            ("inputs", .text("x.parquet")), ("period covered", .text("2024")), ("currency", .text("USD")),
            ("region", .text("usmca (US, CA, MX)")), ("preference programs", .text("S, S+")),
        ]
        let workbook = XLSXWorkbook(
            tables: [XLSXWorkbookTests.table], notes: notes, headline: headline,
            throughBloc: XLSXWorkbookTests.throughBloc)
        let summary = try #require(workbook.sheets.first)
        let texts = summary.rows.map {
            $0.compactMap { cell -> String? in if case let .text(text)? = cell?.value { text } else { nil } }
        }
        #expect(texts[0] == [XLSXWorkbook.summaryTitle])
        #expect(texts.contains([headline.sentence]))
        // The figures: numeric cells in the currency format, in column D, labelled with the definitions' terms.
        let figures = summary.rows.filter {
            $0.count == 4 && $0[3].map { [.currency, .currencyBold].contains($0.style) } == true
        }
        #expect(figures.map { $0[3]?.value } == [.money(3_000), .money(1_000), .money(2_000), .money(8_000)])
        let terms = Set(Definitions.terms.map(\.term))
        #expect(
            figures.prefix(3).allSatisfy { row in
                if case let .text(label)? = row[0]?.value { terms.contains(label) } else { false }
            })
        #expect(
            summary.rows.contains {
                $0.count == 4 && $0[3] == XLSXWorkbook.SheetCell(.share(numerator: 3_000, denominator: 8_000))
            })
        // Period, region, programs and currency, in the notes' words; not the inputs.
        for item in XLSXWorkbook.summaryContextItems { #expect(texts.contains { $0.first == item }, "\(item)") }
        #expect(!texts.contains { $0.first == "inputs" })
        // The through_bloc rows as they are, with their numbers typed; then every definition.
        for row in XLSXWorkbookTests.throughBloc.rows {
            #expect(summary.rows.contains(row.map { XLSXWorkbook.SheetCell($0) }))
        }
        for (term, meaning) in Definitions.terms { #expect(texts.contains([term, meaning])) }
        let sheet = XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<mergeCells count="))
        #expect(sheet.contains("<c r=\"D5\" s=\"\(XLSXStyle.currencyBold.rawValue)\"><v>30.00</v></c>"))
        #expect(XLSXStyle.part.contains("<numFmt numFmtId=\"164\" formatCode=\"&quot;US$&quot;#,##0.00\"/>"))
    }

    @Test func notesKeepNumbersNumericAndCodesText() {
        let notes: [(String, Cell)] = [
            ("hs width", .integer(10)), ("from", .text("202401")), ("customs_value", .money(123_456)),
            ("non_regional_share", .share(numerator: 1, denominator: 4)), ("inputs", .text("01.csv")),
        ]
        let workbook = XLSXWorkbook(tables: [], notes: notes)
        let sheet = XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet2.xml")
        #expect(sheet.contains("<c r=\"B2\" s=\"4\"><v>10</v></c>"))
        #expect(
            sheet.contains(
                "<c r=\"B3\" t=\"inlineStr\" s=\"\(XLSXStyle.wrapped.rawValue)\"><is><t "
                    + "xml:space=\"preserve\">202401</t></is></c>"
            ))
        #expect(sheet.contains("<c r=\"B4\" s=\"2\"><v>1234.56</v></c>"))
        #expect(sheet.contains("<c r=\"B5\" s=\"3\"><v>0.250000</v></c>"))
    }

    @Test func everySheetPrintsLandscapeFittedToWidthWithItsFirstRowOnEachPage() {
        let workbook = XLSXWorkbook(
            tables: [XLSXWorkbookTests.throughBloc, XLSXWorkbookTests.table], notes: [("inputs", .text("x"))],
            headline: XLSXWorkbookTests.headline)
        let book = XLSXWorkbookTests.part(workbook, "xl/workbook.xml")
        for (index, sheet) in workbook.sheets.enumerated() {
            let xml = XLSXWorkbookTests.part(workbook, "xl/worksheets/sheet\(index + 1).xml")
            #expect(xml.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"), "\(sheet.name)")
            #expect(
                xml.contains("<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"),
                "\(sheet.name)")
            #expect(
                book.contains(
                    "<definedName name=\"_xlnm.Print_Titles\" "
                        + "localSheetId=\"\(index)\">'\(sheet.name)'!$1:$1</definedName>"
                ))
            #expect(xml.contains("<cols><col min=\"1\" max=\"1\""), "\(sheet.name)")
            // CT_Worksheet's sequence: Excel refuses a part whose elements are out of this order.
            let order = [
                "<sheetPr>", "<dimension ", "<sheetViews>", "<sheetFormatPr ", "<cols>", "<sheetData>", "<autoFilter ",
                "<mergeCells ",
                "<pageMargins ", "<pageSetup ", "<headerFooter>", "<ignoredErrors>",
            ]
            let positions = order.compactMap { xml.range(of: $0)?.lowerBound }
            #expect(positions == positions.sorted() && positions.count >= 10, "\(sheet.name)")
            #expect(
                xml.hasSuffix(
                    "</headerFooter><ignoredErrors><ignoredError sqref=\"\(XLSXWorkbook.filterRange(sheet))\" "
                        + "numberStoredAsText=\"1\"/></ignoredErrors></worksheet>"
                ))
        }
        // The names Excel sorts: every filter, then every print title.
        let filter = book.range(of: "_xlnm._FilterDatabase")?.lowerBound
        #expect(filter.map { $0 < book.range(of: "_xlnm.Print_Titles")!.lowerBound } == true)
    }

    @Test func aSummaryOfAnEmptyTableOrNoHeadlineStillHoldsTheDefinitions() {
        let empty = SummaryTable(name: .throughBloc, columns: [], rows: [])
        for workbook in [XLSXWorkbook(tables: [], notes: [], throughBloc: empty), XLSXWorkbook(tables: [], notes: [])] {
            let summary = workbook.sheets[0]
            #expect(summary.name == "summary" && summary.widths.count == XLSXWorkbook.figureColumn + 1)
            #expect(summary.rows.contains { $0.first??.value == .text(Definitions.terms[0].term) })
        }
    }

    @Test func aSheetNameIsQuotedInFormulas() {
        let sheet = XLSXWorkbook.Sheet(name: "it's <x>", header: ["a"], rows: [])
        #expect(XLSXWorkbook.quotedName(sheet) == "'it''s &lt;x&gt;'")
    }

    @Test func referencesAndWidths() {
        #expect(XLSXWorkbook.reference(column: 0, row: 1) == "A1")
        #expect(XLSXWorkbook.reference(column: 25, row: 9) == "Z9")
        #expect(XLSXWorkbook.reference(column: 26, row: 10) == "AA10")
        #expect(XLSXWorkbook.reference(column: 701, row: 1) == "ZZ1")
        #expect(XLSXWorkbook.reference(column: 702, row: 1) == "AAA1")
        #expect(XLSXWorkbook.absolute("AB12") == "$AB$12")
        #expect(XLSXWorkbook.columnWidths(header: ["a", String(repeating: "x", count: 100)], rows: []) == [8, 60])
        #expect(XLSXWorkbook.renderedWidth(.money(123_456_789)) == "1,234,567.89".count)
        #expect(XLSXWorkbook.renderedWidth(.money(-123_456)) == "-1,234.56".count)
        #expect(XLSXWorkbook.renderedWidth(.money(-5)) == "-0.05".count)
        #expect(XLSXWorkbook.wrappedHeight([("short", 40), (String(repeating: "x", count: 100), 40)]) == 45)
        #expect(
            XLSXWorkbook.wordLines(
                "declared non originating "
                    + "value", width: 13) == 3)  // "declared non", "originating", "value"
        #expect(XLSXWorkbook.wordLines("customs value", width: 16) == 1)
        #expect(XLSXWorkbook.wordLines("customs value", width: 14) == 1)
        #expect(XLSXWorkbook.wordLines("customs value", width: 13) == 2)
    }

    @Test func theZipIsDeterministic() throws {
        let workbook = XLSXWorkbook(tables: [XLSXWorkbookTests.table], notes: [], headline: XLSXWorkbookTests.headline)
        let first = try XLSXFile.bytes(workbook, path: "a.xlsx")
        let second = try XLSXFile.bytes(
            XLSXWorkbook(tables: [XLSXWorkbookTests.table], notes: [], headline: XLSXWorkbookTests.headline),
            path: "b.xlsx")
        #expect(first.starts(with: [0x50, 0x4b, 0x03, 0x04]))  // "PK\u{3}\u{4}"
        #expect(first == second)
    }
}
