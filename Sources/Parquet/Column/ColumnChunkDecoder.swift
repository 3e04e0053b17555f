/// Decodes whole column chunks into a `ColumnBatch`.
///
/// One decoder per worker thread: it owns the decompression context and
/// every scratch buffer, all of which only grow, so decoding a sequence of
/// chunks allocates nothing in steady state.
///
/// Supported: data pages v1 and v2; definition levels (RLE/bit-packed
/// hybrid); PLAIN for every physical type; dictionary pages with
/// PLAIN_DICTIONARY / RLE_DICTIONARY indices (and fallback to another
/// encoding mid-chunk); RLE booleans; DELTA_BINARY_PACKED,
/// DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT; codecs
/// UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW and the deprecated
/// LZ4. Anything else (LZO, nested schemas, encryption) fails with
/// `.unsupported`.
public final class ColumnChunkDecoder {
    /// Rows one column chunk may hold (guards allocations driven by headers).
    public static let chunkRowCountMax = 1 << 28
    /// Entries one dictionary page may hold.
    public static let dictionaryEntryCountMax = 1 << 28

    let decompressor = PageDecompressor()
    let levels = ScratchBuffer<UInt32>(capacity: 1 << 12)
    let denseIndices = ScratchBuffer<UInt32>(capacity: 1 << 12)
    let denseEnds = ScratchBuffer<Int>(capacity: 1 << 12)
    let dictionaryFixed = ScratchBuffer<UInt8>(capacity: 1 << 12)
    /// DELTA_* scratch: decoded integers or lengths, suffixes, FLBA bytes.
    let deltaValues = ScratchBuffer<Int64>(capacity: 1 << 10)
    let deltaSuffixLengths = ScratchBuffer<Int64>(capacity: 1 << 10)
    let deltaSuffixBytes = ScratchBuffer<UInt8>(capacity: 1 << 12)
    let deltaSuffixEnds = ScratchBuffer<Int>(capacity: 1 << 10)
    let deltaBytes = ScratchBuffer<UInt8>(capacity: 1 << 12)
    var dictionaryCount = 0
    var hasDictionary = false

    public init() {}

    /// Decodes column `column` of row group `rowGroup` into `batch`.
    ///
    /// - Parameters:
    ///   - file: an open file.
    ///   - rowGroup: `0..<file.rowGroupCount`.
    ///   - column: `0..<file.schema.columns.count`; must be a flat leaf
    ///     (no repetition).
    ///   - batch: reset and filled with the chunk's rows.
    /// - Throws: `ParquetError` naming file, row group, column and the byte
    ///   offset of the page at fault.
    /// - Complexity: O(rows + compressed bytes of the chunk).
    public func decode(_ file: ParquetFile, rowGroup: Int, column: Int, into batch: ColumnBatch) throws {
        try decode(file, rowGroup: rowGroup, column: column, rows: nil, into: batch)
    }

    /// Decodes only rows `rows` of the chunk: pages entirely outside the range
    /// are skipped without being decompressed, and the batch is trimmed to
    /// exactly `rows.count` rows (row 0 of the batch = `rows.lowerBound`).
    ///
    /// - Precondition: `rows` lies within the row group.
    public func decode(
        _ file: ParquetFile, rowGroup: Int, column: Int, rows: Range<Int>?, into batch: ColumnBatch
    ) throws {
        precondition(rowGroup >= 0 && rowGroup < file.rowGroupCount, "row group index out of range")
        precondition(column >= 0 && column < file.schema.columns.count, "column index out of range")
        let descriptor = file.schema.columns[column]
        do {
            try decodeChunk(
                file, group: file.metadata.rowGroups[rowGroup], descriptor: descriptor, batch: batch, rows: rows)
        } catch let error as ParquetError {
            // The column name is built only on failure: no allocation on the success path.
            throw error.adding(path: file.path, rowGroup: rowGroup, column: descriptor.name)
        }
    }

    private func decodeChunk(
        _ file: ParquetFile, group: RowGroup, descriptor: ColumnDescriptor, batch: ColumnBatch, rows: Range<Int>?
    ) throws {
        let chunk = group.columns[descriptor.index]
        let meta = try ColumnChunkDecoder.validate(chunk, descriptor: descriptor, rowCount: group.numRows)
        batch.reset(column: descriptor)
        dictionaryCount = 0
        hasDictionary = false
        let target = Int(meta.numValues)
        if target == 0 { return }
        var pages = try ChunkPages(file: file, meta: meta)
        let wanted = rows ?? 0..<target
        var pageStart = 0  // chunk row of the next data page's first row
        var firstDecodedRow = -1  // chunk row of the batch's row 0
        while pageStart < wanted.upperBound, let next = try pages.next() {
            do {
                if let values = next.values, pageStart + values <= wanted.lowerBound {
                    // Entirely before the range: skip without decompressing.
                    pageStart += values
                    continue
                }
                try decodePage(
                    next.page, codec: meta.codec, descriptor: descriptor, batch: batch, rowsLeft: target - pageStart)
                if let values = next.values {
                    if firstDecodedRow < 0 { firstDecodedRow = pageStart }
                    pageStart += values
                }
            } catch let error as ParquetError {
                throw error.adding(byteOffset: next.page.offset)
            }
        }
        if rows != nil && firstDecodedRow >= 0 {
            batch.trim(droppingFirst: wanted.lowerBound - firstDecodedRow, keeping: wanted.count)
        }
        // Every value accounted for: the pages held exactly what the footer declares.
        guard batch.rowCount == wanted.count else {
            throw ParquetError(
                .corruptPage,
                "column chunk decoded to \(batch.rowCount) values where the footer declares \(wanted.count)")
        }
    }

