import CSystemZlib

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
    /// A ZIP entry's CRC-32 and size, checked when the stream ends.
    private let check: (crc32: UInt32, size: UInt64)?
    private var crc: UInt = 0
    private var produced: UInt64 = 0

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

    /// Reads the entry `member` (matched case-insensitively on its file name;
    /// nil = the archive's only file) of the ZIP archive at `path`: stored or
    /// deflated, its CRC-32 and size checked at the end.
    ///
    /// - Throws: `.malformed` for a damaged, encrypted or ambiguous archive or
    ///   a missing entry; `.notFound`/`.io` as `init(path:)`.
    ///
    /// - Parameter wholeName: `member` is the entry's whole name (`xl/workbook.xml`), compared as it is.
    public convenience init(zipArchive path: String, member: String?, wholeName: Bool = false) throws(DelimitedError) {
        let source = try InputSource(path: path)
        let descriptor = source.descriptorForArchive
        let directory = try ZipDirectory(descriptor: descriptor, path: path)
        let files = directory.entries.filter { !$0.isDirectory }
        func fileName(_ entry: ZipDirectory.Entry) -> String {
            if wholeName { return entry.name }
            return String(entry.name.split(separator: "/").last ?? Substring(entry.name)).lowercased()
        }
        let matches =
            member.map { wanted in files.filter { fileName($0) == (wholeName ? wanted : wanted.lowercased()) } }
            ?? files
        let list = files.map(\.name).joined(separator: ", ")
        guard matches.count == 1, let entry = matches.first else {
            let what = member.map { "\(matches.count) entries named \($0)" } ?? "\(files.count) files"
            throw DelimitedError(
                .malformed, path: path, "ZIP: the archive holds \(what); expected exactly one (entries: \(list))")
        }
        guard !entry.isEncrypted else {
            throw DelimitedError(.malformed, path: path, "ZIP: \(entry.name) is encrypted")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw DelimitedError(
                .malformed, path: path,
                "ZIP: \(entry.name) uses compression method \(entry.method) (only stored and deflate are read)")
        }
        let range = try directory.dataRange(of: entry, descriptor: descriptor, path: path)
        let entrySource = try InputSource(descriptor: dup(descriptor), path: "\(path) (\(entry.name))", range: range)
        self.init(
            path: entrySource.path, source: entrySource, compression: .none,
            gzip: entry.method == 8 ? try GzipDecoder(path: entrySource.path, rawDeflate: true) : nil,
            check: (entry.crc32, entry.uncompressedSize))
    }

    /// Reads the open descriptor `descriptor` (which the stream then owns and closes) from its current
    /// offset, its compression detected as `init(path:)` does; `path` names it in errors.
    public convenience init(descriptor: Int32, path: String) throws(DelimitedError) {
        try self.init(source: InputSource(descriptor: descriptor, path: path))
    }

    /// The names of the files (not directories) in the ZIP archive at
    /// `path`, in the archive's order.
    ///
    /// - Throws: `.malformed` for a damaged archive; `.notFound`/`.io` as `init(path:)`.
    /// - Complexity: O(central directory size).
    public static func zipFileNames(path: String) throws(DelimitedError) -> [String] {
        let source = try InputSource(path: path)
        let directory = try ZipDirectory(descriptor: source.descriptorForArchive, path: path)
        return directory.entries.filter { !$0.isDirectory }.map(\.name)
    }

    /// Up to `byteCountMax` decompressed bytes from the current position
    /// (fewer only at the end of the input).
    ///
    /// - Throws: as `read(into:)`.
    /// - Complexity: O(`byteCountMax`).
    public func readPrefix(byteCountMax: Int) throws(DelimitedError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(0, byteCountMax), alignment: 1)
        defer { buffer.deallocate() }
        var filled = 0
        // Safe because: the loop runs only while `filled < buffer.count`, so `buffer[filled...]` is in bounds;
        // `read(into:)` returns at most the count of the buffer it is given (readPlain: `min(window.count,
        // buffer.count)`; read(2), zlib and zstd are given that count), so `filled <= buffer.count` and
        // `buffer[..<filled]` holds only bytes that were written.
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return Array(buffer[..<filled])
    }

    private init(
        path: String, source: InputSource, compression: InputCompression, gzip: GzipDecoder?,
        check: (crc32: UInt32, size: UInt64)?
    ) {
        self.path = path
        self.source = source
        self.compression = compression
        self.gzip = gzip
        self.zstd = nil
        self.check = check
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
        self.check = nil
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
        let count: Int
        if let gzip {
            count = try gzip.read(into: buffer, from: source)
        } else if let zstd {
            count = try zstd.read(into: buffer, from: source)
        } else {
            count = try readPlain(into: buffer)
        }
        if let check { try verify(check, buffer: buffer, count: count) }
        return count
    }

    /// Running CRC-32 and size of a ZIP entry; compared with the archive's at the end.
    private func verify(
        _ check: (crc32: UInt32, size: UInt64), buffer: UnsafeMutableRawBufferPointer, count: Int
    ) throws(DelimitedError) {
        if count > 0, let base = buffer.baseAddress {
            crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), UInt32(count))
            produced += UInt64(count)
            guard produced <= check.size else {
                throw DelimitedError(
                    .decompression, path: path,
                    "ZIP: the entry inflates to more than its \(check.size) bytes (damaged archive)")
            }
            return
        }
        guard produced == check.size, UInt32(truncatingIfNeeded: crc) == check.crc32 else {
            throw DelimitedError(
                .decompression, path: path,
                "ZIP: CRC-32 or size of the inflated data does not match the archive's (damaged archive)")
        }
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
