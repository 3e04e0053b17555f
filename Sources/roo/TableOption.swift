import ArgumentParser
import Reports

/// `--table NAME|all`, parsed once when the arguments are read. An unknown
/// name is kept and refused by `check()` in `validate()`, so the error line
/// is roo's own (`--table must be one of …`), not the parser's.
struct TableOption: ExpressibleByArgument, Sendable {
    static var names: String { (TableName.summaryTables.map(\.rawValue) + ["all"]).joined(separator: "|") }

    /// The name as given.
    let name: String
    /// The table, or nil for `all` (and for an unknown name, which `check()` refuses).
    let table: TableName?
    /// `--table all`.
    let isAll: Bool

    init(argument: String) {
        name = argument
        table = TableName(rawValue: argument).flatMap { TableName.summaryTables.contains($0) ? $0 : nil }
        isAll = argument == "all"
    }

    var defaultValueDescription: String { name }

    /// - Throws: `ValidationError` for an unknown name.
    func check() throws {
        guard table != nil || isAll else {
            throw ValidationError(
                "--table must be one of \(TableName.summaryTables.map(\.rawValue).joined(separator: ", ")), all")
        }
    }
}
