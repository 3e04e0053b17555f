import Customs
import Delimited

/// Infers column types from sample records (`roo ingest`).
///
/// A value with a leading zero (`0101…`, Schedule C `0010`) is a code, not a
/// number: its column stays text. Otherwise a column is INT64 when every
/// non-empty value is an integer, DECIMAL
/// with the largest observed scale when every value is a plain decimal of at
/// most 18 digits, DATE when every value is `YYYY-MM-DD`, DOUBLE when every
/// value parses as a C double, else STRING. Empty columns are STRING.
/// Canonical columns are typed by what they are, not inferred
/// (`IngestEngine.columnTypes`): money is DECIMAL (`moneyScale`), keys are STRING.
enum TypeInference {
    struct Candidates {
        var integer = true
        var decimal = true
        var date = true
        var double = true
        var scale = 0
        var seen = 0
    }

    static func infer(_ batch: RecordBatch, columns: Int) -> [IngestType] {
        var candidates = Array(repeating: Candidates(), count: columns)
        for record in 0..<batch.count where batch.malformation(record) == nil && batch.fieldCount(record) == columns {
            for column in 0..<columns {
                let field = batch.field(record, column)
                guard !field.isEmpty else { continue }
                observe(field, into: &candidates[column])
            }
        }
        return candidates.map { candidate in
            guard candidate.seen > 0 else { return .string }
            if candidate.integer { return .int64 }
            if candidate.decimal { return .decimal(scale: candidate.scale) }
            if candidate.date { return .date }
            if candidate.double { return .double }
            return .string
        }
    }

    /// The scales a money column may be written at: DECIMAL(18, s) with s
    /// at least cents and at most 18 (the precision).
    static let moneyScales = 2...18

    /// The scale of a money column: the most fraction digits among the
    /// sample's values that are numbers in `format`, clamped to
    /// `moneyScales`. Values that are not numbers do not count (they become
    /// rejects; they never change the column's type).
    ///
    /// - Parameters:
    ///   - column: the column's position; `columns` the record width.
    /// - Complexity: O(sample bytes of the column).
    static func moneyScale(_ batch: RecordBatch, column: Int, columns: Int, format: MoneyFormat) -> Int {
        var scale = moneyScales.lowerBound
        for record in 0..<batch.count where batch.malformation(record) == nil && batch.fieldCount(record) == columns {
            let field = batch.field(record, column)
            if let money = format.scan(field) { scale = max(scale, money.fractionDigitCount) }
        }
        return min(scale, moneyScales.upperBound)
    }

    private static func observe(_ field: UnsafeRawBufferPointer, into candidate: inout Candidates) {
        candidate.seen += 1
        let hasLeadingZero = field.count > 1 && field[0] == UInt8(ascii: "0") && field[1] != UInt8(ascii: ".")
        if candidate.integer && (hasLeadingZero || FieldParser.int64(field) == nil) { candidate.integer = false }
        if candidate.decimal {
            if hasLeadingZero, let decimal = FieldParser.decimal(field), decimal.scale == 0 {
                candidate.decimal = false
            } else if let decimal = FieldParser.decimal(field) {
                candidate.scale = max(candidate.scale, decimal.scale)
            } else {
                candidate.decimal = false
            }
        }
        if candidate.date && FieldParser.date(field) == nil { candidate.date = false }
        if candidate.double && (hasLeadingZero || FieldParser.double(field) == nil) { candidate.double = false }
    }
}
