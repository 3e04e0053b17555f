/// The rows of a summary table: either held as cells, or made on demand
/// from the sums they print (a large `detail` table: millions of rows whose
/// cells are never all in memory at once; the renderers read one row at a
/// time and drop it).
///
/// Either way a row reads the same, so every format writes the same bytes;
/// two `TableRows` are equal when their cells are.
public struct TableRows: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case cells([[Cell]])
        /// `count` rows; row `i` is `row(i)`.
        case made(count: Int, row: @Sendable (Int) -> [Cell])
    }

    private let storage: Storage

    /// Rows held as cells.
    public init(_ cells: [[Cell]]) { storage = .cells(cells) }

    public init(arrayLiteral rows: [Cell]...) { storage = .cells(rows) }

    /// `count` rows made on demand: row `i` is `row(i)` (called again on each access).
    ///
    /// - Precondition: `row` is defined on `0..<count` and returns the same cells every time.
    public init(count: Int, row: @escaping @Sendable (Int) -> [Cell]) { storage = .made(count: count, row: row) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case let .cells(cells): cells.count
        case let .made(count, _): count
        }
    }

    /// Row `position`. - Complexity: O(1) held, O(cells) made.
    public subscript(position: Int) -> [Cell] {
        switch storage {
        case let .cells(cells): return cells[position]
        case let .made(count, row):
            precondition(position >= 0 && position < count, "row index in range")
            return row(position)
        }
    }

    public static func == (a: TableRows, b: TableRows) -> Bool { a.elementsEqual(b) }
}
