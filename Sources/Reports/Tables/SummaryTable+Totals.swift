import Customs

extension SummaryTable {
    /// The `totals` table: the run's counters (files, lines read, filtered, rejected by reason, aggregated,
    /// unmapped country codes, odd HS codes) and the measures of every aggregated line.
    static func totalsTable(_ totals: TotalsInput, _ measures: Measures) -> SummaryTable {
        let reasonColumns = RejectionReason.allCases.map(\.name)
        let unmapped = totals.unmappedCountryCodes.map { _ in ["unmapped_country_codes"] } ?? []
        let columns =
            ["files", "lines_read", "lines_filtered", "lines_rejected"] + reasonColumns + ["lines_aggregated"]
            + unmapped
            + ["hs_odd_length"] + measureColumns + optionalColumns(totals.optionalMeasures)
        // Wrapping sum: the counts come from one run (or from partials whose invariants merge checked).
        var row: [Cell] = [
            .integer(Int64(totals.files)), .integer(totals.linesRead), .integer(totals.linesFiltered),
            .integer(totals.rejected.reduce(0, &+)),
        ]
        row += totals.rejected.map { Cell.integer($0) }
        row.append(.integer(totals.linesAggregated))
        if let count = totals.unmappedCountryCodes { row.append(.integer(count)) }
        row.append(.integer(totals.oddHSCodes))
        row += measureCells(measures, totals.optionalMeasures)
        return SummaryTable(name: .totals, columns: columns, rows: [row])
    }
}
