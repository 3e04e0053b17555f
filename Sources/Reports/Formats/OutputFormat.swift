import Customs
import Parallel
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

    /// `render(table)` as UTF-8 bytes (what a file of it holds), made without a `String` of the whole table;
    /// a large CSV/TSV table by up to `threads` workers (the same bytes).
    ///
    /// - Precondition: `isPerTable`; `threads` ≥ 1.
    public func bytes(_ table: SummaryTable, threads: Int = 1) -> [UInt8] {
        var out: [UInt8] = []
        write(table, threads: threads) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes `bytes(table)` to `sink` in order, in one or more parts: a CSV/TSV table part by part as it is
    /// rendered (by up to `threads` workers), never the whole table in memory; JSONL and Markdown whole.
    ///
    /// - Precondition: `isPerTable`; `threads` ≥ 1.
    /// - Throws: what `sink` throws (nothing more is written then).
    public func write<Failure: Error>(
        _ table: SummaryTable, threads: Int = 1, to sink: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        switch self {
        case .csv: try DelimitedWriter.write(table, separator: UInt8(ascii: ","), threads: threads, to: sink)
        case .tsv: try DelimitedWriter.write(table, separator: 0x09, threads: threads, to: sink)
        case .jsonl: try sink(Array(JSONLinesWriter.render(table).utf8))
        case .md: try sink(Array(MarkdownWriter.render(table).utf8))
        case .xlsx, .html, .parquet:
            preconditionFailure("\(rawValue) is not one text per table: use XLSXFile, HTMLReport or a Parquet writer")
        }
    }
}

/// CSV (RFC 4180: LF line ends, header row, quoting only where needed) and
/// TSV, with the formula guard on text cells (`DelimitedText`, on bytes).
enum DelimitedWriter {
    /// Rows of one part of a table (`write`).
    static let rowsPerPiece = 1 << 15

    /// Writes the header, then the rows `rowsPerPiece` at a time, to `sink` (a table of one piece in one
    /// part): a table of more than two pieces by up to `threads` workers (at most 8), one piece each at a
    /// time, the pieces passed on in row order: the same bytes as one writer (a million-row detail table is
    /// otherwise a long single-threaded step after a parallel aggregation), with `threads` pieces in memory
    /// at most, never the whole table.
    ///
    /// - Complexity: O(cells); one row's cells alive at a time per worker (`TableRows`), bytes appended in
    ///   place.
    static func write<Failure: Error>(
        _ table: SummaryTable, separator: UInt8, threads: Int, to sink: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var header: [UInt8] = []
        for (index, column) in table.columns.enumerated() {
            if index > 0 { header.append(separator) }
            if separator == 0x09 {
                DelimitedText.appendTSVField(Array(column.utf8), to: &header)
            } else {
                DelimitedText.appendCSVField(Array(column.utf8), to: &header)
            }
        }
        header.append(0x0a)
        let rows = table.rows
        guard rows.count > rowsPerPiece else {
            appendRows(rows, 0..<rows.count, separator: separator, to: &header)
            try sink(header)
            return
        }
        let workers = rows.count > 2 * rowsPerPiece ? max(1, min(threads, 8)) : 1
        try sink(header)
        var start = 0
        while start < rows.count {
            let batchStart = start
            let pieces = ParallelMap.ordered(workers, workers: workers) { piece in
                let low = min(batchStart + piece * rowsPerPiece, rows.count)
                var out: [UInt8] = []
                // Rows print in about 100 bytes: room for the piece up front.
                out.reserveCapacity(rowsPerPiece * 100)
                appendRows(rows, low..<min(low + rowsPerPiece, rows.count), separator: separator, to: &out)
                return out
            }
            for piece in pieces where !piece.isEmpty { try sink(piece) }
            start += workers * rowsPerPiece
        }
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
