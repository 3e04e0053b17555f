/// Data pages v1 and v2: split the body into levels and values.
extension ColumnChunkDecoder {
    /// The parts of a data page after decompression.
    struct DataPageParts {
        var slotCount: Int
        var encoding: Encoding
        /// RLE/bit-packed definition levels (no length prefix), or nil when the column is required.
        var definitionLevels: UnsafeRawBufferPointer?
        var values: UnsafeRawBufferPointer
    }

    func decodeDataPageV1(
        _ page: Page, codec: CompressionCodec, descriptor: ColumnDescriptor, batch: ColumnBatch, rowsLeft: Int
    ) throws {
        guard let header = page.header.dataPage else {
            throw ParquetError(.corruptPage, "DATA_PAGE without data_page_header")
        }
        let slots = try ColumnChunkDecoder.checkSlotCount(header.numValues, rowsLeft: rowsLeft)
        if try decodePlainRequiredInPlace(
            page, codec: codec, encoding: header.encoding, descriptor: descriptor, batch: batch, slots: slots)
        {
            return
        }
        let body = try decompressor.decompress(
            codec, page.body, uncompressedSize: Int(page.header.uncompressedPageSize))
        var rest = body
        var levels: UnsafeRawBufferPointer?
        if descriptor.maxDefinitionLevel > 0 {
            guard header.definitionLevelEncoding == .rle else {
                throw ParquetError(
                    .unsupported, "unsupported definition level encoding \(header.definitionLevelEncoding)")
            }
            guard rest.count >= 4 else {
                throw ParquetError(.corruptLevels, "page too short for the definition level length")
            }
            let length = Int(rest.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= rest.count - 4 else {
                throw ParquetError(
                    .corruptLevels,
                    "definition levels of \(length) bytes exceed the \(rest.count - 4) bytes of the page")
            }
            levels = UnsafeRawBufferPointer(rebasing: rest[4..<(4 + length)])
            rest = UnsafeRawBufferPointer(rebasing: rest[(4 + length)...])
        }
        let parts = DataPageParts(slotCount: slots, encoding: header.encoding, definitionLevels: levels, values: rest)
        try decodeDataPage(parts, descriptor: descriptor, batch: batch)
    }

    /// Fast path for a v1 PLAIN page of a required fixed-width column: the
    /// decompressed body is exactly the values, so it is decompressed straight
    /// into the batch (no intermediate buffer, no copy). Returns false when
    /// the page does not qualify.
    private func decodePlainRequiredInPlace(
        _ page: Page, codec: CompressionCodec, encoding: Encoding, descriptor: ColumnDescriptor, batch: ColumnBatch,
        slots: Int
    ) throws -> Bool {
        let width = batch.valueWidth
        guard descriptor.maxDefinitionLevel == 0, encoding == .plain, batch.layout == .fixedWidth,
            descriptor.physicalType != .boolean, width > 0,
            codec == .zstd || codec == .snappy, !page.body.isEmpty,
            Int(page.header.uncompressedPageSize) == slots * width
        else { return false }
        let start = batch.rowCount
        batch.fixedValues.resize((start + slots) * width)
        batch.validity.resize(start + slots)
        let target = UnsafeMutableRawBufferPointer(
            start: UnsafeMutableRawPointer(batch.fixedValues.pointer) + start * width, count: slots * width)
        try decompressor.decompress(codec, page.body, into: target)
        (batch.validity.pointer + start).update(repeating: 1, count: slots)
        batch.rowCount = start + slots
        return true
    }

    func decodeDataPageV2(
        _ page: Page, codec: CompressionCodec, descriptor: ColumnDescriptor, batch: ColumnBatch, rowsLeft: Int
    ) throws {
        guard let header = page.header.dataPageV2 else {
            throw ParquetError(.corruptPage, "DATA_PAGE_V2 without data_page_header_v2")
        }
        let slots = try ColumnChunkDecoder.checkSlotCount(header.numValues, rowsLeft: rowsLeft)
        let repetitionLength = Int(header.repetitionLevelsByteLength)
        let definitionLength = Int(header.definitionLevelsByteLength)
        let body = page.body
        guard repetitionLength >= 0, definitionLength >= 0,
            repetitionLength <= body.count, definitionLength <= body.count - repetitionLength
        else {
            throw ParquetError(
                .corruptLevels,
                "level lengths (repetition \(repetitionLength), definition \(definitionLength) bytes) do not fit the "
                    + "\(body.count)-byte page"
            )
        }
        let levelsEnd = repetitionLength + definitionLength
        let uncompressedValues = Int(page.header.uncompressedPageSize) - levelsEnd
        guard uncompressedValues >= 0 else {
            throw ParquetError(
                .corruptPage,
                "uncompressed page size \(page.header.uncompressedPageSize) is smaller than its levels (\(levelsEnd) "
                    + "bytes)"
            )
        }
        let compressedValues = UnsafeRawBufferPointer(rebasing: body[levelsEnd...])
        let values = try decompressor.decompress(
            header.isCompressed ? codec : .uncompressed, compressedValues, uncompressedSize: uncompressedValues)
        var levels: UnsafeRawBufferPointer?
        if descriptor.maxDefinitionLevel > 0 {
            levels = UnsafeRawBufferPointer(rebasing: body[repetitionLength..<levelsEnd])
        }
        let parts = DataPageParts(slotCount: slots, encoding: header.encoding, definitionLevels: levels, values: values)
        try decodeDataPage(parts, descriptor: descriptor, batch: batch)
    }

    static func checkSlotCount(_ declared: Int32, rowsLeft: Int) throws -> Int {
        guard declared >= 0 else { throw ParquetError(.corruptPage, "negative value count \(declared) in page header") }
        guard Int(declared) <= rowsLeft else {
            throw ParquetError(
                .corruptPage, "page holds \(declared) values but only \(rowsLeft) remain in the column chunk")
        }
        return Int(declared)
    }

    /// Bits needed to store levels up to `maxLevel`.
    static func bitWidth(forMaxLevel maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// Decodes levels into `batch.validity` and returns the non-null count.
    func decodeValidity(
        _ parts: DataPageParts, descriptor: ColumnDescriptor, batch: ColumnBatch, start: Int
    ) throws -> Int {
        let slots = parts.slotCount
        let validity = batch.validity.pointer + start
        guard let levelBytes = parts.definitionLevels else {
            validity.update(repeating: 1, count: slots)
            return slots
        }
        let maxLevel = descriptor.maxDefinitionLevel
        var decoder = try RLEBitPackedHybridDecoder(
            bytes: levelBytes, bitWidth: ColumnChunkDecoder.bitWidth(forMaxLevel: maxLevel))
        if maxLevel == 1 {
            // Flat optional column: levels are the validity bits themselves.
            return try decoder.decodeBits(into: validity, count: slots)
        }
        levels.resize(slots)
        try decoder.decode(into: levels.pointer, count: slots)
        var present = 0
        var highest: UInt32 = 0
        let target = UInt32(maxLevel)
        let levelValues = levels.pointer
        for slot in 0..<slots {
            let level = levelValues[slot]
            highest = max(highest, level)
            let isPresent: UInt8 = level == target ? 1 : 0
            validity[slot] = isPresent
            present += Int(isPresent)
        }
        guard highest <= target else {
            throw ParquetError(.corruptLevels, "definition level \(highest) exceeds the column's maximum \(maxLevel)")
        }
        return present
    }

    func decodeDataPage(_ parts: DataPageParts, descriptor: ColumnDescriptor, batch: ColumnBatch) throws {
        let start = batch.rowCount
        let slots = parts.slotCount
        batch.validity.resize(start + slots)
        let present = try decodeValidity(parts, descriptor: descriptor, batch: batch, start: start)
        let encoding = parts.encoding
        if encoding.isDictionaryIndices {
            try decodeDictionaryIndices(
                parts.values, present: present, descriptor: descriptor, batch: batch, start: start, slots: slots)
        } else if encoding == .plain {
            try decodePlain(
                parts.values, present: present, descriptor: descriptor, batch: batch, start: start, slots: slots)
        } else if encoding == .rle && descriptor.physicalType == .boolean {
            try decodeRLEBooleans(parts.values, present: present, batch: batch, start: start, slots: slots)
        } else if ColumnChunkDecoder.isOtherValueEncoding(encoding, descriptor.physicalType) {
            try decodeOtherValues(
                parts.values, encoding: encoding, present: present, descriptor: descriptor, batch: batch, start: start,
                slots: slots)
        } else {
            throw ParquetError(.unsupported, "unsupported encoding \(encoding) for \(descriptor.physicalType)")
        }
        batch.rowCount = start + slots
        batch.nullCount += slots - present
    }
}
