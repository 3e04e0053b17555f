import MappedIO
import Parquet
import Reports
import RooSupport

/// A summary table as typed Parquet (`--format parquet`), for pandas,
/// Polars and DuckDB: text as STRING, counts as INT64, money as
/// DECIMAL(18,2) (the exact cents on INT64), shares as DOUBLE (null where
/// the CSV is empty). The metadata key `roo.table` names the table, so a
/// directory run never reads the file back as input.
package enum TableParquet {
    /// How a column is typed: by its cells (`Cell`).
    enum Kind { case text, integer, money, share }

    /// Each column's kind: its first row's cell; by name for a table without rows.
    static func kinds(_ table: SummaryTable) -> [Kind] {
        guard let first = table.rows.first else { return table.columns.map(kind(named:)) }
        return first.map { cell in
            switch cell {
            case .text: .text
            case .integer: .integer
            case .money: .money
            case .share: .share
            }
        }
    }

    /// The kind of a measure column of an empty table (its keys are text).
    static func kind(named name: String) -> Kind {
        if name.hasSuffix("_share") || name.hasSuffix("_rate") || name.hasSuffix("_growth") || name == "utilization" {
            return .share
        }
        if name == "lines" || name == "duty_free_lines" { return .integer }
        // The money measures, and --compare's columns of them (`customs_value_2024`, `customs_value_change`).
        let money = (SummaryTable.measureColumns + SummaryTable.optionalColumns([.dutiableValue, .eligibility]))
            .filter { !$0.hasSuffix("_share") && !$0.hasSuffix("_rate") && $0 != "utilization" }
        return money.contains { name == $0 || name.hasPrefix($0 + "_") } ? .money : .text
    }

    /// Writes `table` into a staged file for `path`, returned prepared for the caller to commit.
    ///
    /// - Throws: `RooError(.cannotCreate)` / `.ioError` when the file cannot be written.
    /// - Complexity: O(rows × columns).
    package static func finish(_ table: SummaryTable, to path: String) throws -> OutputFile {
        let kinds = kinds(table)
        let columns = zip(table.columns, kinds).map { name, kind in
            switch kind {
            case .text: WriterColumn(name: name, physicalType: .byteArray, logicalType: .string, isOptional: false)
            case .integer: WriterColumn(name: name, physicalType: .int64, isOptional: false)
            case .money:
                WriterColumn(
                    name: name, physicalType: .int64, logicalType: .decimal(scale: 2, precision: 18), isOptional: false)
            case .share: WriterColumn(name: name, physicalType: .double, isOptional: true)
            }
        }
        // Held as cells once: each column reads every row.
        let rows = Array(table.rows)
        let data = kinds.indices.map { column(rows, $0, kinds[$0]) }
        var options = WriterOptions()
        options.keyValueMetadata = [
            KeyValue(key: "roo.table", value: table.name.rawValue),
            KeyValue(key: "roo.version", value: RooVersion.current),
        ]
        do {
            let writer = try ParquetWriter(path: path, columns: columns, options: options)
            if !rows.isEmpty { try writer.write(data) }
            return try writer.finish()
        } catch let error as ParquetError {
            throw RooError(error)
        }
    }

    /// Column `index` of `rows` as values of `kind` (a cell of another kind reads as empty).
    private static func column(_ rows: [[Cell]], _ index: Int, _ kind: Kind) -> ColumnData {
        switch kind {
        case .text:
            var offsets = [0]
            var bytes: [UInt8] = []
            for row in rows {
                if case let .text(text) = row[index] { bytes += text.utf8 }
                offsets.append(bytes.count)
            }
            return ColumnData(.byteArray(offsets: offsets, bytes: bytes))
        case .integer, .money:
            return ColumnData(
                .int64(
                    rows.map { row in
                        switch row[index] {
                        case let .integer(value), let .money(value): value
                        default: 0
                        }
                    }))
        case .share:
            var values: [Double] = []
            var validity: [Bool] = []
            for row in rows {
                if case let .share(numerator, denominator) = row[index], denominator != 0 {
                    values.append(Double(numerator) / Double(denominator))
                    validity.append(true)
                } else {
                    validity.append(false)
                }
            }
            return ColumnData(.double(values), validity: validity)
        }
    }
}
