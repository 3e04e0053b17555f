import Customs
import Reports
import Testing

/// Rows made on demand read, compare and render as the same rows held as cells.
struct TableRowsTests {
    static let held: [[Cell]] = (0..<5).map { [.text("k\($0)"), .integer(Int64($0)), .money(Int64($0) * 101)] }

    @Test func madeRowsEqualHeldRows() {
        let made = TableRows(count: TableRowsTests.held.count) { TableRowsTests.held[$0] }
        #expect(made == TableRows(TableRowsTests.held))
        #expect(made.count == 5)
        #expect(made[3] == TableRowsTests.held[3])
        #expect(Array(made) == TableRowsTests.held)
        #expect(made != TableRows(Array(TableRowsTests.held.dropLast())))
        let tables = [TableRows(TableRowsTests.held), made].map {
            SummaryTable(name: .byOrigin, columns: ["origin", "lines", "customs_value"], rows: $0)
        }
        for format in [OutputFormat.csv, .tsv, .jsonl, .md] {
            #expect(format.render(tables[0]) == format.render(tables[1]))
            #expect(Array(format.render(tables[1]).utf8) == format.bytes(tables[1]))
        }
    }

    /// The detail table of an aggregate is one row per group, made as it is written: sorted by
    /// non-regional value, then customs value, then keys by bytes, and cut by `top`.
    @Test func theDetailTableOfGroupsIsSortedAndCutAsItIsMade() throws {
        func group(_ origin: String, _ partner: String, _ chapter: Int, value: Int64, nonRegional: Int64) -> GroupRow {
            var measures = Measures()
            measures.lines = 1
            measures.customsValue = value
            measures.dutyFreeValue = value
            measures.nonRegionalValue = nonRegional
            return GroupRow(origin: origin, chapter: chapter, partner: partner, measures: measures)
        }
        let groups = [
            group("CN", "MX", 85, value: 500, nonRegional: 0), group("CN", "CA", 85, value: 500, nonRegional: 0),
            group("DE", "MX", 87, value: 900, nonRegional: 900), group("É", "MX", 1, value: 500, nonRegional: 0),
            group("E\u{301}", "MX", 1, value: 500, nonRegional: 0),
        ]
        let table = try SummaryTable.detailTable(
            groups, by: .standard, plan: DimensionSet.standard.plan, top: 4, distinct: true)
        let keys = table.rows.map { row in [0, 2, 4].map { CellText.plain(row[$0]) }.joined(separator: "|") }
        // Ties on both sums fall to the keys' bytes: CA before MX; "E" + U+0301 before "É" (0x45 < 0xC3).
        #expect(keys == ["DE|87|MX", "CN|85|CA", "CN|85|MX", "E\u{301}|01|MX"])
    }
}
