/// Physical storage type of a column (parquet.thrift `Type`).
public enum PhysicalType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    /// Deprecated 12-byte timestamp (nanoseconds of day, Julian day).
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7

    /// The spec spelling (`FIXED_LEN_BYTE_ARRAY`, …).
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }

    /// Width in bytes of one PLAIN value, or `nil` for variable/bit-packed types.
    public var plainWidthBytes: Int? {
        switch self {
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .boolean, .byteArray, .fixedLenByteArray: nil
        }
    }
}

/// Field repetition (parquet.thrift `FieldRepetitionType`).
public enum Repetition: Int32, Sendable, CustomStringConvertible {
    case required = 0
    case optional = 1
    case repeated = 2

    public var description: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        }
    }
}
