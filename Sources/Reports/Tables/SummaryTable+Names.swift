import Customs

/// Which tables a run keyed by `--by` builds, and why one is not.
extension SummaryTable {
    /// The tables a run keyed by `by` builds, in `buildAll`'s order.
    public static func names(by: DimensionSet) -> [TableName] {
        let plan = by.plan
        return TableName.summaryTables.filter { name in
            switch name {
            case .byPeriod: plan.periodGrain != nil
            case .byProgram: plan.index(of: .program) != nil
            case .byChannel: plan.index(of: .channel) != nil
            default: true
            }
        }
    }

    /// Why `table` is not built for `by` (nil when it is): the `--by` key it needs.
    public static func missingKey(_ table: TableName, by: DimensionSet) -> String? {
        guard !names(by: by).contains(table) else { return nil }
        let key =
            switch table {
            case .byPeriod: "month, quarter or year"
            case .byProgram: "program"
            default: "channel"
            }
        return "--table \(table.rawValue) sums a --by key: add \(key) to --by (e.g. --by \(by.text),"
            + "\(table == .byPeriod ? "month" : key))"
    }
}
