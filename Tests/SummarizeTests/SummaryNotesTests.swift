import Reports
import Summarize
import TestSupport
import Testing

/// The notes are typed: the workbook's notes sheet gets numbers as numbers
/// and codes as text.
struct SummaryNotesTests {
    @Test func countsAndMoneyAreTypedCodesStayText() throws {
        var options = SummarizeOptions(inputs: [FixturePaths.fixtures + "/sample-2024.parquet"])
        options.from = 202_401
        options.to = 202_406
        options.top = 5
        let tables = try SummarizeEngine.run(options)
        let notes = SummaryNotes.make(options: options, tables: tables)
        let value = Dictionary(notes.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        #expect(value["hs width"] == .integer(10))
        #expect(value["top"] == .integer(5))
        #expect(value["from"] == .text("202401") && value["to"] == .text("202406"))  // YYYYMM: codes
        // The totals row as it is in the table: counts, money and the share typed.
        let totals = try #require(tables.first { $0.name == .totals })
        for (column, cell) in zip(totals.columns, totals.rows[0]) { #expect(value[column] == cell, "\(column)") }
        #expect(value["lines_read"].map { if case .integer = $0 { true } else { false } } == true)
        #expect(value["customs_value"].map { if case .money = $0 { true } else { false } } == true)
        // The workbook's summary repeats these items under the headline: each is a note.
        for item in XLSXWorkbook.summaryContextItems { #expect(value[item] != nil, "\(item)") }
    }
}
