import Customs
import Parquet

/// Why a field was not appended to its column.
enum ValueRejection: Sendable {
    /// Not text of the column's type.
    case notOfType
    /// A money column's value that is not a number in the money format.
    case notMoney
    /// A money value with non-zero digits beyond the column's scale.
    case tooManyDecimals
    /// A money value that 18 digits at the column's scale do not hold.
    case outOfRange
}

/// Accumulates one column's converted values (spaced: one slot per row, 0
/// for nulls) and turns row ranges into `ColumnData` for the writer.
struct IngestColumnBuilder {
    let type: IngestType
    /// Set for a money column written as DECIMAL: its text is read with
    /// this format (`$1,234.56`, `1.234,56`) instead of as a plain decimal.
    var moneyFormat: MoneyFormat?
    var validity: [Bool] = []
    var integers: [Int64] = []
    var doubles: [Double] = []
    var dates: [Int32] = []
    var offsets: [Int] = [0]
    var bytes: [UInt8] = []

    init(type: IngestType) { self.type = type }

    /// An empty builder with room for `rows` rows; `moneyFormat` as the property.
    init(type: IngestType, reserving rows: Int, moneyFormat: MoneyFormat? = nil) {
        self.type = type
        self.moneyFormat = moneyFormat
        validity.reserveCapacity(rows)
        switch type {
        case .int64, .decimal: integers.reserveCapacity(rows)
        case .double: doubles.reserveCapacity(rows)
        case .date: dates.reserveCapacity(rows)
        case .string: offsets.reserveCapacity(rows + 1)
        }
    }

    var rowCount: Int { validity.count }

    /// Converts and appends a field; returns why not (appending nothing) when
    /// it does not parse as the column's type. An empty field is a null.
    ///
    /// - Complexity: O(field length); amortized O(1) appends.
    mutating func append(_ field: UnsafeRawBufferPointer) -> ValueRejection? {
        let present = !field.isEmpty
        switch type {
        case .int64:
            guard let value = present ? FieldParser.int64(field) : 0 else { return .notOfType }
            integers.append(value)
        case let .decimal(scale):
            if let moneyFormat, present {
                switch IngestColumnBuilder.money(field, format: moneyFormat, scale: scale) {
                case let .unscaled(value): integers.append(value)
                case nil: return .notMoney
                case .tooManyDecimals?: return .tooManyDecimals
                case .outOfRange?: return .outOfRange
                }
            } else {
                guard let value = present ? FieldParser.decimal(field, scale: scale) : 0 else { return .notOfType }
                integers.append(value)
            }
        case .double:
            guard let value = present ? FieldParser.double(field) : 0 else { return .notOfType }
            doubles.append(value)
        case .date:
            guard let value = present ? FieldParser.date(field) : 0 else { return .notOfType }
            dates.append(value)
        case .string:
            // One copy of the field's bytes (a contiguous buffer: `append(contentsOf:)` copies it whole).
            if !field.isEmpty { bytes.append(contentsOf: field) }
            offsets.append(bytes.count)
        }
        validity.append(present)
        return nil
    }

    /// Money text at `scale` (nil: not a number in `format`).
    ///
    /// - Complexity: O(field length + scale); a plain amount at scale 2 (`Cents.plainCents`) in one pass.
    @inline(__always)
    static func money(
        _ field: UnsafeRawBufferPointer, format: MoneyFormat, scale: Int
    ) -> MoneyText.DecimalConversion? {
        if scale == 2, let cents = Cents.plainCents(field, decimalSeparator: format.decimalSeparator) {
            return .unscaled(cents)
        }
        return format.scan(field).map { $0.unscaled(in: field, scale: scale) }
    }

    /// Removes the last appended row (rolls back a partly converted record).
    mutating func removeLast() {
        validity.removeLast()
        switch type {
        case .int64, .decimal: integers.removeLast()
        case .double: doubles.removeLast()
        case .date: dates.removeLast()
        case .string:
            offsets.removeLast()
            bytes.removeLast(bytes.count - (offsets.last ?? 0))
        }
    }

