/// Encoders for the footer and page headers (parquet.thrift field ids).
extension ThriftCompactEncoder {
    mutating func fileMetaData(_ meta: FileMetaData, columnOrderCount: Int) {
        structure { encoder in
            encoder.i32(1, meta.version)
            encoder.listField(2, elementType: .structure, count: meta.schema.count) { list in
                for element in meta.schema { list.schemaElement(element) }
            }
            encoder.i64(3, meta.numRows)
            encoder.listField(4, elementType: .structure, count: meta.rowGroups.count) { list in
                for group in meta.rowGroups { list.rowGroup(group) }
            }
            if !meta.keyValueMetadata.isEmpty {
                encoder.listField(5, elementType: .structure, count: meta.keyValueMetadata.count) { list in
                    for item in meta.keyValueMetadata {
                        list.structure { kv in
                            kv.string(1, item.key)
                            if let value = item.value { kv.string(2, value) }
                        }
                    }
                }
            }
            if let createdBy = meta.createdBy { encoder.string(6, createdBy) }
            // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value.
            encoder.listField(7, elementType: .structure, count: columnOrderCount) { list in
                for _ in 0..<columnOrderCount {
                    list.structure { order in order.structField(1) { _ in } }
                }
            }
        }
    }

    mutating func schemaElement(_ element: SchemaElement) {
        structure { encoder in
            if let type = element.typeId { encoder.i32(1, type) }
            if let length = element.typeLength { encoder.i32(2, length) }
            if let repetition = element.repetitionId { encoder.i32(3, repetition) }
            encoder.string(4, element.name)
            if let children = element.numChildren { encoder.i32(5, children) }
            if let converted = element.convertedType { encoder.i32(6, converted.rawValue) }
            if let scale = element.scale { encoder.i32(7, scale) }
            if let precision = element.precision { encoder.i32(8, precision) }
            if let logical = element.logicalType { encoder.structField(10) { $0.logicalType(logical) } }
        }
    }

    /// The body of a LogicalType union (one member).
    mutating func logicalType(_ logical: LogicalType) {
        switch logical {
        case .string: structField(1) { _ in }
        case let .decimal(scale, precision):
            structField(5) { decimal in
                decimal.i32(1, scale)
                decimal.i32(2, precision)
            }
        case .date: structField(6) { _ in }
        case let .integer(bitWidth, isSigned):
            structField(10) { integer in
                integer.field(id: 1, type: .byte)
                integer.bytes.append(UInt8(bitPattern: bitWidth))
                integer.bool(2, isSigned)
            }
        case let .timestamp(unit, utc), let .time(unit, utc):
            let id: Int16 = if case .timestamp = logical { 8 } else { 7 }
            structField(id) { time in
                time.bool(1, utc)
                time.structField(2) { unitField in
                    let member: Int16 =
                        switch unit {
                        case .milliseconds: 1
                        case .microseconds: 2
                        case .nanoseconds: 3
                        }
                    unitField.structField(member) { _ in }
                }
            }
        case .json: structField(12) { _ in }
        default: structField(1) { _ in }
        }
    }

    mutating func rowGroup(_ group: RowGroup) {
        structure { encoder in
            encoder.listField(1, elementType: .structure, count: group.columns.count) { list in
                for chunk in group.columns { list.columnChunk(chunk) }
            }
            encoder.i64(2, group.totalByteSize)
            encoder.i64(3, group.numRows)
            if let offset = group.fileOffset { encoder.i64(5, offset) }
            if let compressed = group.totalCompressedSize { encoder.i64(6, compressed) }
            if let ordinal = group.ordinal {
                encoder.field(id: 7, type: .i16)
                encoder.zigzag(Int64(ordinal))
            }
        }
    }

    mutating func columnChunk(_ chunk: ColumnChunk) {
        structure { encoder in
            encoder.i64(2, chunk.fileOffset)
            if let meta = chunk.metaData { encoder.structField(3) { $0.columnMetaData(meta) } }
        }
    }

    mutating func columnMetaData(_ meta: ColumnMetaData) {
        i32(1, meta.typeId)
        listField(2, elementType: .i32, count: meta.encodings.count) { list in
            for encoding in meta.encodings { list.zigzag(Int64(encoding.rawValue)) }
        }
        listField(3, elementType: .binary, count: meta.pathInSchema.count) { list in
            for part in meta.pathInSchema {
                list.varint(UInt64(part.utf8.count))
                list.bytes.append(contentsOf: part.utf8)
            }
        }
        i32(4, meta.codec.rawValue)
        i64(5, meta.numValues)
        i64(6, meta.totalUncompressedSize)
        i64(7, meta.totalCompressedSize)
        i64(9, meta.dataPageOffset)
        if let dictionary = meta.dictionaryPageOffset { i64(11, dictionary) }
        if let stats = meta.statistics { structField(12) { $0.statistics(stats) } }
    }

    mutating func statistics(_ stats: Statistics) {
        if let nullCount = stats.nullCount { i64(3, nullCount) }
        if let max = stats.maxValue { binary(5, max) }
        if let min = stats.minValue { binary(6, min) }
    }

    mutating func pageHeader(_ header: PageHeader) {
        structure { encoder in
            encoder.i32(1, header.type.rawValue)
            encoder.i32(2, header.uncompressedPageSize)
            encoder.i32(3, header.compressedPageSize)
            if let page = header.dataPage {
                encoder.structField(5) { body in
                    body.i32(1, page.numValues)
                    body.i32(2, page.encoding.rawValue)
                    body.i32(3, page.definitionLevelEncoding.rawValue)
                    body.i32(4, page.repetitionLevelEncoding.rawValue)
                }
            }
            if let page = header.dictionaryPage {
                encoder.structField(7) { body in
                    body.i32(1, page.numValues)
                    body.i32(2, page.encoding.rawValue)
                }
            }
            if let page = header.dataPageV2 {
                encoder.structField(8) { body in
                    body.i32(1, page.numValues)
                    body.i32(2, page.numNulls)
                    body.i32(3, page.numRows)
                    body.i32(4, page.encoding.rawValue)
                    body.i32(5, page.definitionLevelsByteLength)
                    body.i32(6, page.repetitionLevelsByteLength)
                    body.bool(7, page.isCompressed)
                }
            }
        }
    }
}
