import Customs
import MappedIO
import RooSupport
import Synchronization
import TextFormats

/// `summarize --rejects FILE`: every rejected line as one CSV record
///
///     file,row_group,row,reason,origin,partner,hs_code,customs_value,duty
///
/// `row_group` and `row` are 0-based (the row within its row group) for
/// Parquet; for CSV input `row_group` is empty and `row` is the line number
/// (1-based, the header is line 1). The raw values are the line's source
/// values as `roo cat` prints them, empty when null or when the column is not
/// mapped; text that is not a number gets the formula guard of every delimited writer (`DelimitedText`).
/// One record per line counted in `totals`, in input order whatever the
/// strategy or thread count.
///
/// Workers add rendered records per work unit from any thread; `commit`
/// writes them sorted by (input file, unit). Memory: O(rejected lines).
final class RejectsLog: Sendable {
    /// The canonical columns whose raw values are written, in order.
    static let valueColumns = RejectsFormat.valueColumns
    static let header = RejectsFormat.header

    private struct Part {
        var file: Int
        var sequence: Int
        var bytes: [UInt8]
    }

    /// The file being written; nil for `-` (stdout) and once committed.
    private let staged: Mutex<OutputFile?>
    private let toStandardOutput: Bool
    private let parts = Mutex<[Part]>([])

    /// `-` writes to stdout; a path gets its temporary file at once (exit 73
    /// before any work when it cannot be created).
    init(path: String) throws {
        toStandardOutput = path == "-"
        staged = Mutex(toStandardOutput ? nil : try Outputs.open(path))
    }

    /// Adds the records of one work unit: `file` is the input's position in
    /// the expanded input list, `sequence` the unit's position in that file.
    func add(file: Int, sequence: Int, records: [UInt8]) {
        guard !records.isEmpty else { return }
        parts.withLock { $0.append(Part(file: file, sequence: sequence, bytes: records)) }
    }

    /// Writes the header and every record in input order: to stdout, or
    /// into the staged file, which is returned for the caller to commit
    /// together with the tables (nil for stdout).
    func finish() throws -> OutputFile? {
        let sorted = parts.withLock { parts in
            parts.sort { ($0.file, $0.sequence) < ($1.file, $1.sequence) }
            return parts
        }
        if toStandardOutput {
            try StandardOutput.writeAll(Array(RejectsLog.header.utf8) + sorted.flatMap(\.bytes))
            return nil
        }
        return try staged.withLock { staged in
            guard let file = staged else { return nil }
            staged = nil
            try Outputs.write(Array(RejectsLog.header.utf8), to: file)
            for part in sorted { try Outputs.write(part.bytes, to: file) }
            return file
        }
    }

    /// Appends one record; `values` are the raw bytes of `valueColumns`
    /// (nil = null or unmapped), each with whether it is text to guard.
    static func appendRecord(
        file: String, rowGroup: Int?, row: Int, reason: RejectionReason,
        values: [(bytes: [UInt8]?, isText: Bool)], to out: inout [UInt8]
    ) {
        DelimitedText.appendCSVField(Array(file.utf8), to: &out)
        out.append(UInt8(ascii: ","))
        if let rowGroup { out += Array(String(rowGroup).utf8) }
        out.append(UInt8(ascii: ","))
        out += Array(String(row).utf8)
        out.append(UInt8(ascii: ","))
        out += Array(reason.name.utf8)
        for value in values {
            out.append(UInt8(ascii: ","))
            guard let bytes = value.bytes else { continue }
            DelimitedText.appendCSVField(value.isText ? guarded(bytes) : bytes, to: &out)
        }
        out.append(0x0a)
    }

    /// The formula guard for raw text, except text that reads as a plain
    /// number (`-12.50` stays as it is, as in a numeric column; `-$12.50`
    /// gets the guard).
    static func guarded(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first, DelimitedText.startsFormula(first) else { return bytes }
        let isNumber = bytes.withUnsafeBytes { Cents.parse(text: $0, format: .plain) != .invalid }
        return isNumber ? bytes : [UInt8(ascii: "'")] + bytes
    }
}
