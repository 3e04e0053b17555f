/// One column of a file to write (flat schemas only).
public struct WriterColumn: Sendable {
    public var name: String
    public var physicalType: PhysicalType
    /// STRING, DECIMAL (on INT32/INT64), DATE, INTEGER, or nil.
    public var logicalType: LogicalType?
    public var isOptional: Bool
    /// Byte width for FIXED_LEN_BYTE_ARRAY.
    public var typeLength: Int

    public init(
        name: String, physicalType: PhysicalType, logicalType: LogicalType? = nil, isOptional: Bool = true,
        typeLength: Int = 0
    ) {
        self.name = name
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.isOptional = isOptional
        self.typeLength = typeLength
    }

    /// Bytes of one PLAIN value for fixed-width types (BOOLEAN counted as 1).
    var valueWidth: Int {
        switch physicalType {
        case .boolean: 1
        case .fixedLenByteArray: typeLength
        case .byteArray: 0
        default: physicalType.plainWidthBytes ?? 0
        }
    }

    func schemaElement() -> SchemaElement {
        var element = SchemaElement()
        element.typeId = physicalType.rawValue
        element.repetitionId = isOptional ? Repetition.optional.rawValue : Repetition.required.rawValue
        element.name = name
        if physicalType == .fixedLenByteArray { element.typeLength = Int32(typeLength) }
        element.logicalType = logicalType
        switch logicalType {
        case .string?: element.convertedType = ConvertedType(rawValue: 0)
        case let .decimal(scale, precision)?:
            element.convertedType = ConvertedType(rawValue: 5)
            element.scale = scale
            element.precision = precision
        case .date?: element.convertedType = ConvertedType(rawValue: 6)
        case let .integer(bitWidth, isSigned)?:
            let base: Int32 = isSigned ? 15 : 11
            let offset: Int32 =
                switch bitWidth {
                case 8: 0
                case 16: 1
                case 32: 2
                default: 3
                }
            element.convertedType = ConvertedType(rawValue: base + offset)
        default: break
        }
        return element
    }
}

/// The values of one column for one row group.
///
/// `values` holds only the non-null values, in row order; `validity` (one
/// flag per row) says which rows have one. `validity == nil` means every row
/// has a value.
public struct ColumnData: Sendable {
    public enum Values: Sendable {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case float([Float])
        case double([Double])
        /// `offsets` has count + 1 entries into `bytes`.
        case byteArray(offsets: [Int], bytes: [UInt8])
        /// `bytes` holds count × width bytes.
        case fixedLenByteArray(width: Int, bytes: [UInt8])
    }

    public var values: Values
    public var validity: [Bool]?

    public init(_ values: Values, validity: [Bool]? = nil) {
        self.values = values
        self.validity = validity
    }

    /// Non-null values.
    public var valueCount: Int {
        switch values {
        case let .boolean(array): array.count
        case let .int32(array): array.count
        case let .int64(array): array.count
        case let .float(array): array.count
        case let .double(array): array.count
        case let .byteArray(offsets, _): max(offsets.count - 1, 0)
        case let .fixedLenByteArray(width, bytes): width > 0 ? bytes.count / width : 0
        }
    }

    /// Rows (values plus nulls).
    public var rowCount: Int { validity?.count ?? valueCount }
}

/// Writer settings (defaults follow pyarrow's).
public struct WriterOptions: Sendable {
    public var codec = CompressionCodec.zstd
    /// zstd level (1…22).
    public var zstdLevel: Int32 = 3
    /// 1 or 2.
    public var dataPageVersion = 1
    public var dictionaryEnabled = true
    /// Dictionary page size above which a chunk falls back to PLAIN.
    public var dictionaryPageSizeLimitBytes = 1 << 20
    /// Rows per data page.
    public var pageRowCountMax = 1 << 16
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy = "roo version \(RooVersion.current)"

    public init() {}
}

extension ColumnData {
    /// Why these values cannot be written as `column`, or nil when they can:
    /// the values' case must be the column's physical type (INT96 as 12-byte
    /// fixed-length values), fixed-length values must have the column's
    /// width, and byte-array offsets must rise from 0 within `bytes`. The
    /// encoders read the values through raw pointers sized by the column's
    /// type, so this is checked before any of them runs.
    ///
    /// - Complexity: O(1), O(count) for byte arrays.
    func mismatch(with column: WriterColumn) -> String? {
        let type = column.physicalType
        switch (values, type) {
        case (.boolean, .boolean), (.int32, .int32), (.int64, .int64), (.float, .float), (.double, .double):
            return nil
        case let (.fixedLenByteArray(width, bytes), .fixedLenByteArray), let (.fixedLenByteArray(width, bytes), .int96):
            let expected = type == .int96 ? 12 : column.typeLength
            guard width == expected, width > 0, bytes.count % width == 0 else {
                return "fixed-length values of \(width) bytes (\(bytes.count) in all) for a \(expected)-byte column"
            }
            return nil
        case let (.byteArray(offsets, bytes), .byteArray):
            guard offsets.first == 0, offsets.last.map({ $0 <= bytes.count }) ?? false,
                zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
            else { return "byte-array offsets that do not rise from 0 within its \(bytes.count) bytes" }
            return nil
        default:
            return "\(values.caseName) values for a \(type) column"
        }
    }
}

extension ColumnData.Values {
    /// The case, for messages.
    var caseName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}
