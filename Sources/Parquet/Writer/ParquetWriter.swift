import MappedIO

/// One row group encoded in memory, ready to append.
public struct EncodedRowGroup: Sendable {
    public var rowCount: Int
    public var chunks: [EncodedColumnChunk]
}

/// Writes a flat Parquet file: row groups are encoded (possibly in parallel,
/// with `encodeRowGroup`) and appended in order; `finish()` writes the
/// footer. The bytes go to an `OutputFile`, so a failed or interrupted write
/// never leaves a partial file at `path`: `close()` renames the file into
/// place, or a caller that commits several outputs together takes the
/// finished file from `finish()` and commits the set (`OutputFile.commit`).
public final class ParquetWriter {
    public let path: String
    public let columns: [WriterColumn]
    public let options: WriterOptions
    private var output: OutputFile?
    private var offset = 0
    private var rowGroups: [RowGroup] = []
    private var rowCount: Int64 = 0

    /// Opens `path` for writing (`OutputFile`: staged beside the target, or
    /// in place for a device or FIFO) and writes the leading magic.
    ///
    /// - Throws: `ParquetError(.cannotCreate)` when the file cannot be created.
    public init(path: String, columns: [WriterColumn], options: WriterOptions = WriterOptions()) throws {
        self.path = path
        self.columns = columns
        self.options = options
        do {
            output = try OutputFile(path: path)
        } catch {
            throw ParquetError(.cannotCreate, error.detail, path: path)
        }
        try append(ParquetFile.magic)
    }

    deinit { abort() }

    /// Encodes one row group (thread-safe: uses no writer state).
    ///
    /// - Parameter data: one entry per column, all with the same row count.
    /// - Complexity: O(rows × columns).
    public static func encodeRowGroup(
        _ data: [ColumnData], columns: [WriterColumn], options: WriterOptions
    ) throws -> EncodedRowGroup {
        precondition(data.count == columns.count, "one ColumnData per column")
        let rows = data.first?.rowCount ?? 0
        var chunks: [EncodedColumnChunk] = []
        for (column, values) in zip(columns, data) {
            guard values.rowCount == rows else {
                throw ParquetError(
                    .corruptValues, "column \"\(column.name)\" has \(values.rowCount) rows, expected \(rows)")
            }
            if let mismatch = values.mismatch(with: column) {
                throw ParquetError(.corruptValues, "column \"\(column.name)\": \(mismatch)")
            }
            let compressor = PageCompressor(codec: options.codec, zstdLevel: options.zstdLevel)
            chunks.append(
                try ColumnChunkEncoder(column: column, options: options, compressor: compressor).encode(values))
        }
        return EncodedRowGroup(rowCount: rows, chunks: chunks)
    }

    /// Encodes and appends one row group.
    public func write(_ data: [ColumnData]) throws {
        try append(try ParquetWriter.encodeRowGroup(data, columns: columns, options: options))
    }

    /// Appends an encoded row group, relocating its offsets.
    public func append(_ group: EncodedRowGroup) throws {
        var row = RowGroup()
        row.numRows = Int64(group.rowCount)
        row.fileOffset = Int64(offset)
        row.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        var compressed: Int64 = 0
        for chunk in group.chunks {
            var meta = chunk.metaData
            let base = Int64(offset)
            meta.dataPageOffset += base
            meta.dictionaryPageOffset = meta.dictionaryPageOffset.map { $0 + base }
            row.columns.append(
                ColumnChunk(filePath: nil, fileOffset: meta.dictionaryPageOffset ?? meta.dataPageOffset, metaData: meta)
            )
            row.totalByteSize += meta.totalUncompressedSize
            compressed += meta.totalCompressedSize
            try append(chunk.bytes)
        }
        row.totalCompressedSize = compressed
        rowGroups.append(row)
        rowCount += Int64(group.rowCount)
    }

    /// Writes the footer, flushes and syncs: the file is complete and only
    /// its rename into place remains, which the caller does (alone with
    /// `commit()`, or with other outputs through `OutputFile.commit(_:)`).
    ///
    /// - Returns: the prepared output; the writer is closed afterwards.
    /// - Throws: `ParquetError(.io)` when the bytes cannot be written.
    public func finish() throws -> OutputFile {
        var meta = FileMetaData()
        meta.version = 2
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = Int32(columns.count)
        meta.schema = [root] + columns.map { $0.schemaElement() }
        meta.numRows = rowCount
        meta.rowGroups = rowGroups
        meta.keyValueMetadata = options.keyValueMetadata
        meta.createdBy = options.createdBy
        var encoder = ThriftCompactEncoder()
        encoder.fileMetaData(meta, columnOrderCount: columns.count)
        let footer = encoder.bytes
        try append(footer)
        let length = UInt32(footer.count)
        try append([
            UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24),
        ])
        try append(ParquetFile.magic)
        guard let output else { throw ParquetError(.io, "writer already closed", path: path) }
        self.output = nil
        do {
            try output.prepare()
        } catch {
            throw ParquetError(.io, error.detail, path: path)
        }
        return output
    }

    /// Finishes the file and renames it into place.
    ///
    /// - Throws: `ParquetError(.io)` / `.cannotCreate`; nothing is left at `path` then.
    public func close() throws {
        let output = try finish()
        do {
            try output.commit()
        } catch {
            throw ParquetError(error.code == .cannotCreate ? .cannotCreate : .io, error.detail, path: path)
        }
    }

    /// Abandons the file: the temporary file is removed, the target untouched.
    public func abort() {
        output?.discard()
        output = nil
    }

    private func append(_ bytes: [UInt8]) throws {
        guard let output else { throw ParquetError(.io, "writer already closed", path: path) }
        do {
            try output.write(bytes)
        } catch {
            abort()
            throw ParquetError(.io, error.detail, path: path)
        }
        offset += bytes.count
    }
}
