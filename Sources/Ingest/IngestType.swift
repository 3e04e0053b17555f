import Layouts
import Parquet

/// Column types `roo ingest` writes (inferred, or set with `--type column=TYPE`).
package enum IngestType: Equatable, Sendable, CustomStringConvertible {
    case int64
    case double
    /// DECIMAL(18, scale) on INT64.
    case decimal(scale: Int)
    case date
    case string

    /// Parses `int64`, `double`, `decimal(P,S)` / `decimal(S)`, `date`, `string`.
    package static func parse(_ text: String) -> IngestType? {
        let lower = text.lowercased().replacing(" ", with: "")
        switch lower {
        case "int64", "int", "integer", "bigint": return .int64
        case "double", "float", "float64": return .double
        case "date": return .date
        case "string", "text", "utf8", "varchar": return .string
        default:
            guard lower.hasPrefix("decimal(") && lower.hasSuffix(")") else { return nil }
            let inner = lower.dropFirst(8).dropLast().split(separator: ",")
            guard let scale = Int(inner.last ?? ""), (0...18).contains(scale) else { return nil }
            if inner.count == 2 {
                guard let precision = Int(inner[0]), precision == 18 || precision >= scale else { return nil }
            }
            return .decimal(scale: scale)
        }
    }

    package var description: String {
        switch self {
        case .int64: "int64"
        case .double: "double"
        case let .decimal(scale): "decimal(18,\(scale))"
        case .date: "date"
        case .string: "string"
        }
    }

    func writerColumn(name: String) -> WriterColumn {
        switch self {
        case .int64: WriterColumn(name: name, physicalType: .int64)
        case .double: WriterColumn(name: name, physicalType: .double)
        case let .decimal(scale):
            WriterColumn(name: name, physicalType: .int64, logicalType: .decimal(scale: Int32(scale), precision: 18))
        case .date: WriterColumn(name: name, physicalType: .int32, logicalType: .date)
        case .string: WriterColumn(name: name, physicalType: .byteArray, logicalType: .string)
        }
    }
}

/// Exact text → value parsers for CSV fields (no locale, no allocation).
enum FieldParser {
    /// `[+-]digits` fitting Int64.
    static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        // Safe because: `bytes.first` is optional, and `bytes[index]` is read only while `index < bytes.count`.
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) =
                negative
                ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !overflowA, !overflowB else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    /// `[+-]digits[.digits]`: (unscaled, fraction digits), at most 18 digits.
    static func decimal(_ bytes: UnsafeRawBufferPointer) -> (unscaled: Int64, scale: Int)? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var value: Int64 = 0
        var digits = 0
        var scale = 0
        var point = false
        // Safe because: `bytes.first` is optional, and `bytes[index]` is read only while `index < bytes.count`.
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") && !point {
                point = true
                continue
            }
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            digits += 1
            guard digits <= 18 else { return nil }
            value = value * 10 + Int64(digit)
            if point { scale += 1 }
        }
        guard digits > 0 else { return nil }
        return (negative ? -value : value, scale)
    }

    /// The unscaled value at exactly `scale` digits (nil if it has more digits or overflows).
    static func decimal(_ bytes: UnsafeRawBufferPointer, scale: Int) -> Int64? {
        guard let (unscaled, observed) = decimal(bytes), observed <= scale else { return nil }
        var value = unscaled
        // Safe because: this loop reads no memory (the guard ensures `observed <= scale`, a valid range); `bytes`
        // is read only by `decimal(_:)`, which stays below `bytes.count`.
        for _ in observed..<scale {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times
        }
        return value
    }

    /// A finite or non-finite double in C syntax (`1.5`, `-2e10`, `nan`, `inf`).
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        // Safe because: the loop iterates the buffer itself (`for byte in bytes`) and `String(decoding:)` copies
        // exactly `bytes.count` bytes.
        for byte in bytes where !(byte >= 0x30 && byte <= 0x39) && !"+-.eEinfatyINFATY".utf8.contains(byte) {
            return nil
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `YYYY-MM-DD` → days since 1970-01-01 (validated calendar date).
    static func date(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        // Safe because: `bytes.count == 10` is checked before `bytes[4]` and `bytes[7]` are read, and `number`
        // is called only with `0..<4`, `5..<7` and `8..<10`, inside `0..<10`.
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        // days_from_civil (H. Hinnant)
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }
}

extension IngestType {
    /// The Parquet type a layout declares for a column.
    init(_ type: Layout.ColumnType) {
        switch type {
        case .string: self = .string
        case .int64: self = .int64
        case let .decimal(scale): self = .decimal(scale: scale)
        }
    }
}
