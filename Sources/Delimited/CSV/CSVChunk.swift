/// A run of whole records cut from a delimited file by `CSVChunker`, ready
/// to be parsed on any thread with `RecordBatch.parse`.
public struct CSVChunk: Sendable {
    /// The raw bytes as in the (decompressed) file: whole records, the last
    /// one ending with its LF unless it is the end of the file.
    public var bytes: [UInt8]
    /// The 1-based physical line (counting every LF, also those inside
    /// quoted fields) of `bytes[0]` in the whole file; line 1 holds the
    /// header.
    public var firstLineNumber: Int

    /// A chunk of `bytes` starting at line `firstLineNumber`.
    ///
    /// - Parameters:
    ///   - bytes: whole records (parsing a chunk cut elsewhere reports the
    ///     cut record as malformed).
    ///   - firstLineNumber: 1-based.
    public init(bytes: [UInt8], firstLineNumber: Int) {
        self.bytes = bytes
        self.firstLineNumber = firstLineNumber
    }
}
