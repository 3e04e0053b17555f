/// What this reader can decode, for reports (`roo inspect`) and early checks.
public enum ParquetSupport {
    /// Value encodings the decoder handles for `type`.
    public static func supports(_ encoding: Encoding, for type: PhysicalType) -> Bool {
        switch encoding {
        case .plain, .plainDictionary, .rleDictionary: true
        case .rle: type == .boolean
        // Level-only encodings listed in column metadata are harmless.
        case .bitPacked: true
        default: ColumnChunkDecoder.isOtherValueEncoding(encoding, type)
        }
    }

    /// Codecs the decoder handles.
    public static func supports(_ codec: CompressionCodec) -> Bool {
        PageDecompressor.supports(codec)
    }

    /// Human-readable reasons why a chunk cannot be decoded (empty if it can,
    /// as far as the footer tells).
    public static func unsupportedFeatures(column: ColumnDescriptor, metadata: ColumnMetaData) -> [String] {
        var problems: [String] = []
        if column.maxRepetitionLevel > 0 { problems.append("repeated (nested) column") }
        if !supports(metadata.codec) { problems.append("compression codec \(metadata.codec)") }
        // RLE and BIT_PACKED in the chunk's list usually describe levels.
        for encoding in metadata.encodings where encoding != .rle && !supports(encoding, for: column.physicalType) {
            problems.append("encoding \(encoding)")
        }
        return problems
    }
}
