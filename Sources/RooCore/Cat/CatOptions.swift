/// Options of `roo cat`.
public struct CatOptions: Sendable {
    /// Output format of `roo cat`.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv
    }

    /// Columns to print, in this order; empty means all, in schema order.
    public var columns: [String]
    /// Most rows to print; nil means all.
    public var limit: Int?
    public var format: Format

    public init(columns: [String] = [], limit: Int? = nil, format: Format = .jsonl) {
        self.columns = columns
        self.limit = limit
        self.format = format
    }
}
