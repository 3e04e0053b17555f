import Parquet

/// Everything `roo inspect` shows about one file, decoded from its footer.
public struct InspectReport: Sendable {
    public struct Column: Sendable {
        public var name: String
        public var physicalType: String
        public var logicalType: String?
        public var convertedType: String?
        public var precision: Int32?
        public var scale: Int32?
        public var typeLength: Int?
        public var repetition: String
        public var nullable: Bool
    }

    public struct Chunk: Sendable {
        public var column: String
        public var codec: String
        public var encodings: [String]
        public var values: Int64
        public var compressedBytes: Int64
        public var uncompressedBytes: Int64
        public var nullCount: Int64?
        /// Rendered as JSON / as text; nil when absent.
        public var minJSON: String?
        public var maxJSON: String?
        public var minText: String?
        public var maxText: String?
        public var dataPageOffset: Int64
        public var dictionaryPageOffset: Int64?

        /// uncompressed / compressed, or nil when nothing is compressed.
        public var compressionRatio: Double? {
            compressedBytes > 0 ? Double(uncompressedBytes) / Double(compressedBytes) : nil
        }
    }

    public struct RowGroup: Sendable {
        public var index: Int
        public var rows: Int64
        public var totalBytes: Int64
        public var compressedBytes: Int64
        public var chunks: [Chunk]
    }

    public var path: String
    public var sizeBytes: Int
    public var createdBy: String?
    public var formatVersion: Int32
    public var rows: Int64
    public var columns: [Column]
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]
    /// Features present in the file that `roo` cannot decode (not fatal here).
    public var unsupported: [String]
}
