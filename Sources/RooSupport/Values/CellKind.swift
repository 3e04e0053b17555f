import Parquet

/// How the values of one column are rendered as text, decided once per
/// column from its physical and logical type (never per value).
package enum CellKind: Sendable, Equatable {
    case boolean
    case int32
    case uint32
    case int64
    case uint64
    case decimalInt32(scale: Int)
    case decimalInt64(scale: Int)
    /// Big-endian two's complement in BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY.
    case decimalBytes(scale: Int)
    case date
    case time(TimeUnit)
    case timestamp(TimeUnit, isAdjustedToUTC: Bool)
    case int96
    case float
    case double
    case float16
    case string
    case uuid
    /// Raw bytes, rendered as lowercase hex.
    case binary

    /// The rendering for `column`. Unknown or inapplicable logical types fall
    /// back to the physical type (e.g. GEOMETRY → binary).
    package init(_ column: ColumnDescriptor) {
        let logical = column.logicalType
        switch column.physicalType {
        case .boolean: self = .boolean
        case .int32: self = CellKind.int32Kind(logical)
        case .int64: self = CellKind.int64Kind(logical)
        case .int96: self = .int96
        case .float: self = .float
        case .double: self = .double
        case .byteArray:
            switch logical {
            case .string?, .enumeration?, .json?: self = .string
            case let .decimal(scale, _)?: self = .decimalBytes(scale: Int(scale))
            default: self = .binary
            }
        case .fixedLenByteArray:
            switch logical {
            case let .decimal(scale, _)?: self = .decimalBytes(scale: Int(scale))
            case .uuid? where column.typeLength == 16: self = .uuid
            case .float16? where column.typeLength == 2: self = .float16
            default: self = .binary
            }
        }
    }

    private static func int32Kind(_ logical: LogicalType?) -> CellKind {
        switch logical {
        case let .decimal(scale, _)?: .decimalInt32(scale: Int(scale))
        case .date?: .date
        case .time(.milliseconds, _)?: .time(.milliseconds)
        case let .integer(_, isSigned)? where !isSigned: .uint32
        default: .int32
        }
    }

    private static func int64Kind(_ logical: LogicalType?) -> CellKind {
        switch logical {
        case let .decimal(scale, _)?: .decimalInt64(scale: Int(scale))
        case let .time(unit, _)? where unit != .milliseconds: .time(unit)
        case let .timestamp(unit, utc)?: .timestamp(unit, isAdjustedToUTC: utc)
        case let .integer(_, isSigned)? where !isSigned: .uint64
        default: .int64
        }
    }

    /// Bytes one value must have, or nil for variable-length kinds.
    var requiredWidth: Int? {
        switch self {
        case .boolean: 1
        case .int32, .uint32, .decimalInt32, .date, .float: 4
        case .int64, .uint64, .decimalInt64, .double, .timestamp: 8
        case .time(let unit): unit == .milliseconds ? 4 : 8
        case .int96: 12
        case .float16: 2
        case .uuid: 16
        case .decimalBytes, .string, .binary: nil
        }
    }

    /// Whether JSON renders the value as a bare number or literal.
    var isJSONBare: Bool {
        switch self {
        case .boolean, .int32, .uint32, .int64, .uint64, .float, .double, .float16: true
        default: false
        }
    }
}
