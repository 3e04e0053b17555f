import Parquet

/// Everything `roo inspect` shows about one file, decoded from its footer.
package struct InspectReport: Sendable {
    package struct Column: Sendable {
        package var name: String
        package var physicalType: String
        package var logicalType: String?
        package var convertedType: String?
        package var precision: Int32?
        package var scale: Int32?
        package var typeLength: Int?
        package var repetition: String
        package var nullable: Bool
    }

    package struct Chunk: Sendable {
        package var column: String
        package var codec: String
        package var encodings: [String]
        package var values: Int64
        package var compressedBytes: Int64
        package var uncompressedBytes: Int64
        package var nullCount: Int64?
        /// Rendered as JSON / as text; nil when absent.
        package var minJSON: String?
        package var maxJSON: String?
        package var minText: String?
        package var maxText: String?
        package var dataPageOffset: Int64
        package var dictionaryPageOffset: Int64?

        /// uncompressed / compressed, or nil when nothing is compressed.
        package var compressionRatio: Double? {
            compressedBytes > 0 ? Double(uncompressedBytes) / Double(compressedBytes) : nil
        }
    }

    package struct RowGroup: Sendable {
        package var index: Int
        package var rows: Int64
        package var totalBytes: Int64
        package var compressedBytes: Int64
        package var chunks: [Chunk]
    }

    package var path: String
    package var sizeBytes: Int
    package var createdBy: String?
    package var formatVersion: Int32
    package var rows: Int64
    package var columns: [Column]
    package var rowGroups: [RowGroup]
    package var keyValueMetadata: [KeyValue]
    /// Features present in the file that `roo` cannot decode (not fatal here).
    package var unsupported: [String]
}
