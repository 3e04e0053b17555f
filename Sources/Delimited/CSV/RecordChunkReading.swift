/// Parses raw chunks into records (`RecordBatch`), on any worker thread:
/// RFC 4180 for CSV, or a record layout (the `Layouts` module).
public protocol RecordChunkParser: AnyObject {
    /// Replaces `batch`'s contents with the records of `chunk`.
    func parse(_ chunk: CSVChunk, into batch: RecordBatch)
    /// Records of the last `parse` that the input format drops on purpose
    /// (e.g. a layout's keep rule), which are therefore not in the batch.
    var skipped: Int { get }
}

/// A source of raw record chunks and the names of the fields its parsers give.
public protocol RecordChunkReader: AnyObject {
    /// Path of the input (for messages).
    var path: String { get }
    /// The names of the fields of every parsed record, in order.
    var header: [String] { get }
    /// Bytes read from the file so far (compressed bytes when compressed).
    var compressedBytesRead: Int { get }
    /// The next chunk of whole records, or nil at the end of the input.
    func nextChunk() throws(DelimitedError) -> CSVChunk?
    /// A parser for this input's chunks (one per worker thread).
    func makeParser() -> any RecordChunkParser
}

/// RFC 4180 parsing in one dialect.
public final class DelimitedChunkParser: RecordChunkParser {
    public let dialect: CSVDialect

    public init(dialect: CSVDialect) { self.dialect = dialect }

    /// RFC 4180 parsing drops no record.
    public var skipped: Int { 0 }

    public func parse(_ chunk: CSVChunk, into batch: RecordBatch) {
        RecordBatch.parse(chunk, dialect: dialect, into: batch)
    }
}

extension CSVReader: RecordChunkReader {
    public func makeParser() -> any RecordChunkParser { DelimitedChunkParser(dialect: dialect) }
}
