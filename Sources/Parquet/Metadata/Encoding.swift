/// A value or level encoding (parquet.thrift `Encoding`).
///
/// A struct, not an enum, so that values written by newer writers survive
/// into `roo inspect` instead of failing the footer.
public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `PLAIN`
    public static let plain = Encoding(rawValue: 0)
    /// `PLAIN_DICTIONARY` (deprecated spelling of dictionary indices / dictionary page)
    public static let plainDictionary = Encoding(rawValue: 2)
    /// `RLE` (levels, and BOOLEAN values)
    public static let rle = Encoding(rawValue: 3)
    /// `BIT_PACKED` (deprecated level encoding)
    public static let bitPacked = Encoding(rawValue: 4)
    /// `DELTA_BINARY_PACKED`
    public static let deltaBinaryPacked = Encoding(rawValue: 5)
    /// `DELTA_LENGTH_BYTE_ARRAY`
    public static let deltaLengthByteArray = Encoding(rawValue: 6)
    /// `DELTA_BYTE_ARRAY`
    public static let deltaByteArray = Encoding(rawValue: 7)
    /// `RLE_DICTIONARY`
    public static let rleDictionary = Encoding(rawValue: 8)
    /// `BYTE_STREAM_SPLIT`
    public static let byteStreamSplit = Encoding(rawValue: 9)

    /// Whether data pages in this encoding hold dictionary indices.
    public var isDictionaryIndices: Bool { self == .plainDictionary || self == .rleDictionary }

    public var description: String {
        switch rawValue {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "UNKNOWN(\(rawValue))"
        }
    }
}

/// A page compression codec (parquet.thrift `CompressionCodec`).
public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let uncompressed = CompressionCodec(rawValue: 0)
    public static let snappy = CompressionCodec(rawValue: 1)
    public static let gzip = CompressionCodec(rawValue: 2)
    public static let lzo = CompressionCodec(rawValue: 3)
    public static let brotli = CompressionCodec(rawValue: 4)
    /// Legacy `LZ4` (Hadoop framing or raw; ambiguous, deprecated).
    public static let lz4 = CompressionCodec(rawValue: 5)
    public static let zstd = CompressionCodec(rawValue: 6)
    public static let lz4Raw = CompressionCodec(rawValue: 7)

    public var description: String {
        switch rawValue {
        case 0: "UNCOMPRESSED"
        case 1: "SNAPPY"
        case 2: "GZIP"
        case 3: "LZO"
        case 4: "BROTLI"
        case 5: "LZ4"
        case 6: "ZSTD"
        case 7: "LZ4_RAW"
        default: "UNKNOWN(\(rawValue))"
        }
    }
}

/// Page kind (parquet.thrift `PageType`).
public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let dataPage = PageType(rawValue: 0)
    public static let indexPage = PageType(rawValue: 1)
    public static let dictionaryPage = PageType(rawValue: 2)
    public static let dataPageV2 = PageType(rawValue: 3)

    public var description: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "UNKNOWN(\(rawValue))"
        }
    }
}
