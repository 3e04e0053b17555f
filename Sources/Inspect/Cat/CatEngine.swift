import Customs
import Parquet
import RooSupport
import TextFormats

/// `roo cat`: decodes rows of a Parquet file and writes them as JSONL or CSV.
///
/// Only the requested columns are decoded, one row group at a time, each
/// into a reused `ColumnBatch`; rows are rendered straight into the output
/// buffer (no per-value allocation for fixed-width and string columns).
package enum CatEngine {
    /// Writes the rows of `path` to `emit`, which receives rendered bytes in
    /// chunks of roughly 1 MiB.
    ///
    /// - Throws: `RooError` (64 for an unknown column, 65 for an input that is
    ///   not Parquet, saying what it is (`InputLook`), 65/66/74 from the reader).
    /// - Complexity: O(rows × columns) for the rows printed; row groups past
    ///   `limit` are not read.
    package static func run(path: String, options: CatOptions, emit: ([UInt8]) throws -> Void) throws {
        try InputLook.requireParquet(path)
        let file: ParquetFile
        do { file = try ParquetFile(path: path) } catch let error as ParquetError { throw RooError(error) }
        let selected = try selectColumns(file.schema, names: options.columns)
        let kinds = selected.map { CellKind(file.schema.columns[$0]) }
        let names = selected.map { file.schema.columns[$0].name }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        if options.format == .csv {
            appendCSVHeader(names, to: &out)
        }
        let decoder = ColumnChunkDecoder()
        let batches = selected.map { _ in ColumnBatch() }
        let keys = names.map { name -> [UInt8] in Array((JSONText.quoted(name) + ": ").utf8) }
        var remaining = options.limit ?? Int.max
        for rowGroup in 0..<file.rowGroupCount where remaining > 0 {
            let groupRows = Int(file.metadata.rowGroups[rowGroup].numRows)
            // Only the rows still wanted: `--limit` reads the pages it needs.
            let wanted = remaining < groupRows ? 0..<remaining : nil
            try checkMemory(file, rowGroup: rowGroup, columns: selected, rows: wanted)
            for (slot, column) in selected.enumerated() {
                do {
                    try decoder.decode(file, rowGroup: rowGroup, column: column, rows: wanted, into: batches[slot])
                } catch let error as ParquetError { throw RooError(error) }
            }
            let rows = min(batches.first?.rowCount ?? 0, remaining)
            for row in 0..<rows {
                switch options.format {
                case .jsonl: appendJSONRow(row, batches: batches, kinds: kinds, keys: keys, to: &out)
                case .csv: appendCSVRow(row, batches: batches, kinds: kinds, to: &out)
                }
                if out.count >= 1 << 20 {
                    try emit(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            remaining -= rows
        }
        if !out.isEmpty { try emit(out) }
    }

    /// Decoded bytes `cat` may hold for one row group (every selected column at once).
    package static let decodedBytesMax = 2 << 30

    /// Checks the selected chunks' page headers against the footer (a lying
    /// count is exit 65), then refuses a row group whose selected columns
    /// would decode to more than `decodedBytesMax` — whole pages, as the
    /// decoder holds them — before anything is decoded.
    ///
    /// - Throws: `RooError(.dataError)` from the pages, `RooError(.usage)`
    ///   suggesting `--columns` or `--limit`.
    static func checkMemory(_ file: ParquetFile, rowGroup: Int, columns: [Int], rows: Range<Int>?) throws {
        let group = file.metadata.rowGroups[rowGroup]
        let groupRows = max(Int(group.numRows), 1)
        var bytes = 0.0
        var largest = 0
        for column in columns {
            let values: Int
            do {
                values = try ColumnChunkDecoder.verifiedValueCount(file, rowGroup: rowGroup, column: column, rows: rows)
            } catch let error as ParquetError {
                throw RooError(error)
            }
            largest = max(largest, values)
            let descriptor = file.schema.columns[column]
            let width = descriptor.physicalType == .byteArray ? 8 : max(descriptor.typeLength, 8)
            let text =
                descriptor.physicalType == .byteArray
                ? Double(group.columns[column].metaData?.totalUncompressedSize ?? 0) : 0
            bytes += Double(values) * Double(1 + width) + text * Double(values) / Double(groupRows)
        }
        guard bytes <= Double(decodedBytesMax) else {
            let megabytes = Int(bytes / 1_048_576)
            throw RooError(
                .usage,
                "\(file.path): row group \(rowGroup) would decode to about \(megabytes) MiB "
                    + "(\(Plural.count(largest, "row")) × \(Plural.count(columns.count, "column")); roo cat holds one "
                    + "row group's pages at a time, at most \(decodedBytesMax >> 20) MiB): choose fewer columns with "
                    + "--columns or fewer rows with --limit"
            )
        }
    }

    static func selectColumns(_ schema: Schema, names: [String]) throws -> [Int] {
        if names.isEmpty { return Array(schema.columns.indices) }
        return try names.map { name in
            guard let index = schema.columnIndex(named: name) else {
                let known = schema.columns.map(\.name).joined(separator: ", ")
                throw RooError(.usage, "no column named \"\(name)\" (columns: \(known))")
            }
            return index
        }
    }

    static func appendJSONRow(
        _ row: Int, batches: [ColumnBatch], kinds: [CellKind], keys: [[UInt8]], to out: inout [UInt8]
    ) {
        out.append(UInt8(ascii: "{"))
        for index in batches.indices {
            if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            out.append(contentsOf: keys[index])
            let batch = batches[index]
            if batch.isValid(row) {
                CellWriter.appendJSON(batch.bytes(at: row), kind: kinds[index], to: &out)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
    }

    static func appendCSVHeader(_ names: [String], to out: inout [UInt8]) {
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            DelimitedText.appendCSVField(Array(name.utf8), to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    static func appendCSVRow(_ row: Int, batches: [ColumnBatch], kinds: [CellKind], to out: inout [UInt8]) {
        var cell: [UInt8] = []
        for index in batches.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let batch = batches[index]
            guard batch.isValid(row) else { continue }
            cell.removeAll(keepingCapacity: true)
            CellWriter.appendText(batch.bytes(at: row), kind: kinds[index], to: &cell)
            // Text gets the formula guard (numbers stay as they are), as in every CSV roo writes.
            DelimitedText.appendCSVField(kinds[index] == .string ? DelimitedText.guardedFormula(cell) : cell, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }
}
