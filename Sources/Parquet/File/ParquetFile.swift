import MappedIO

/// An open Parquet file: the mapping, the decoded footer and the schema.
///
/// Opening reads only the footer. Column data is decoded on demand by
/// `ColumnChunkReader`, which touches only the requested chunks' pages.
public final class ParquetFile: @unchecked Sendable {
    // @unchecked Sendable: all stored properties are immutable after init and
    // the mapping is read-only.

    /// Magic at both ends of a Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)
    /// Magic of a file with an encrypted footer.
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)
    /// Largest footer accepted (bytes).
    public static let footerSizeBytesMax = 1 << 30

    public let path: String
    public let mapping: MappedFile
    public let metadata: FileMetaData
    public let schema: Schema
    /// Byte offset where the footer (FileMetaData) starts; page data lies before it.
    public let footerOffset: Int
    /// Rows one row group may declare (every allocation sized by a row count is bounded by it).
    public static let rowGroupRowCountMax = ColumnChunkDecoder.chunkRowCountMax
    /// Where each column chunk's pages start, sorted: a chunk's pages end
    /// where the next chunk starts.
    private let chunkStarts: [Int]

    /// Opens and maps `path`, validates magic and footer, and decodes the schema.
    ///
    /// - Throws: `ParquetError` with code `.notFound` (missing file), `.io`,
    ///   `.notParquet`, `.encrypted`, `.corruptFooter`, `.corruptThrift` or
    ///   `.corruptSchema`, always naming `path`.
    /// - Complexity: O(footer size).
    public convenience init(path: String) throws {
        let mapping: MappedFile
        do {
            mapping = try MappedFile(path: path)
        } catch {
            throw ParquetFile.error(from: error, path: path)
        }
        try self.init(mapping: mapping)
    }

    /// Opens a file already mapped (or held in memory, see
    /// `MappedFile.init(copying:path:)`); errors name `mapping.path`.
    ///
    /// - Throws: as `init(path:)`, except `.notFound` and `.io`.
    /// - Complexity: O(footer size).
    public init(mapping: MappedFile) throws {
        let path = mapping.path
        self.path = path
        self.mapping = mapping
        let footer = try ParquetFile.locateFooter(mapping.cursor, path: path)
        footerOffset = footer.offset
        var decoder = ThriftCompactDecoder(footer.bytes)
        let decoded: FileMetaData
        do {
            decoded = try decoder.readFileMetaData()
        } catch let error as ParquetError {
            throw error.adding(path: path, byteOffset: footer.offset, offsetSubject: "footer")
        }
        metadata = decoded
        if decoded.hasEncryptionAlgorithm {
            throw ParquetError(.encrypted, "file uses Parquet modular encryption, which is not supported", path: path)
        }
        schema = try ParquetError.context(path: path) { try Schema(elements: decoded.schema) }
        try ParquetFile.validateRowGroups(decoded, schema: schema, path: path)
        let starts = decoded.rowGroups.flatMap {
            $0.columns.compactMap { $0.metaData.map(ColumnChunkDecoder.firstPageOffset) }
        }
        chunkStarts = Array(Set(starts)).sorted()
    }

    /// The end of the region the pages of the chunk starting at `start` may
    /// occupy: the next chunk's start, or the footer.
    ///
    /// - Complexity: O(log chunks).
    func pageDataEnd(forChunkAt start: Int) -> Int {
        var low = 0
        var high = chunkStarts.count
        while low < high {
            let middle = (low + high) / 2
            if chunkStarts[middle] <= start { low = middle + 1 } else { high = middle }
        }
        return low < chunkStarts.count ? min(chunkStarts[low], footerOffset) : footerOffset
    }

    private static func error(from error: SystemError, path: String) -> ParquetError {
        switch error.code {
        case .notFound: ParquetError(.notFound, error.detail, path: path)
        case .tooShort:
            ParquetError(
                .notParquet, "\(error.detail): too short to be a Parquet file (needs at least 12 bytes)", path: path)
        case .unreadable, .ioError, .cannotCreate: ParquetError(.io, error.detail, path: path)
        }
    }

    /// Checks both magics and the footer length; returns the footer bytes.
    static func locateFooter(_ file: ByteCursor, path: String) throws -> (offset: Int, bytes: UnsafeRawBufferPointer) {
        let size = file.bytes.count
        guard size >= 12 else {
            throw ParquetError(
                .notParquet, "file is \(size) bytes: too short to be a Parquet file (needs at least 12 bytes)",
                path: path)
        }
        let tail = Array(file.bytes[(size - 4)..<size])
        if tail == encryptedMagic {
            throw ParquetError(
                .encrypted, "file ends with magic \"PARE\": encrypted footer, which is not supported", path: path)
        }
        guard tail == magic else {
            throw ParquetError(
                .notParquet,
                "file does not end with magic \"PAR1\" (found \(hex(tail))): not a Parquet file or truncated",
                path: path, byteOffset: size - 4, offsetSubject: "magic")
        }
        guard Array(file.bytes[0..<4]) == magic else {
            throw ParquetError(
                .notParquet, "file does not start with magic \"PAR1\"", path: path, byteOffset: 0,
                offsetSubject: "magic")
        }
        guard let rawLength = file.peekLittleEndian(at: size - 8, as: UInt32.self) else {
            throw ParquetError(.corruptFooter, "cannot read footer length", path: path)
        }
        let length = Int(rawLength)
        guard length > 0, length <= footerSizeBytesMax, length <= size - 12 else {
            throw ParquetError(
                .corruptFooter,
                "footer length \(length) does not fit in a file of \(size) bytes (at most \(size - 12))", path: path,
                byteOffset: size - 8, offsetSubject: "footer length")
        }
        let offset = size - 8 - length
        guard let bytes = file.slice(offset: offset, length: length) else {
            throw ParquetError(.corruptFooter, "footer range invalid", path: path)
        }
        return (offset, bytes)
    }

    private static func validateRowGroups(_ metadata: FileMetaData, schema: Schema, path: String) throws {
        guard metadata.numRows >= 0 else {
            throw ParquetError(.corruptFooter, "negative row count \(metadata.numRows)", path: path)
        }
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0 else {
                throw ParquetError(.corruptFooter, "negative row count \(group.numRows)", path: path, rowGroup: index)
            }
            guard group.numRows <= Int64(rowGroupRowCountMax) else {
                throw ParquetError(
                    .corruptFooter,
                    "row group declares \(group.numRows) rows (at most \(rowGroupRowCountMax) are read)", path: path,
                    rowGroup: index)
            }
            guard group.columns.count == schema.columns.count else {
                throw ParquetError(
                    .corruptFooter,
                    "row group has \(group.columns.count) column chunks but the schema has \(schema.columns.count) "
                        + "columns",
                    path: path, rowGroup: index)
            }
        }
    }

    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Total rows in the file, as the footer states.
    public var rowCount: Int64 { metadata.numRows }
}

func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