    /// Appends rows `range` of `other` (same type).
    mutating func append(_ other: IngestColumnBuilder, rows range: Range<Int>) {
        validity.append(contentsOf: other.validity[range])
        switch type {
        case .int64, .decimal: integers.append(contentsOf: other.integers[range])
        case .double: doubles.append(contentsOf: other.doubles[range])
        case .date: dates.append(contentsOf: other.dates[range])
        case .string:
            let start = other.offsets[range.lowerBound]
            let end = other.offsets[range.upperBound]
            let shift = bytes.count - start
            bytes.append(contentsOf: other.bytes[start..<end])
            for row in range { offsets.append(other.offsets[row + 1] + shift) }
        }
    }

    /// The writer's input for all rows (dense values + validity).
    func columnData() -> ColumnData {
        let allPresent = !validity.contains(false)
        let mask = allPresent ? nil : validity
        func dense<T>(_ values: [T]) -> [T] {
            allPresent ? values : zip(values, validity).compactMap { $1 ? $0 : nil }
        }
        switch type {
        case .int64, .decimal: return ColumnData(.int64(dense(integers)), validity: mask)
        case .double: return ColumnData(.double(dense(doubles)), validity: mask)
        case .date: return ColumnData(.int32(dense(dates)), validity: mask)
        case .string:
            // Null rows have zero-length slots, so the offsets already describe the dense values
            // once the nulls' repeated offsets are dropped.
            var denseOffsets = [0]
            denseOffsets.reserveCapacity(validity.count + 1)
            for (row, present) in validity.enumerated() where present { denseOffsets.append(offsets[row + 1]) }
            return ColumnData(.byteArray(offsets: denseOffsets, bytes: bytes), validity: mask)
        }
    }
}

extension IngestColumnBuilder {
    /// The writer's input for rows `range` of each part, concatenated (one copy).
    static func columnData(_ type: IngestType, parts: [(IngestColumnBuilder, Range<Int>)]) -> ColumnData {
        let rows = parts.reduce(0) { $0 + $1.1.count }
        let allPresent = parts.allSatisfy { part in !part.0.validity[part.1].contains(false) }
        var mask: [Bool]?
        if !allPresent {
            var validity: [Bool] = []
            validity.reserveCapacity(rows)
            for (builder, range) in parts { validity.append(contentsOf: builder.validity[range]) }
            mask = validity
        }
        func dense<T>(_ values: (IngestColumnBuilder) -> [T]) -> [T] {
            var result: [T] = []
            result.reserveCapacity(rows)
            for (builder, range) in parts {
                let source = values(builder)
                if allPresent {
                    result.append(contentsOf: source[range])
                } else {
                    for row in range where builder.validity[row] { result.append(source[row]) }
                }
            }
            return result
        }
        switch type {
        case .int64, .decimal: return ColumnData(.int64(dense(\.integers)), validity: mask)
        case .double: return ColumnData(.double(dense(\.doubles)), validity: mask)
        case .date: return ColumnData(.int32(dense(\.dates)), validity: mask)
        case .string:
            var offsets = [0]
            offsets.reserveCapacity(rows + 1)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(
                parts.reduce(0) { $0 + ($1.0.offsets[$1.1.upperBound] - $1.0.offsets[$1.1.lowerBound]) })
            for (builder, range) in parts {
                bytes.append(
                    contentsOf: builder.bytes[builder.offsets[range.lowerBound]..<builder.offsets[range.upperBound]])
                let shift =
                    bytes.count - (builder.offsets[range.upperBound] - builder.offsets[range.lowerBound])
                    - builder.offsets[range.lowerBound]
                for row in range where allPresent || builder.validity[row] {
                    offsets.append(builder.offsets[row + 1] + shift)
                }
            }
            return ColumnData(.byteArray(offsets: offsets, bytes: bytes), validity: mask)
        }
    }
}
