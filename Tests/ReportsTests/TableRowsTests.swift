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
                for threads in [1, 3] {
                    // Streamed in parts of at most one piece of rows (the header first), never the whole table.
                    var parts: [[UInt8]] = []
                    format.write(made, threads: threads) { parts.append($0) }
                    let rowsPerPiece = 1 << 15
                    #expect(parts.count == (count + rowsPerPiece - 1) / rowsPerPiece + 1)
                    // Compared as a Bool: a failure message does not print 10 MB of bytes.
                    let written = Array(parts.joined())
                    let shorter = min(written.count, expected.count)
                    let firstDifference = (0..<shorter).first { written[$0] != expected[$0] } ?? shorter
                    let same = written == expected
                    let sizes = "\(written.count) vs \(expected.count) bytes"
                    #expect(same, "\(format) \(count) rows, \(threads) threads: \(sizes), differ at \(firstDifference)")
                }
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

    /// The tables are built side by side: by any number of workers they are the same tables, and when
    /// several overflow the error names the first in table order (`by_origin` here, before `totals`).
    @Test func tablesBuiltBySeveralWorkersAreTheSameAndFailTheSame() throws {
        func group(_ origin: String, _ partner: String, _ chapter: Int, value: Int64) -> GroupRow {
            var measures = Measures()
            measures.lines = 1
            measures.customsValue = value
            measures.dutyFreeValue = value / 2
            measures.nonRegionalValue = value / 3
            return GroupRow(origin: origin, chapter: chapter, partner: partner, measures: measures)
        }
        let groups = (0..<500).map {
            group(["CN", "DE", "MX", "VN"][$0 % 4], ["CA", "MX", "JP"][$0 % 3], $0 % 97 + 1, value: Int64($0 * 7_919))
        }
        let totals = TotalsInput(files: 1, linesRead: 500, linesFiltered: 0, rejected: [], linesAggregated: 500)
        let render = { (tables: [SummaryTable]) in tables.map { OutputFormat.csv.render($0) } }
        let one = try SummaryTable.buildAll(groups: groups, totals: totals, top: 50, members: ["CA", "MX", "US"])
        for threads in [2, 3, 8] {
            let many = try SummaryTable.buildAll(
                groups: groups, totals: totals, top: 50, members: ["CA", "MX", "US"], threads: threads)
            #expect(render(many) == render(one), "\(threads) threads")
        }
        // Two groups of one origin whose sum passes Int64: by_origin, through_bloc and totals overflow; detail,
        // by_partner and by_chapter do not.
        let huge = [group("CN", "MX", 85, value: .max - 10), group("CN", "CA", 87, value: 100)]
        for threads in [1, 2, 8] {
            #expect("\(threads) threads") {
                try SummaryTable.buildAll(
                    groups: huge, totals: totals, top: nil, members: ["CA", "MX", "US"], threads: threads)
            } throws: { error in
                (error as? MeasureOverflow)?.table == .byOrigin
            }
        }
        // Only some tables: those, in the usual order; a table left out is not summed, so it cannot fail.
        let some = try SummaryTable.buildAll(
            groups: groups, totals: totals, top: 50, members: ["CA", "MX", "US"], threads: 2,
            only: [.totals, .byPartner])
        #expect(some.map(\.name) == [.byPartner, .totals])
        #expect(render(some) == render(one.filter { $0.name == .byPartner || $0.name == .totals }))
        let detailOnly = try SummaryTable.buildAll(
            groups: huge, totals: totals, top: nil, members: ["CA", "MX", "US"], only: [.detail])
        #expect(detailOnly.map(\.name) == [.detail] && detailOnly[0].rows.count == 2)
    }
}
