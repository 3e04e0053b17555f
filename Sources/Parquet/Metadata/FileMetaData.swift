/// The file footer (parquet.thrift `FileMetaData`).
public struct FileMetaData: Sendable {
    public var version: Int32 = 0
    /// Schema tree in depth-first order; element 0 is the root.
    public var schema: [SchemaElement] = []
    public var numRows: Int64 = 0
    public var rowGroups: [RowGroup] = []
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy: String?
    /// Whether the footer declares an encryption algorithm (field 8).
    public var hasEncryptionAlgorithm = false
}

/// One key/value pair of user metadata.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// One node of the schema tree (parquet.thrift `SchemaElement`).
public struct SchemaElement: Sendable {
    /// Raw physical type id; `nil` for group nodes.
    public var typeId: Int32?
    public var typeLength: Int32?
    public var repetitionId: Int32?
    public var name: String = ""
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldId: Int32?
    public var logicalType: LogicalType?
}

/// A horizontal slice of the file (parquet.thrift `RowGroup`).
public struct RowGroup: Sendable {
    public var columns: [ColumnChunk] = []
    public var totalByteSize: Int64 = 0
    public var numRows: Int64 = 0
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?
}

/// Location and metadata of one column in one row group (parquet.thrift `ColumnChunk`).
public struct ColumnChunk: Sendable {
    public var filePath: String?
    public var fileOffset: Int64 = 0
    public var metaData: ColumnMetaData?
    /// Whether the chunk is encrypted (`crypto_metadata` or `encrypted_column_metadata` present).
    public var isEncrypted = false
}

/// parquet.thrift `ColumnMetaData`.
public struct ColumnMetaData: Sendable {
    public var typeId: Int32 = 0
    public var encodings: [Encoding] = []
    public var pathInSchema: [String] = []
    public var codec = CompressionCodec.uncompressed
    public var numValues: Int64 = 0
    public var totalUncompressedSize: Int64 = 0
    public var totalCompressedSize: Int64 = 0
    public var dataPageOffset: Int64 = 0
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
}

/// Column or page statistics (parquet.thrift `Statistics`). Min/max are raw
/// PLAIN-encoded bytes; `min`/`max` are the legacy signed-order fields.
public struct Statistics: Sendable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?

    /// The preferred minimum: `min_value`, else legacy `min`.
    public var effectiveMin: [UInt8]? { minValue ?? min }
    /// The preferred maximum: `max_value`, else legacy `max`.
    public var effectiveMax: [UInt8]? { maxValue ?? max }
}
