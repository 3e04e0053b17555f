/// Struct decoders for the Parquet footer and page headers.
///
/// Each `read…` handles the field ids it knows when their wire type matches
/// the spec; anything else — unknown ids, newer union members, fields whose
/// type differs from the spec — is skipped by `readStruct`.
extension ThriftCompactDecoder {
    mutating func readFileMetaData() throws -> FileMetaData {
        var result = FileMetaData()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): result.version = try decoder.readI32()
            case (2, .list): result.schema = try decoder.readList(expecting: .structure) { try $0.readSchemaElement() }
            case (3, .i64): result.numRows = try decoder.readI64()
            case (4, .list): result.rowGroups = try decoder.readList(expecting: .structure) { try $0.readRowGroup() }
            case (5, .list):
                result.keyValueMetadata = try decoder.readList(expecting: .structure) { try $0.readKeyValue() }
            case (6, .binary): result.createdBy = try decoder.readString()
            case (8, .structure):
                result.hasEncryptionAlgorithm = true
                return false
            default: return false
            }
            return true
        }
        return result
    }

    mutating func readKeyValue() throws -> KeyValue {
        var key = ""
        var value: String?
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .binary): key = try decoder.readString()
            case (2, .binary): value = try decoder.readString()
            default: return false
            }
            return true
        }
        return KeyValue(key: key, value: value)
    }

    mutating func readSchemaElement() throws -> SchemaElement {
        var element = SchemaElement()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): element.typeId = try decoder.readI32()
            case (2, .i32): element.typeLength = try decoder.readI32()
            case (3, .i32): element.repetitionId = try decoder.readI32()
            case (4, .binary): element.name = try decoder.readString()
            case (5, .i32): element.numChildren = try decoder.readI32()
            case (6, .i32): element.convertedType = ConvertedType(rawValue: try decoder.readI32())
            case (7, .i32): element.scale = try decoder.readI32()
            case (8, .i32): element.precision = try decoder.readI32()
            case (9, .i32): element.fieldId = try decoder.readI32()
            case (10, .structure): element.logicalType = try decoder.readLogicalType()
            default: return false
            }
            return true
        }
        return element
    }

    /// Reads the `LogicalType` union; an unknown member gives `.unknown(id)`.
    mutating func readLogicalType() throws -> LogicalType? {
        var result: LogicalType?
        try readStruct { decoder, field in
            guard field.type == .structure else { return false }
            switch field.id {
            case 5: result = try decoder.readDecimalType()
            case 7, 8: result = try decoder.readTimeType(isTimestamp: field.id == 8)
            case 10: result = try decoder.readIntType()
            default:
                result = LogicalType.simpleMember(field.id)
                return false  // empty (or unknown) struct: skip its body
            }
            return true
        }
        return result
    }

    private mutating func readDecimalType() throws -> LogicalType {
        var scale: Int32 = 0
        var precision: Int32 = 0
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): scale = try decoder.readI32()
            case (2, .i32): precision = try decoder.readI32()
            default: return false
            }
            return true
        }
        return .decimal(scale: scale, precision: precision)
    }

    private mutating func readTimeType(isTimestamp: Bool) throws -> LogicalType {
        var isAdjustedToUTC = false
        var unit = TimeUnit.milliseconds
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .boolTrue), (1, .boolFalse): isAdjustedToUTC = field.boolValue
            case (2, .structure): unit = try decoder.readTimeUnit()
            default: return false
            }
            return true
        }
        return isTimestamp
            ? .timestamp(unit: unit, isAdjustedToUTC: isAdjustedToUTC)
            : .time(unit: unit, isAdjustedToUTC: isAdjustedToUTC)
    }

    private mutating func readTimeUnit() throws -> TimeUnit {
        var unit = TimeUnit.milliseconds
        try readStruct { _, field in
            switch field.id {
            case 2: unit = .microseconds
            case 3: unit = .nanoseconds
            default: unit = .milliseconds
            }
            return false
        }
        return unit
    }

    private mutating func readIntType() throws -> LogicalType {
        var bitWidth: Int8 = 0
        var isSigned = true
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .byte): bitWidth = try decoder.readI8()
            case (2, .boolTrue), (2, .boolFalse): isSigned = field.boolValue
            default: return false
            }
            return true
        }
        return .integer(bitWidth: bitWidth, isSigned: isSigned)
    }

    mutating func readRowGroup() throws -> RowGroup {
        var group = RowGroup()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .list):
                group.columns = try decoder.readList(
                    expecting: .structure, countMax: ThriftCompactDecoder.columnChunkCountMax
                ) {
                    // Each decoded chunk costs far more memory than its bytes: bound the footer's total.
                    $0.columnChunksDecoded += 1
                    guard $0.columnChunksDecoded <= ThriftCompactDecoder.columnChunkCountMax else {
                        throw ParquetError(
                            .corruptFooter,
                            "footer declares more than \(ThriftCompactDecoder.columnChunkCountMax) column chunks")
                    }
                    return try $0.readColumnChunk()
                }
            case (2, .i64): group.totalByteSize = try decoder.readI64()
            case (3, .i64): group.numRows = try decoder.readI64()
            case (5, .i64): group.fileOffset = try decoder.readI64()
            case (6, .i64): group.totalCompressedSize = try decoder.readI64()
            case (7, .i16): group.ordinal = try decoder.readI16()
            default: return false
            }
            return true
        }
        return group
    }

    mutating func readColumnChunk() throws -> ColumnChunk {
        var chunk = ColumnChunk()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .binary): chunk.filePath = try decoder.readString()
            case (2, .i64): chunk.fileOffset = try decoder.readI64()
            case (3, .structure): chunk.metaData = try decoder.readColumnMetaData()
            case (8, _), (9, _):
                chunk.isEncrypted = true
                return false
            default: return false
            }
            return true
        }
        return chunk
    }

    mutating func readColumnMetaData() throws -> ColumnMetaData {
        var meta = ColumnMetaData()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): meta.typeId = try decoder.readI32()
            case (2, .list):
                meta.encodings = try decoder.readList(expecting: .i32) { Encoding(rawValue: try $0.readI32()) }
            case (3, .list): meta.pathInSchema = try decoder.readList(expecting: .binary) { try $0.readString() }
            case (4, .i32): meta.codec = CompressionCodec(rawValue: try decoder.readI32())
            case (5, .i64): meta.numValues = try decoder.readI64()
            case (6, .i64): meta.totalUncompressedSize = try decoder.readI64()
            case (7, .i64): meta.totalCompressedSize = try decoder.readI64()
            case (9, .i64): meta.dataPageOffset = try decoder.readI64()
            case (10, .i64): meta.indexPageOffset = try decoder.readI64()
            case (11, .i64): meta.dictionaryPageOffset = try decoder.readI64()
            case (12, .structure): meta.statistics = try decoder.readStatistics()
            default: return false
            }
            return true
        }
        return meta
    }

    mutating func readStatistics() throws -> Statistics {
        var stats = Statistics()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .binary): stats.max = try decoder.readBytes()
            case (2, .binary): stats.min = try decoder.readBytes()
            case (3, .i64): stats.nullCount = try decoder.readI64()
            case (4, .i64): stats.distinctCount = try decoder.readI64()
            case (5, .binary): stats.maxValue = try decoder.readBytes()
            case (6, .binary): stats.minValue = try decoder.readBytes()
            default: return false
            }
            return true
        }
        return stats
    }

    mutating func readPageHeader() throws -> PageHeader {
        var header = PageHeader()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): header.type = PageType(rawValue: try decoder.readI32())
            case (2, .i32): header.uncompressedPageSize = try decoder.readI32()
            case (3, .i32): header.compressedPageSize = try decoder.readI32()
            case (4, .i32): header.crc = try decoder.readI32()
            case (5, .structure): header.dataPage = try decoder.readDataPageHeader()
            case (7, .structure): header.dictionaryPage = try decoder.readDictionaryPageHeader()
            case (8, .structure): header.dataPageV2 = try decoder.readDataPageHeaderV2()
            default: return false
            }
            return true
        }
        return header
    }

    private mutating func readDataPageHeader() throws -> DataPageHeader {
        var page = DataPageHeader()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): page.numValues = try decoder.readI32()
            case (2, .i32): page.encoding = Encoding(rawValue: try decoder.readI32())
            case (3, .i32): page.definitionLevelEncoding = Encoding(rawValue: try decoder.readI32())
            case (4, .i32): page.repetitionLevelEncoding = Encoding(rawValue: try decoder.readI32())
            default: return false
            }
            return true
        }
        return page
    }

    private mutating func readDictionaryPageHeader() throws -> DictionaryPageHeader {
        var page = DictionaryPageHeader()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): page.numValues = try decoder.readI32()
            case (2, .i32): page.encoding = Encoding(rawValue: try decoder.readI32())
            case (3, .boolTrue), (3, .boolFalse): page.isSorted = field.boolValue
            default: return false
            }
            return true
        }
        return page
    }

    private mutating func readDataPageHeaderV2() throws -> DataPageHeaderV2 {
        var page = DataPageHeaderV2()
        try readStruct { decoder, field in
            switch (field.id, field.type) {
            case (1, .i32): page.numValues = try decoder.readI32()
            case (2, .i32): page.numNulls = try decoder.readI32()
            case (3, .i32): page.numRows = try decoder.readI32()
            case (4, .i32): page.encoding = Encoding(rawValue: try decoder.readI32())
            case (5, .i32): page.definitionLevelsByteLength = try decoder.readI32()
            case (6, .i32): page.repetitionLevelsByteLength = try decoder.readI32()
            case (7, .boolTrue), (7, .boolFalse): page.isCompressed = field.boolValue
            default: return false
            }
            return true
        }
        return page
    }
}

extension LogicalType {
    /// Union members whose struct carries no data.
    static func simpleMember(_ id: Int16) -> LogicalType {
        switch id {
        case 1: .string
        case 2: .map
        case 3: .list
        case 4: .enumeration
        case 6: .date
        case 11: .null
        case 12: .json
        case 13: .bson
        case 14: .uuid
        case 15: .float16
        case 16: .variant
        case 17: .geometry
        case 18: .geography
        default: .unknown(id: id)
        }
    }
}
