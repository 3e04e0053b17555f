import Customs

/// `--compare A:B`: each table's money in each of the two periods, side by side.
extension SummaryTable {
    /// The measures `--compare` splits by period, in column order.
    public static let comparedMeasures = ["customs_value", "duty_free_value", "preference_value", "non_regional_value"]

    /// The columns `--compare` adds, four per compared measure: its value in B, in A, the change B − A and
    /// the growth (B − A) ÷ A (`customs_value_2025`, `customs_value_2024`, `customs_value_change`,
    /// `customs_value_growth`).
    public static func comparedColumns(_ compare: PeriodComparison) -> [String] {
        let current = PeriodComparison.label(compare.current)
        let base = PeriodComparison.label(compare.base)
        return comparedMeasures.flatMap { ["\($0)_\(current)", "\($0)_\(base)", "\($0)_change", "\($0)_growth"] }
    }

    /// `table` with `comparedColumns` appended to every row: the row of the same keys in `base` (the table
    /// built on A's groups) and `current` (on B's), 0 where a period has no such row.
    ///
    /// A row's keys are its cells before `lines` (none in `totals`, which has one row).
    ///
    /// - Throws: `MeasureOverflow` when a change does not fit Int64 cents.
    /// - Complexity: O(rows) expected.
    static func comparing(
        _ table: SummaryTable, base: SummaryTable?, current: SummaryTable?, _ compare: PeriodComparison
    ) throws -> SummaryTable {
        let keyCount = table.name == .totals ? 0 : (table.columns.firstIndex(of: "lines") ?? 0)
        let baseRows = rowsByKey(base, keyCount: keyCount)
        let currentRows = rowsByKey(current, keyCount: keyCount)
        var compared = table
        compared.columns += comparedColumns(compare)
        compared.rows = try TableRows(
            table.rows.map { row in
                let key = keyText(row, keyCount: keyCount)
                var cells = row
                for measure in comparedMeasures {
                    let before = money(baseRows[key], measure, in: base)
                    let after = money(currentRows[key], measure, in: current)
                    let (change, overflow) = after.subtractingReportingOverflow(before)
                    if overflow { throw MeasureOverflow(table: table.name) }
                    cells += [
                        .money(after), .money(before), .money(change), .share(numerator: change, denominator: before),
                    ]
                }
                return cells
            })
        return compared
    }

    /// The rows of `table` by the text of their first `keyCount` cells.
    private static func rowsByKey(_ table: SummaryTable?, keyCount: Int) -> [[UInt8]: [Cell]] {
        var rows: [[UInt8]: [Cell]] = [:]
        for row in table?.rows ?? [] { rows[keyText(row, keyCount: keyCount)] = row }
        return rows
    }

    /// A row's key cells as bytes (each cell's text, NUL-separated): compared by bytes, as the tables' keys are.
    private static func keyText(_ row: [Cell], keyCount: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for cell in row.prefix(keyCount) {
            bytes += Array(CellText.plain(cell).utf8)
            bytes.append(0)
        }
        return bytes
    }

    /// The cents of column `measure` in `row` of `table` (0 without the row).
    private static func money(_ row: [Cell]?, _ measure: String, in table: SummaryTable?) -> Int64 {
        guard let row, let index = table?.columns.firstIndex(of: measure), index < row.count,
            case let .money(cents) = row[index]
        else { return 0 }
        return cents
    }
}
