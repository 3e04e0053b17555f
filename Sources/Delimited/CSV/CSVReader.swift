/// Sequential reading of a delimited file: header first, then batches of
/// records. For parallel parsing, pull raw chunks with `nextChunk()` and
/// parse each on a worker with `RecordBatch.parse(_:dialect:into:)`.
public final class CSVReader {
    /// Bytes of the input looked at to detect the dialect.
    public static let dialectSampleBytesMax = 64 << 10

    /// The path given to `init`.
    public let path: String
    /// The dialect given to `init`, or the one detected from the first bytes.
    public let dialect: CSVDialect
    /// The fields of the first record, decoded as UTF-8 (invalid bytes
    /// become U+FFFD).
    public let header: [String]
    /// The 1-based line on which the header record starts.
    public let headerLineNumber: Int
    /// The chunker feeding this reader (for `stream.compressedBytesRead`).
    public let chunker: CSVChunker
    /// The first chunk's records after the header, returned first.
    private var remainder: CSVChunk?

    /// Opens `path`, detects the dialect if none is given and reads the
    /// header record.
    ///
    /// - Parameters:
    ///   - path: plain, gzip or zstd file (detected from its magic bytes).
    ///   - dialect: nil to detect it (`CSVDialect.detect(sample:)` on the
    ///     first `dialectSampleBytesMax` bytes).
    ///   - chunkSizeBytes: target chunk size, `> 0`.
    /// - Throws: errors of `InputStream`; `.malformed` with "empty input"
    ///   when the file has no record, when the header record is malformed,
    ///   or when `dialect` is not `isValid`.
    /// - Complexity: O(first chunk).
    public convenience init(
        path: String, dialect: CSVDialect? = nil, chunkSizeBytes: Int = 4 << 20
    ) throws(DelimitedError) {
        try self.init(stream: InputStream(path: path), dialect: dialect, chunkSizeBytes: chunkSizeBytes)
    }

    /// Records looked at for the header when it follows a preamble (`headerFirstField`).
    public static let preambleRecordsMax = 64

    /// Reads the records of `stream` (as `init(path:dialect:chunkSizeBytes:)`).
    ///
    /// - Parameter headerFirstField: when given, the header is the first record whose first field is this text
    ///   (compared trimmed, ASCII case-insensitively) and the records before it (a title, a row count: USITC
    ///   DataWeb exports) are skipped; `.malformed` when none of the first `preambleRecordsMax` records is one.
    public init(
        stream: InputStream, dialect: CSVDialect? = nil, chunkSizeBytes: Int = 4 << 20,
        headerFirstField: String? = nil
    ) throws(DelimitedError) {
        let path = stream.path
        let chunker = CSVChunker(stream: stream, chunkSizeBytes: chunkSizeBytes)
        let resolved: CSVDialect
        if let dialect {
            guard dialect.isValid else {
                throw DelimitedError(
                    .malformed, path: path,
                    "invalid dialect: delimiter \(dialect.delimiter), quote \(dialect.quote) (they must differ and be "
                        + "neither LF nor CR)"
                )
            }
            resolved = dialect
        } else {
            let sample = try chunker.peek(byteCountMax: Self.dialectSampleBytesMax)
            resolved = sample.withUnsafeBytes { CSVDialect.detect(sample: $0) }
        }
        chunker.dialect = resolved
        let batch = RecordBatch()
        var first: CSVChunk
        var rest: (nextRecordStart: Int, lineNumber: Int)
        // Safe because: the sample buffer is used only inside its `withUnsafeBytes` closure above; the loop
        // ends only when `batch.count > 0`, so record 0 exists, the header's fields are `0..<fieldCount(0)`
        // (`RecordBatch` checks record and field indices with preconditions), and `String(decoding:)` copies
        // each field before the batch is parsed again.
        var preamble = 0
        repeat {
            // Chunks of empty lines only hold no record; skip them.
            guard let chunk = try chunker.nextChunk() else {
                let reason =
                    if let headerFirstField, preamble > 0 {
                        "no header record starting with '\(headerFirstField)'"
                    } else {
                        "empty input (no header record)"
                    }
                throw DelimitedError(.malformed, path: path, line: nil, reason)
            }
            first = chunk
            rest = batch.parse(chunk, dialect: resolved, recordCountMax: 1)
            while let wanted = headerFirstField, batch.count > 0, !Self.startsWith(batch, wanted) {
                preamble += 1
                guard preamble < Self.preambleRecordsMax else {
                    throw DelimitedError(
                        .malformed, path: path, line: nil,
                        "no header record starting with '\(wanted)' in the first \(Self.preambleRecordsMax) records")
                }
                // The preamble is a few short records: copying the rest of the first chunk once per record is cheap.
                first = CSVChunk(bytes: Array(first.bytes[rest.nextRecordStart...]), firstLineNumber: rest.lineNumber)
                rest = batch.parse(first, dialect: resolved, recordCountMax: 1)
            }
        } while batch.count == 0
        if let reason = batch.malformation(0) {
            throw DelimitedError(.malformed, path: path, line: batch.lineNumber(0), "header record: \(reason)")
        }
        self.path = path
        self.dialect = resolved
        self.chunker = chunker
        self.headerLineNumber = batch.lineNumber(0)
        self.header = (0..<batch.fieldCount(0)).map { String(decoding: batch.field(0, $0), as: UTF8.self) }
        self.remainder = CSVChunk(bytes: Array(first.bytes[rest.nextRecordStart...]), firstLineNumber: rest.lineNumber)
    }

    /// Whether record 0 of `batch` starts with the field `text` (trimmed, ASCII case-insensitive).
    private static func startsWith(_ batch: RecordBatch, _ text: String) -> Bool {
        guard batch.malformation(0) == nil, batch.fieldCount(0) > 0 else { return false }
        let field = String(decoding: batch.field(0, 0), as: UTF8.self).lowercased().utf8
        let trimmed = field.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        return trimmed.reversed().elementsEqual(text.lowercased().utf8)
    }

    /// Bytes read from the file so far (compressed bytes for gzip/zstd).
    public var compressedBytesRead: Int { chunker.stream.compressedBytesRead }

    /// The next raw chunk of records after the header, for parsing
    /// elsewhere (e.g. on worker threads).
    ///
    /// - Returns: the chunk, or nil at the end of the input.
    /// - Throws: errors of `CSVChunker.nextChunk()`.
    /// - Complexity: O(chunk size).
    public func nextChunk() throws(DelimitedError) -> CSVChunk? {
        if let chunk = remainder {
            remainder = nil
            if !chunk.bytes.isEmpty { return chunk }
        }
        return try chunker.nextChunk()
    }

    /// Parses the next chunk that holds at least one record into `batch`.
    ///
    /// - Parameter batch: receives the records (emptied at the end).
    /// - Returns: false at the end of the input.
    /// - Throws: errors of `nextChunk()`.
    /// - Complexity: O(chunk size).
    public func next(into batch: RecordBatch) throws(DelimitedError) -> Bool {
        while let chunk = try nextChunk() {
            RecordBatch.parse(chunk, dialect: dialect, into: batch)
            if batch.count > 0 { return true }
        }
        batch.removeAll()
        return false
    }
}
