#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One row group encoded in memory, ready to append.
public struct EncodedRowGroup: Sendable {
    public var rowCount: Int
    public var chunks: [EncodedColumnChunk]
}

/// Writes a flat Parquet file: row groups are encoded (possibly in parallel,
/// with `encodeRowGroup`) and appended in order; `close()` writes the footer
/// and renames the temporary file into place, so a failed or interrupted
/// write never leaves a partial file at `path`.
public final class ParquetWriter {
    public let path: String
    public let columns: [WriterColumn]
    public let options: WriterOptions
    private let temporaryPath: String
    private var stream: UnsafeMutablePointer<FILE>?
    private var offset = 0
    private var rowGroups: [RowGroup] = []
    private var rowCount: Int64 = 0

    /// Creates `path.tmp-PID` and writes the leading magic.
    ///
    /// - Throws: `ParquetError(.io)` when the file cannot be created.
    public init(path: String, columns: [WriterColumn], options: WriterOptions = WriterOptions()) throws {
        self.path = path
        self.columns = columns
        self.options = options
        temporaryPath = path + ".tmp-\(getpid())"
        guard let stream = fopen(temporaryPath, "wb") else {
            throw ParquetError(.io, "cannot create: \(String(cString: strerror(errno)))", path: path)
        }
        self.stream = stream
        try append(ParquetFile.magic)
    }

    deinit { abort() }

    /// Encodes one row group (thread-safe: uses no writer state).
    ///
    /// - Parameter data: one entry per column, all with the same row count.
    /// - Complexity: O(rows × columns).
    public static func encodeRowGroup(_ data: [ColumnData], columns: [WriterColumn], options: WriterOptions) throws -> EncodedRowGroup {
        precondition(data.count == columns.count, "one ColumnData per column")
        let rows = data.first?.rowCount ?? 0
        var chunks: [EncodedColumnChunk] = []
        for (column, values) in zip(columns, data) {
            guard values.rowCount == rows else {
                throw ParquetError(.corruptValues, "column \"\(column.name)\" has \(values.rowCount) rows, expected \(rows)")
            }
            let compressor = PageCompressor(codec: options.codec, zstdLevel: options.zstdLevel)
            chunks.append(try ColumnChunkEncoder(column: column, options: options, compressor: compressor).encode(values))
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
            row.columns.append(ColumnChunk(filePath: nil, fileOffset: meta.dictionaryPageOffset ?? meta.dataPageOffset, metaData: meta))
            row.totalByteSize += meta.totalUncompressedSize
            compressed += meta.totalCompressedSize
            try append(chunk.bytes)
        }
        row.totalCompressedSize = compressed
        rowGroups.append(row)
        rowCount += Int64(group.rowCount)
    }

    /// Writes the footer, flushes, syncs and renames into place.
    public func close() throws {
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
        try append([UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24)])
        try append(ParquetFile.magic)
        guard let stream else { throw ParquetError(.io, "writer already closed", path: path) }
        let flushed = fflush(stream) == 0 && fsync(fileno(stream)) == 0
        fclose(stream)
        self.stream = nil
        guard flushed, rename(temporaryPath, path) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ParquetError(.io, "cannot finish writing: \(detail)", path: path)
        }
    }

    /// Abandons the file: closes and removes the temporary file.
    public func abort() {
        if let stream {
            fclose(stream)
            unlink(temporaryPath)
            self.stream = nil
        }
    }

    private func append(_ bytes: [UInt8]) throws {
        guard let stream else { throw ParquetError(.io, "writer already closed", path: path) }
        guard bytes.isEmpty || fwrite(bytes, 1, bytes.count, stream) == bytes.count else {
            let detail = String(cString: strerror(errno))
            abort()
            throw ParquetError(.io, "write failed: \(detail)", path: path)
        }
        offset += bytes.count
    }
}
