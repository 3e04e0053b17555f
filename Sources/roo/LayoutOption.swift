import Layouts
import RooCore

/// `--layout NAME`: `csv` (canonical CSV) or a layout of `Layout.catalog`.
enum LayoutOption {
    static var names: String { (["csv"] + Layout.catalog.map(\.name)).joined(separator: "|") }

    /// One line per layout for `--help`: name and what it reads.
    static var catalogText: String {
        (["  csv: canonical CSV (the default)"] + Layout.catalog.map { "  \($0.name): \($0.summary)" }).joined(separator: "\n")
    }

    /// The layout, or nil for `csv`. - Throws: `RooError(.usage)` for an unknown name.
    static func parse(_ name: String) throws -> Layout? {
        if name == "csv" { return nil }
        guard let layout = Layout.named(name) else { throw RooError(.usage, "--layout must be one of \(names), got \"\(name)\"") }
        return layout
    }
}
