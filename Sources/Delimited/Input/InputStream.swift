/// A file read as a stream of decompressed bytes.
///
/// Compression is detected from the magic number (`InputCompression`), so a
/// gzip file named `.csv` or a plain file named `.gz` both read correctly.
/// Memory is bounded: one fixed 1 MiB input buffer plus the codec state.
///
/// Not thread-safe; one reader pulls from it (usually a `CSVChunker`).
public final class InputStream {
    /// The path given to `init(path:)`.
    public let path: String
    /// The compression detected from the first bytes of the file.
    public let compression: InputCompression

    private let source: InputSource
    private let gzip: GzipDecoder?
    private let zstd: ZstdDecoder?

    /// Opens `path` and detects its compression from its first bytes.
    ///
    /// - Parameter path: a regular file (a FIFO also works: it is read once,
    ///   front to back).
    /// - Throws: `DelimitedError` with code `.notFound` if the file does not
    ///   exist, `.io` if it cannot be opened or read, `.decompression` if
    ///   the codec cannot be set up.
    /// - Complexity: O(1): reads at most the first buffer of the file.
    public convenience init(path: String) throws(DelimitedError) {
        try self.init(source: InputSource(path: path))
    }

    /// Reads an open descriptor (a pipe fed by another thread, e.g. a ZIP
    /// entry being inflated), which the stream owns and closes; `path` names
    /// it in errors.
    ///
    /// - Throws: as `init(path:)`.
    public convenience init(descriptor: Int32, path: String) throws(DelimitedError) {
        try self.init(source: InputSource(descriptor: descriptor, path: path))
    }

    private init(source: InputSource) throws(DelimitedError) {
        let path = source.path
        try source.fill(atLeast: InputCompression.magicByteCountMax)
        let window = source.window
        let compression = InputCompression.detect(prefix: UnsafeRawBufferPointer(window))
        self.path = path
        self.source = source
        self.compression = compression
        self.gzip = compression == .gzip ? try GzipDecoder(path: path) : nil
        self.zstd = compression == .zstd ? try ZstdDecoder(path: path) : nil
    }

    /// Bytes read from the file so far (compressed bytes for gzip/zstd), for
    /// throughput reporting.
    public var compressedBytesRead: Int { source.bytesReadFromFile }

    /// Reads the next decompressed bytes.
    ///
    /// - Parameter buffer: destination; may be empty (then returns 0).
    /// - Returns: the number of bytes written to the front of `buffer`,
    ///   0 only at the end of the input.
    /// - Throws: `.io` on a read error, `.decompression` on corrupt or
    ///   truncated compressed data (message names the codec and offset).
    /// - Complexity: O(bytes returned + compressed bytes consumed).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DelimitedError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        if let gzip { return try gzip.read(into: buffer, from: source) }
        if let zstd { return try zstd.read(into: buffer, from: source) }
        return try readPlain(into: buffer)
    }

    /// Plain input: first the bytes buffered for magic detection, then
    /// straight from the file into `buffer`.
    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(DelimitedError) -> Int {
        if source.isWindowEmpty { return try source.readDirect(into: buffer) }
        let window = source.window
        let count = min(window.count, buffer.count)
        if count > 0, let target = buffer.baseAddress, let origin = window.baseAddress {
            target.copyMemory(from: origin, byteCount: count)
        }
        source.consume(count)
        return count
    }
}
