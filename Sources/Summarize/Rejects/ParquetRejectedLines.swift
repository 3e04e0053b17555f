import Aggregation
import Customs
import Parquet
import RooSupport

/// Renders the rejected lines of one Parquet work unit with their raw
/// values (`RejectsLog`). It decodes the unit's value columns with its own
/// decoder and batches, so the worker's batches (which the block borrows)
/// stay intact. Runs only with `--rejects`, and only for units that have
/// rejected lines.
final class ParquetRejectedLines {
    private let decoder = ColumnChunkDecoder()
    private let batches = RejectsLog.valueColumns.map { _ in ColumnBatch() }

    /// The records of `rejected` (rows of the unit `rows` of row group `rowGroup`).
    ///
    /// - Throws: `RooError` from the reader.
    /// - Complexity: O(rows of the unit) to decode, O(rejected) to render.
    func render(_ rejected: [RejectedRow], binding: FileBinding, rowGroup: Int, rows: Range<Int>?) throws -> [UInt8] {
        var decoded: [(batch: ColumnBatch, kind: CellKind?)?] = []
        for (slot, canonical) in RejectsLog.valueColumns.enumerated() {
            guard let bound = binding.columns[canonical] else {
                decoded.append(nil)
                continue
            }
            do {
                try decoder.decode(
                    binding.file, rowGroup: rowGroup, column: bound.index, rows: rows, into: batches[slot])
            } catch let error as ParquetError {
                throw RooError(error)
            }
            // Text keys are written as their bytes (even BYTE_ARRAY without a STRING annotation).
            decoded.append(
                (batches[slot], bound.kind == .text ? nil : CellKind(binding.file.schema.columns[bound.index])))
        }
        var out: [UInt8] = []
        let firstRow = rows?.lowerBound ?? 0
        for line in rejected {
            let values = decoded.map { entry -> (bytes: [UInt8]?, isText: Bool) in
                guard let entry, line.row < entry.batch.rowCount, entry.batch.isValid(line.row) else {
                    return (nil, false)
                }
                let raw = entry.batch.bytes(at: line.row)
                guard let kind = entry.kind else { return (Array(raw), true) }
                var cell: [UInt8] = []
                CellWriter.appendText(raw, kind: kind, to: &cell)
                return (cell, kind == .string)
            }
            RejectsLog.appendRecord(
                file: binding.file.path, rowGroup: rowGroup, row: firstRow + line.row, reason: line.reason,
                values: values, to: &out)
        }
        return out
    }

    /// The raw value of `canonical` at `row` of the unit, as `render` writes
    /// it (empty when null or when the column is not bound).
    ///
    /// - Throws: `RooError` from the reader.
    func rawValue(
        _ canonical: CanonicalColumn, row: Int, binding: FileBinding, rowGroup: Int, rows: Range<Int>?
    ) throws -> String {
        guard let bound = binding.columns[canonical], let slot = RejectsLog.valueColumns.firstIndex(of: canonical)
        else { return "" }
        let batch = batches[slot]
        do {
            try decoder.decode(binding.file, rowGroup: rowGroup, column: bound.index, rows: rows, into: batch)
        } catch let error as ParquetError {
            throw RooError(error)
        }
        guard row < batch.rowCount, batch.isValid(row) else { return "" }
        let raw = batch.bytes(at: row)
        guard bound.kind != .text else { return KeyText.display(Array(raw)) }
        var cell: [UInt8] = []
        CellWriter.appendText(raw, kind: CellKind(binding.file.schema.columns[bound.index]), to: &cell)
        return String(decoding: cell, as: UTF8.self)
    }
}
