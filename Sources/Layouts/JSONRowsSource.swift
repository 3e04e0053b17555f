import Delimited

/// A JSON-rows input (`Layout.Format.jsonRows`) cut into chunks of whole
/// rows: the input is read into memory (the Census API's responses are a
/// few megabytes to a few hundred), its header row parsed, and each chunk
/// ends after a row (`JSONRows.boundary`), whatever the white space.
final class JSONRowsSource {
    /// Inputs larger than this are refused (read whole into memory).
    static let sizeBytesMax = 1 << 31
    let stream: InputStream
    /// The field names (the first row).
    let names: [String]
    private let bytes: [UInt8]
    private let chunkSizeBytes: Int
    private var offset: Int
    private var line: Int

    /// - Throws: `LayoutError.input` for a read error or an input beyond `sizeBytesMax`,
    ///   `.malformedInput` when it does not start with a JSON array and a header row.
    init(stream: InputStream, layout: String, chunkSizeBytes: Int = 4 << 20) throws(LayoutError) {
        self.stream = stream
        self.chunkSizeBytes = chunkSizeBytes
        let bytes: [UInt8]
        do {
            bytes = try JSONRowsSource.readAll(stream)
        } catch {
            throw .input(error)
        }
        // A UTF-8 byte order mark is no part of the JSON.
        // Safe because: `start` is 0 or 3 (only when the input starts with the 3-byte mark), so `raw[start...]`
        // lies inside the buffer; the end scan reads `bytes[last - 1]` only while `last > start >= 0`.
        let start = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONRows.Failure) in try JSONRows.header(UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
        }
        let header: (names: [String], end: Int, lines: Int)
        switch parsed {
        case let .success(value): header = value
        case let .failure(failure):
            throw .malformedInput(path: stream.path, layout: layout, line: failure.line, reason: failure.reason)
        }
        // A response cut short between rows would parse without a malformed row: its end must close both arrays.
        var last = bytes.count
        var closers = 0
        while last > start, closers < 2 {
            let byte = bytes[last - 1]
            if JSONRows.isSpace(byte) {
                last -= 1
            } else if byte == UInt8(ascii: "]") {
                closers += 1
                last -= 1
            } else {
                break
            }
        }
        guard closers == 2 else {
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0a ? 1 : 0) }
            throw .malformedInput(
                path: stream.path, layout: layout, line: lines,
                reason: "the JSON array does not end with ]] (a download cut short?): get the response again")
        }
        self.bytes = bytes
        names = header.names
        offset = start + header.end
        line = 1 + header.lines
    }

    /// Every byte of `stream`.
    ///
    /// - Throws: the stream's errors; `.malformed` beyond `sizeBytesMax`.
    private static func readAll(_ stream: InputStream) throws(DelimitedError) -> [UInt8] {
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            // Safe because: `read(into:)` writes at most `buffer.count` bytes and returns how many.
            let count = try stream.read(into: buffer)
            if count == 0 { return bytes }
            guard bytes.count + count <= sizeBytesMax else {
                throw DelimitedError(
                    .malformed, path: stream.path,
                    "a JSON input is read whole, and this one is larger than \(sizeBytesMax >> 30) GiB: "
                        + "split it into several files")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// The next chunk of whole rows, nil at the end.
    ///
    /// - Complexity: O(chunk bytes).
    func nextChunk() -> CSVChunk? {
        guard offset < bytes.count else { return nil }
        // Safe because: `boundary` returns a position in `offset...bytes.count`, so the slice is in bounds.
        let (end, lines) = bytes.withUnsafeBytes { JSONRows.boundary($0, from: offset, size: chunkSizeBytes) }
        let chunk = CSVChunk(bytes: Array(bytes[offset..<end]), firstLineNumber: line)
        line += lines
        offset = end
        return chunk
    }
}
