/// A column chunk encoded in memory: its bytes (pages) and metadata whose
/// offsets are relative to the start of `bytes` (the writer relocates them).
public struct EncodedColumnChunk: Sendable {
    public var bytes: [UInt8]
    var metaData: ColumnMetaData
}

/// Encodes one column of one row group into pages.
///
/// Dictionary encoding (RLE_DICTIONARY indices, PLAIN dictionary page) is
/// used unless disabled, the type is BOOLEAN, or the dictionary's PLAIN size
/// exceeds `dictionaryPageSizeLimitBytes` — then the whole chunk is PLAIN.
struct ColumnChunkEncoder {
    let column: WriterColumn
    let options: WriterOptions
    let compressor: PageCompressor

    func encode(_ data: ColumnData) throws -> EncodedColumnChunk {
        let rows = data.rowCount
        if let validity = data.validity {
            let present = validity.reduce(0) { $0 + ($1 ? 1 : 0) }
            guard present == data.valueCount else {
                throw ParquetError(
                    .corruptValues, "column \"\(column.name)\": \(data.valueCount) values for \(present) non-null rows")
            }
            guard column.isOptional else {
                throw ParquetError(.corruptValues, "column \"\(column.name)\" is required but has nulls")
            }
        }
        let result: Result<EncodedColumnChunk, any Error> = data.values.withValueBytes { values in
            Result { try encode(data, values: values, rows: rows) }
        }
        return try result.get()
    }

    private func encode(_ data: ColumnData, values: ValueBytes, rows: Int) throws -> EncodedColumnChunk {
        var chunk = EncodedColumnChunk(bytes: [], metaData: ColumnMetaData())
        var meta = ColumnMetaData()
        meta.typeId = column.physicalType.rawValue
        meta.pathInSchema = [column.name]
        meta.codec = options.codec
        meta.numValues = Int64(rows)
        let dictionary =
            (options.dictionaryEnabled && column.physicalType != .boolean)
            ? DictionaryBuilder.build(values, limitBytes: options.dictionaryPageSizeLimitBytes) : nil
        var uncompressedTotal = 0
        if let dictionary {
            var plain: [UInt8] = []
            PlainEncoder.encode(values, entries: dictionary.entries, type: column.physicalType, into: &plain)
            var header = PageHeader()
            header.type = .dictionaryPage
            header.dictionaryPage = DictionaryPageHeader(
                numValues: Int32(dictionary.entries.count), encoding: .plain, isSorted: nil)
            meta.dictionaryPageOffset = 0
            uncompressedTotal += try appendPage(header: header, levels: [], body: plain, into: &chunk.bytes)
        }
        meta.dataPageOffset = Int64(chunk.bytes.count)
        uncompressedTotal += try encodePages(
            data, values: values, dictionary: dictionary, rows: rows, into: &chunk.bytes)
        meta.encodings = dictionary == nil ? [.plain, .rle] : [.plain, .rle, .rleDictionary]
        meta.totalCompressedSize = Int64(chunk.bytes.count)
        meta.totalUncompressedSize = Int64(uncompressedTotal)
        var stats = Statistics()
        stats.nullCount = Int64(rows - values.count)
        if let (min, max) = StatisticsBuilder.minMax(values, type: column.physicalType, distinct: dictionary?.entries) {
            stats.minValue = min
            stats.maxValue = max
        }
        meta.statistics = stats
        chunk.metaData = meta
        return chunk
    }

    /// Writes data pages of at most `pageRowCountMax` rows; returns uncompressed bytes (headers included).
    ///
    /// Safe because: `indices[range]` stays in `dictionary.indices`, which holds one entry per value (`values.count`):
    /// `range` starts at the sum of the earlier pages' `present`, and the pages' `present` add up to the values
    /// (`encode(_:)` checked that the non-null rows equal `data.valueCount`; without validity every row has a value),
    /// so `range.upperBound <= values.count`.
    private func encodePages(
        _ data: ColumnData, values: ValueBytes, dictionary: DictionaryBuilder?, rows: Int, into out: inout [UInt8]
    ) throws -> Int {
        var total = 0
        var valueStart = 0
        var rowStart = 0
        let bitWidth = dictionary.map { Int.bitWidth - max($0.entries.count - 1, 0).leadingZeroBitCount } ?? 0
        repeat {
            let rowEnd = min(rowStart + options.pageRowCountMax, rows)
            var levels: [UInt32] = []
            var present = rowEnd - rowStart
            if let validity = data.validity {
                levels = validity[rowStart..<rowEnd].map { $0 ? 1 : 0 }
                present = levels.reduce(0) { $0 + Int($1) }
            }
            var levelBytes: [UInt8] = []
            if column.isOptional {
                if levels.isEmpty { levels = Array(repeating: 1, count: rowEnd - rowStart) }
                levels.withUnsafeBufferPointer { RLEBitPackedHybridEncoder.encode($0, bitWidth: 1, into: &levelBytes) }
            }
            var body: [UInt8] = []
            let range = valueStart..<(valueStart + present)
            if let dictionary {
                body.append(UInt8(bitWidth))
                dictionary.indices.withUnsafeBufferPointer { indices in
                    RLEBitPackedHybridEncoder.encode(
                        UnsafeBufferPointer(rebasing: indices[range]), bitWidth: bitWidth, into: &body)
                }
            } else {
                PlainEncoder.encode(values, range: range, type: column.physicalType, into: &body)
            }
            var header = PageHeader()
            let encoding: Encoding = dictionary == nil ? .plain : .rleDictionary
            if options.dataPageVersion == 2 {
                header.type = .dataPageV2
                header.dataPageV2 = DataPageHeaderV2(
                    numValues: Int32(rowEnd - rowStart), numNulls: Int32(rowEnd - rowStart - present),
                    numRows: Int32(rowEnd - rowStart),
                    encoding: encoding, definitionLevelsByteLength: Int32(levelBytes.count),
                    repetitionLevelsByteLength: 0, isCompressed: true)
                total += try appendPage(header: header, levels: levelBytes, body: body, into: &out)
            } else {
                header.type = .dataPage
                header.dataPage = DataPageHeader(
                    numValues: Int32(rowEnd - rowStart), encoding: encoding, definitionLevelEncoding: .rle,
                    repetitionLevelEncoding: .rle)
                var page: [UInt8] = []
                if column.isOptional {
                    let length = UInt32(levelBytes.count)
                    page = [
                        UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
                        UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24),
                    ]
                    page += levelBytes
                }
                page += body
                total += try appendPage(header: header, levels: [], body: page, into: &out)
            }
            valueStart += present
            rowStart = rowEnd
        } while rowStart < rows
        return total
    }

    /// Compresses `body`, writes the header (with sizes) then `levels` (v2,
    /// uncompressed) and the compressed body. Returns the uncompressed size.
    private func appendPage(header: PageHeader, levels: [UInt8], body: [UInt8], into out: inout [UInt8]) throws -> Int {
        var compressed: [UInt8] = []
        try body.withUnsafeBytes { try compressor.compress($0, into: &compressed) }
        var header = header
        header.uncompressedPageSize = Int32(levels.count + body.count)
        header.compressedPageSize = Int32(levels.count + compressed.count)
        var encoder = ThriftCompactEncoder()
        encoder.pageHeader(header)
        out += encoder.bytes
        out += levels
        out += compressed
        return encoder.bytes.count + levels.count + body.count
    }
}
