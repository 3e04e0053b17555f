import Customs
import Delimited

/// One rejected line of an ingest.
struct IngestReject: Sendable {
    var line: Int
    var reason: String
    var raw: [UInt8]
}

/// Converts one chunk of records into typed column builders (runs on any thread).
struct IngestChunkConverter {
    let types: [IngestType]
    let names: [String]
    /// Per column: the money format when it is a money column written as DECIMAL.
    let moneyFormats: [MoneyFormat?]

    struct Output {
        var columns: [IngestColumnBuilder]
        var rejects: [IngestReject]
        var lines = 0
        /// Records the input layout drops on purpose (its keep rule).
        var skipped = 0
        var rows: Int { columns.first?.rowCount ?? 0 }
    }

    /// Converts the chunk row by row (the parsed fields of a record sit
    /// together in memory, so row order is the cache-friendly one).
    func convert(_ chunk: CSVChunk, parser: any RecordChunkParser, batch: RecordBatch) -> Output {
        parser.parse(chunk, into: batch)
        var output = Output(
            columns: zip(types, moneyFormats).map {
                IngestColumnBuilder(type: $0.0, reserving: batch.count, moneyFormat: $0.1)
            }, rejects: [])
        output.lines = batch.count
        output.skipped = parser.skipped
        let expected = types.count
        for record in 0..<batch.count {
            if let reason = append(batch, record, expected: expected, into: &output.columns) {
                output.rejects.append(
                    IngestReject(line: batch.lineNumber(record), reason: reason, raw: Array(batch.rawText(record))))
            }
        }
        return output
    }

    /// Converts one record into the builders, or returns why it is rejected
    /// (then nothing of it stays appended).
    private func append(
        _ batch: RecordBatch, _ record: Int, expected: Int, into columns: inout [IngestColumnBuilder]
    ) -> String? {
        if let malformation = batch.malformation(record) { return "malformed: \(malformation)" }
        let fields = batch.fieldCount(record)
        guard fields == expected else { return "expected \(Plural.count(expected, "field")), found \(fields)" }
        for column in 0..<expected {
            let field = batch.field(record, column)
            guard let rejection = columns[column].append(field) else { continue }
            for done in 0..<column { columns[done].removeLast() }
            return reason(rejection, column: column, field: field)
        }
        return nil
    }

    /// The `--rejects` reason: the column, the raw value (its first 40 bytes,
    /// control bytes and broken UTF-8 escaped so the reason stays on its line)
    /// and what is wrong.
    func reason(_ rejection: ValueRejection, column: Int, field: UnsafeRawBufferPointer) -> String {
        let value = "column \"\(names[column])\": \"\(KeyText.display(Array(field.prefix(40))))\""
        let type = types[column]
        switch rejection {
        case .notOfType:
            return "\(value) is not a valid \(type)"
        case .notMoney:
            let format = moneyFormats[column].map { " (\($0); see --decimal-separator, --thousands)" } ?? ""
            return "\(value) is not an amount\(format)"
        case .tooManyDecimals:
            return
                "\(value) has more decimal places than the column's \(type) (its scale is the largest in the first "
                + "chunk; force one with --type)"
        case .outOfRange:
            return "\(value) does not fit \(type)"
        }
    }
}