    /// Decompresses every page of a column chunk and discards the result:
    /// the lower bound of any decoder that must read these pages.
    ///
    /// - Returns: uncompressed bytes produced.
    ///
    /// Safe because: `page.body` is a slice that `PageIterator.next` checked against the chunk's data region of the
    /// mapping, with `uncompressedPageSize` in 0...1 GiB; for v2 pages `levels <= body.count` and `levels <= size` are
    /// checked before `body[levels...]` is taken and `size` is reduced, and the decompressors write only into an output
    /// buffer of exactly `size` bytes.
    public func decompressOnly(_ file: ParquetFile, rowGroup: Int, column: Int) throws -> Int {
        precondition(
            rowGroup >= 0 && rowGroup < file.rowGroupCount && column >= 0 && column < file.schema.columns.count)
        let chunk = file.metadata.rowGroups[rowGroup].columns[column]
        guard let meta = chunk.metaData, meta.numValues > 0 else { return 0 }
        var pages = try ChunkPages(file: file, meta: meta)
        var produced = 0
        while let next = try pages.next() {
            let page = next.page
            var body = page.body
            var size = Int(page.header.uncompressedPageSize)
            if let v2 = page.header.dataPageV2 {
                let levels = Int(v2.definitionLevelsByteLength) + Int(v2.repetitionLevelsByteLength)
                guard levels >= 0, levels <= body.count, levels <= size else {
                    throw ParquetError(.corruptPage, "bad level lengths", byteOffset: page.offset)
                }
                if !v2.isCompressed { continue }
                body = UnsafeRawBufferPointer(rebasing: body[levels...])
                size -= levels
            }
            produced += try decompressor.decompress(meta.codec, body, uncompressedSize: size).count
        }
        return produced
    }

    /// Checks the chunk metadata against the schema before any page is read.
    static func validate(_ chunk: ColumnChunk, descriptor: ColumnDescriptor, rowCount: Int64) throws -> ColumnMetaData {
        guard !chunk.isEncrypted else {
            throw ParquetError(.encrypted, "column chunk is encrypted, which is not supported")
        }
        guard chunk.filePath == nil else {
            throw ParquetError(
                .unsupported, "unsupported: column chunk stored in external file \"\(chunk.filePath ?? "")\"")
        }
        guard let meta = chunk.metaData else { throw ParquetError(.corruptFooter, "column chunk has no metadata") }
        guard descriptor.maxRepetitionLevel == 0 else {
            throw ParquetError(
                .unsupported,
                "unsupported nested schema: repeated column (repetition level \(descriptor.maxRepetitionLevel))")
        }
        guard meta.typeId == descriptor.physicalType.rawValue else {
            throw ParquetError(
                .corruptFooter,
                "column chunk type id \(meta.typeId) differs from schema type \(descriptor.physicalType)")
        }
        guard PageDecompressor.supports(meta.codec) else {
            throw ParquetError(.unsupported, "unsupported compression codec \(meta.codec)")
        }
        guard meta.numValues >= 0, meta.numValues <= Int64(chunkRowCountMax) else {
            throw ParquetError(
                .corruptFooter, "column chunk declares \(meta.numValues) values (limit \(chunkRowCountMax))")
        }
        guard meta.numValues == rowCount else {
            throw ParquetError(
                .corruptFooter, "column chunk declares \(meta.numValues) values but the row group has \(rowCount) rows")
        }
        return meta
    }

    /// Offset of the first page: the dictionary page when its offset is
    /// plausible, else the first data page.
    public static func firstPageOffset(_ meta: ColumnMetaData) -> Int {
        let data = Int(clamping: meta.dataPageOffset)
        if let dictionary = meta.dictionaryPageOffset, dictionary >= 4, dictionary < meta.dataPageOffset {
            return Int(dictionary)
        }
        return data
    }

    private func decodePage(
        _ page: Page, codec: CompressionCodec, descriptor: ColumnDescriptor, batch: ColumnBatch, rowsLeft: Int
    ) throws {
        switch page.header.type {
        case .dictionaryPage:
            try decodeDictionaryPage(page, codec: codec, descriptor: descriptor, batch: batch)
        case .dataPage:
            try decodeDataPageV1(page, codec: codec, descriptor: descriptor, batch: batch, rowsLeft: rowsLeft)
        case .dataPageV2:
            try decodeDataPageV2(page, codec: codec, descriptor: descriptor, batch: batch, rowsLeft: rowsLeft)
        default:
            // `ChunkPages` lets only dictionary and data pages through.
            throw ParquetError(.corruptPage, "unexpected \(page.header.type) page")
        }
    }
}
