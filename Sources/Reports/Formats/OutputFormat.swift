#if canImport(Glibc)
import Glibc
#endif
import Customs
import Dispatch
import TextFormats

/// Output formats of summary tables (docs/cli.md, Outputs).
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv
    case tsv
    case jsonl
    case md
    /// A workbook of every table (`XLSXWorkbook`, `XLSXFile`), not text.
    case xlsx
    /// One self-contained HTML report of all tables (`HTMLReport`).
    case html
    /// Typed Parquet, one file per table (written by the summarize layer, not text).
    case parquet

    /// File extension for `--output DIR/`.
    public var fileExtension: String { rawValue }

    /// The format a file named `path` holds, from its extension, compared
    /// without case (`r.csv`, `R.CSV`, `book.Xlsx`); `nil` for any other name.
    ///
    /// - Complexity: O(`path.utf8.count`).
    public init?(fileExtensionOf path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }

    /// Whether each table renders as text on its own (`render`); `xlsx` and
    /// `html` are one document for all tables, `parquet` is not text.
    public var isPerTable: Bool { self != .xlsx && self != .html && self != .parquet }

    /// Renders `table` in this format.
    ///
    /// - Precondition: `isPerTable` (workbooks: `XLSXFile`; reports: `HTMLReport`).
    public func render(_ table: SummaryTable) -> String { String(decoding: bytes(table), as: UTF8.self) }

    /// `render(table)` as UTF-8 bytes (what a file of it holds), made without a `String` of the whole table.
    ///
    /// - Precondition: `isPerTable`.
    public func bytes(_ table: SummaryTable) -> [UInt8] {
        switch self {
        case .csv: DelimitedWriter.render(table, separator: UInt8(ascii: ","))
        case .tsv: DelimitedWriter.render(table, separator: 0x09)
        case .jsonl: Array(JSONLinesWriter.render(table).utf8)
        case .md: Array(MarkdownWriter.render(table).utf8)
        case .xlsx, .html, .parquet:
            preconditionFailure("\(rawValue) is not one text per table: use XLSXFile, HTMLReport or a Parquet writer")
        }
    }
}

/// CSV (RFC 4180: LF line ends, header row, quoting only where needed) and
/// TSV, with the formula guard on text cells (`DelimitedText`, on bytes).
enum DelimitedWriter {
    /// Rows of one piece when a large table is written by several workers (`render`).
    static let rowsPerPiece = 1 << 15

    /// The workers that write a large table's pieces at once: the machine's cores, 1 to 8.
    static let pieceWorkers: Int = {
        #if canImport(Glibc)
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        #else
        let cores = 1
        #endif
        return max(1, min(8, Int(cores)))
    }()

    /// - Complexity: O(cells); one row's cells alive at a time per worker (`TableRows`), bytes appended in
    ///   place. A table of more than two pieces is written `pieceWorkers` pieces at a time, each into its own
    ///   buffer, appended in row order: the same bytes as one writer (a million-row detail table is
    ///   otherwise a long single-threaded step after a parallel aggregation).
    static func render(_ table: SummaryTable, separator: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        // Rows of a large table print in about 100 bytes: room for them up front, not by repeated doubling.
        out.reserveCapacity(min(table.rows.count, 1 << 24) * 100 + 4096)
        for (index, column) in table.columns.enumerated() {
            if index > 0 { out.append(separator) }
            if separator == 0x09 {
                DelimitedText.appendTSVField(Array(column.utf8), to: &out)
            } else {
                DelimitedText.appendCSVField(Array(column.utf8), to: &out)
            }
        }
        out.append(0x0a)
        let rows = table.rows
        let workers = rows.count > 2 * rowsPerPiece ? pieceWorkers : 1
        guard workers > 1 else {
            appendRows(rows, 0..<rows.count, separator: separator, to: &out)
            return out
        }
        // Shared by the workers below, each writing only its own element.
        nonisolated(unsafe) let pieces = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: workers)
        pieces.initialize(repeating: [])
        defer { pieces.deallocate() }
        var start = 0
        while start < rows.count {
            let batchStart = start
            // Safe because: worker `piece` writes only `pieces[piece]` (below `workers`, the buffer's count),
            // and the buffers are read after `concurrentPerform` returns.
            DispatchQueue.concurrentPerform(iterations: workers) { piece in
                let low = min(batchStart + piece * rowsPerPiece, rows.count)
                let high = min(low + rowsPerPiece, rows.count)
                pieces[piece].removeAll(keepingCapacity: true)
                appendRows(rows, low..<high, separator: separator, to: &pieces[piece])
            }
            for piece in pieces { out.append(contentsOf: piece) }
            start += workers * rowsPerPiece
        }
        return out
    }

    /// Appends rows `range` of `rows`, each ended by LF.
    ///
    /// - Complexity: O(cells of the rows).
    static func appendRows(_ rows: TableRows, _ range: Range<Int>, separator: UInt8, to out: inout [UInt8]) {
        for position in range {
            for (index, cell) in rows[position].enumerated() {
                if index > 0 { out.append(separator) }
                if case let .text(text) = cell {
                    DelimitedText.appendGuardedField(text, separator: separator, to: &out)
                } else {
                    CellText.appendPlain(cell, to: &out)
                }
            }
            out.append(0x0a)
        }
    }
}

/// One JSON object per row; money and shares as JSON numbers, empty share as null.
enum JSONLinesWriter {
    static func render(_ table: SummaryTable) -> String {
        var out = ""
        for row in table.rows {
            out += "{"
            for (index, cell) in row.enumerated() {
                if index > 0 { out += ", " }
                out += quoted(table.columns[index]) + ": "
                switch cell {
                case let .text(text): out += quoted(text)
                case let .integer(value): out += String(value)
                case let .money(cents): out += CellText.money(cents)
                case let .share(numerator, denominator):
                    let text = CellText.share(numerator, denominator)
                    out += text.isEmpty ? "null" : text
                }
            }
            out += "}\n"
        }
        return out
    }

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}

/// An aligned Markdown table; numbers right-aligned (`MarkdownTable`).
enum MarkdownWriter {
    static func render(_ table: SummaryTable) -> String {
        let texts = table.rows.map { $0.map { CellText.plain($0) } }
        let numeric =
            table.rows.first.map { $0.map { if case .text = $0 { false } else { true } } }
            ?? Array(repeating: false, count: table.columns.count)
        let right = Set(numeric.indices.filter { numeric[$0] })
        return MarkdownTable.render(header: table.columns, rows: texts, rightAligned: right).joined(separator: "\n")
            + "\n"
    }
}
