/// Cuts a delimited file into chunks of whole records, so that the chunks
/// can be parsed in parallel (`RecordBatch.parse` on each worker).
///
/// A chunk is about `chunkSizeBytes` long and ends just after a record
/// boundary: an LF outside a quoted field, found with the same rules the
/// parser uses (`FieldState`), so a quote inside an unquoted field (an inch
/// mark, `5"`) does not throw the boundaries off. A record longer than
/// `chunkSizeBytes` makes the chunk grow until it holds the whole record, up
/// to `recordSizeBytesMax`. A UTF-8 byte order mark at the start of the input
/// is dropped. If the input ends inside a quoted field, the rest is returned
/// as the last chunk and the parser reports that record as malformed.
///
/// Memory: one buffer of about `chunkSizeBytes` (more only while a longer
/// record is buffered) plus the chunk handed out. Not thread-safe: one
/// thread pulls chunks and hands them to workers.
public final class CSVChunker {
    /// Default size of `recordSizeBytesMax`: 1 GiB.
    public static let recordSizeBytesMaxDefault = 1 << 30
    /// The byte order mark dropped at the start of the input.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The decompressed input.
    public let stream: InputStream
    /// The target size of a chunk.
    public let chunkSizeBytes: Int
    /// The longest record accepted; a longer one (usually an unterminated
    /// quote in a large file) throws instead of buffering the whole file.
    public let recordSizeBytesMax: Int
    /// The dialect used to find record boundaries. Setting it rescans the
    /// buffered bytes that have not been returned yet, so it can be set
    /// after `peek(byteCountMax:)` (dialect detection) and before the first
    /// `nextChunk()`.
    public var dialect: CSVDialect {
        didSet {
            precondition(dialect.isValid, "invalid CSVDialect \(dialect)")
            scanner = BoundaryScanner(dialect: dialect)
            scanIndex = start
            lastBoundary = nil
        }
    }

    var buffer: UnsafeMutableBufferPointer<UInt8>
    /// Bytes not yet returned are `buffer[start..<end]`; `start` is always
    /// the start of a record.
    var start = 0
    var end = 0
    /// Bytes before `scanIndex` have been fed to `scanner`.
    var scanIndex = 0
    /// Just after the last boundary found in `start..<scanIndex`.
    var lastBoundary: Int? = nil
    var scanner: BoundaryScanner
    var isAtEndOfInput = false
    var hasCheckedByteOrderMark = false
    /// The line of `buffer[start]`.
    var nextLineNumber = 1

    /// A chunker over `stream`.
    ///
    /// - Parameters:
    ///   - stream: the input, positioned at its start.
    ///   - chunkSizeBytes: target chunk size, `> 0` (default 4 MiB).
    ///   - dialect: the delimiter and quote for boundary detection (default
    ///     comma); must be `isValid`. Only the position of quotes relative to
    ///     delimiters matters, so a wrong delimiter only matters for quotes.
    ///   - recordSizeBytesMax: `>= chunkSizeBytes` and `<= Int.max / 4` (so
    ///     buffer sizes derived from it cannot overflow).
    /// - Complexity: O(`chunkSizeBytes`) for the buffer allocation.
    public init(
        stream: InputStream, chunkSizeBytes: Int = 4 << 20, dialect: CSVDialect = .comma,
        recordSizeBytesMax: Int = CSVChunker.recordSizeBytesMaxDefault
    ) {
        precondition(chunkSizeBytes > 0, "chunkSizeBytes must be positive")
        precondition(recordSizeBytesMax >= chunkSizeBytes, "recordSizeBytesMax below chunkSizeBytes")
        precondition(recordSizeBytesMax <= Int.max / 4, "recordSizeBytesMax too large")
        precondition(dialect.isValid, "invalid CSVDialect \(dialect)")
        self.stream = stream
        self.chunkSizeBytes = chunkSizeBytes
        self.recordSizeBytesMax = recordSizeBytesMax
        self.dialect = dialect
        self.scanner = BoundaryScanner(dialect: dialect)
        self.buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(chunkSizeBytes, 4))
    }

    deinit { buffer.deallocate() }

    /// The next chunk of whole records.
    ///
    /// - Returns: the chunk, or nil once the input is exhausted (an input
    ///   holding only a BOM gives no chunk).
    /// - Throws: errors of `InputStream.read(into:)`; `.malformed` if a
    ///   record exceeds `recordSizeBytesMax`.
    /// - Complexity: O(chunk size): one scan for boundaries, one for line
    ///   counting, one copy.
    public func nextChunk() throws(DelimitedError) -> CSVChunk? {
        var target = chunkSizeBytes
        while true {
            try fill(windowBytes: target)
            scanBuffered()
            if let boundary = lastBoundary { return emit(upTo: boundary) }
            if isAtEndOfInput { return end > start ? emit(upTo: end) : nil }
            let buffered = end - start
            guard buffered < recordSizeBytesMax else {
                throw DelimitedError(
                    .malformed, path: stream.path, line: nextLineNumber,
                    "record (with its newline) longer than \(recordSizeBytesMax) bytes, the limit (unterminated quote?)"
                )
            }
            // No boundary yet: the record is longer than the window; grow it
            // (compared by subtraction, so the sum cannot overflow).
            let step = max(buffered, chunkSizeBytes)
            target = step < recordSizeBytesMax - buffered ? buffered + step : recordSizeBytesMax
        }
    }

    /// The next bytes that `nextChunk()` would return (BOM removed), without
    /// consuming them; for dialect detection.
    ///
    /// - Parameter byteCountMax: how many bytes to look at, `> 0`.
    /// - Returns: up to `byteCountMax` bytes, fewer only at the end of input.
    /// - Throws: errors of `InputStream.read(into:)`.
    /// - Complexity: O(`byteCountMax`).
    public func peek(byteCountMax: Int) throws(DelimitedError) -> [UInt8] {
        precondition(byteCountMax > 0, "byteCountMax must be positive")
        try fill(windowBytes: min(byteCountMax, recordSizeBytesMax))
        let count = min(end - start, byteCountMax)
        return Array(buffer[start..<(start + count)])
    }
}
