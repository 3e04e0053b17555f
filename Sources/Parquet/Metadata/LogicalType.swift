/// Time unit of TIME and TIMESTAMP logical types.
public enum TimeUnit: Sendable, Equatable, CustomStringConvertible {
    case milliseconds
    case microseconds
    case nanoseconds

    /// Ticks of this unit in one second.
    public var ticksPerSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Digits after the decimal point when rendering.
    public var fractionDigits: Int {
        switch self {
        case .milliseconds: 3
        case .microseconds: 6
        case .nanoseconds: 9
        }
    }

    public var description: String {
        switch self {
        case .milliseconds: "ms"
        case .microseconds: "us"
        case .nanoseconds: "ns"
        }
    }
}

/// The logical (annotated) type of a column (parquet.thrift `LogicalType`
/// union), or the legacy `ConvertedType` mapped onto it.
///
/// Unknown union members (newer writers: GEOMETRY 17, GEOGRAPHY 18, …) decode
/// as `.unknown(id)` so the column falls back to its physical type.
public enum LogicalType: Sendable, Equatable, CustomStringConvertible {
    case string
    case map
    case list
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(unit: TimeUnit, isAdjustedToUTC: Bool)
    case timestamp(unit: TimeUnit, isAdjustedToUTC: Bool)
    case integer(bitWidth: Int8, isSigned: Bool)
    case null
    case json
    case bson
    case uuid
    case float16
    case variant
    case geometry
    case geography
    case unknown(id: Int16)

    public var description: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case let .decimal(scale, precision): "DECIMAL(\(precision),\(scale))"
        case .date: "DATE"
        case let .time(unit, utc): "TIME(\(unit),\(utc ? "UTC" : "local"))"
        case let .timestamp(unit, utc): "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
        case let .integer(width, signed): "\(signed ? "INT" : "UINT")_\(width)"
        case .null: "NULL"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .variant: "VARIANT"
        case .geometry: "GEOMETRY"
        case .geography: "GEOGRAPHY"
        case let .unknown(id): "UNKNOWN_LOGICAL_TYPE(\(id))"
        }
    }
}

/// Legacy type annotation (parquet.thrift `ConvertedType`).
public struct ConvertedType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    static let names = [
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
        "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
    ]

    public var description: String {
        rawValue >= 0 && Int(rawValue) < ConvertedType.names.count
            ? ConvertedType.names[Int(rawValue)] : "UNKNOWN(\(rawValue))"
    }

    /// The equivalent logical type, given the element's decimal scale/precision.
    func logicalType(scale: Int32?, precision: Int32?) -> LogicalType? {
        switch rawValue {
        case 0: return .string
        case 1, 2: return .map
        case 3: return .list
        case 4: return .enumeration
        case 5: return .decimal(scale: scale ?? 0, precision: precision ?? 0)
        case 6: return .date
        case 7: return .time(unit: .milliseconds, isAdjustedToUTC: true)
        case 8: return .time(unit: .microseconds, isAdjustedToUTC: true)
        case 9: return .timestamp(unit: .milliseconds, isAdjustedToUTC: true)
        case 10: return .timestamp(unit: .microseconds, isAdjustedToUTC: true)
        case 11: return .integer(bitWidth: 8, isSigned: false)
        case 12: return .integer(bitWidth: 16, isSigned: false)
        case 13: return .integer(bitWidth: 32, isSigned: false)
        case 14: return .integer(bitWidth: 64, isSigned: false)
        case 15: return .integer(bitWidth: 8, isSigned: true)
        case 16: return .integer(bitWidth: 16, isSigned: true)
        case 17: return .integer(bitWidth: 32, isSigned: true)
        case 18: return .integer(bitWidth: 64, isSigned: true)
        case 19: return .json
        case 20: return .bson
        default: return nil
        }
    }
}
