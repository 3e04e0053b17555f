/// Options of `roo cat`.
package struct CatOptions: Sendable {
    /// Output format of `roo cat`.
    package enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv
    }

    /// Columns to print, in this order; empty means all, in schema order.
    package var columns: [String]
    /// Most rows to print; nil means all.
    package var limit: Int?
    package var format: Format

    package init(columns: [String] = [], limit: Int? = nil, format: Format = .jsonl) {
        self.columns = columns
        self.limit = limit
        self.format = format
    }
}
