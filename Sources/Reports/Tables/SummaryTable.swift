/// One cell of a summary table.
public enum Cell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    /// Cents, printed as dollars with two decimals.
    case money(Int64)
    /// numerator / denominator printed like C's `%.6f`; empty when the denominator is 0.
    case share(numerator: Int64, denominator: Int64)
}

/// The summary tables (docs/semantics.md, Tables).
public enum TableName: String, CaseIterable, Sendable {
    case detail
    case byPartner = "by_partner"
    case byChapter = "by_chapter"
    case byOrigin = "by_origin"
    /// Sums by the finest period in `--by` (built when one is a key).
    case byPeriod = "by_period"
    /// Sums by program (built when `program` is a key).
    case byProgram = "by_program"
    /// Sums by duty-free channel (built when `channel` is a key).
    case byChannel = "by_channel"
    case totals
    /// Non-regional content through the bloc's partners (`SummaryTable.throughBloc`).
    case throughBloc = "through_bloc"
    /// `roo mirror`'s comparison of two sides product by product (not a summarize table).
    case mirror

    /// The tables of `roo summarize` and `roo merge`, in their order.
    public static var summaryTables: [TableName] { allCases.filter { $0 != .mirror } }
}

/// A rendered-ready table: column names and rows of cells.
public struct SummaryTable: Sendable, Equatable {
    public var name: TableName
    public var columns: [String]
    public var rows: TableRows

    public init(name: TableName, columns: [String], rows: [[Cell]]) {
        self.init(name: name, columns: columns, rows: TableRows(rows))
    }

    public init(name: TableName, columns: [String], rows: TableRows) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
