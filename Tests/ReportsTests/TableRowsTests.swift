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

    /// A table long enough to be written in pieces by several workers reads, byte for byte, as the
    /// same rows written by one writer (text with quotes, separators and formula guards, money,
    /// shares, integers; row counts at and around the piece boundaries).
    @Test func largeTablesWrittenInPiecesEqualOneWriter() {
        @Sendable func cells(_ row: Int) -> [Cell] {
            [
                .text(row % 7 == 0 ? "=\"a,b\"\t\(row)" : "k\(row)"), .integer(Int64(row)),
                .money(Int64(row) * 101 - 5_000), .share(numerator: Int64(row % 13), denominator: Int64(row % 11)),
            ]
        }
        let columns = ["key", "lines", "customs_value", "share"]
        for count in [1 << 16, (1 << 16) + 1, 3 * (1 << 15) + 17, 200_003] {
            let made = SummaryTable(name: .detail, columns: columns, rows: TableRows(count: count) { cells($0) })
            for format in [OutputFormat.csv, .tsv] {
                // One writer: tables of at most 1,000 rows (far below a piece), their rows after one header.
                var expected: [UInt8] = []
                for low in stride(from: 0, to: count, by: 1_000) {
                    let high = min(low + 1_000, count)
                    let part = SummaryTable(
                        name: .detail, columns: columns, rows: TableRows(count: high - low) { cells(low + $0) })
                    let bytes = format.bytes(part)
                    let body = bytes.firstIndex(of: 0x0a).map { $0 + 1 } ?? bytes.count
                    if low == 0 { expected += bytes[..<body] }
                    expected += bytes[body...]
                }
                // Compared as a Bool: a failure message does not print 10 MB of bytes.
                let written = format.bytes(made)
                let shorter = min(written.count, expected.count)
                let firstDifference = (0..<shorter).first { written[$0] != expected[$0] } ?? shorter
                let same = written == expected
                #expect(
                    same,
                    "\(format) \(count) rows: \(written.count) vs \(expected.count) bytes, differ at \(firstDifference)"
                )
            }
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
