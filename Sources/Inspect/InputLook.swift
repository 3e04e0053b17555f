import Customs
import Delimited
import Layouts
import MappedIO
import RooSupport

/// What an input that is not Parquet looks like, told from its first bytes,
/// and what to run on it instead: the one error line of `roo inspect` and
/// `roo cat` on a CSV, a gzip or zstd CSV, a ZIP archive or fixed-width text,
/// e.g. `x.csv is CSV text (delimiter ',', 12 columns), not Parquet; …`.
struct InputLook {
    /// How the bytes are packed, from the magic number.
    enum Container: Equatable {
        case plain, gzip, zstd
        /// A ZIP archive and the files it holds (empty when unknown: a stream).
        case zip(files: [String])
    }

    /// What the (decompressed) bytes hold.
    enum Content {
        case empty
        /// A header line and delimited fields; the catalog layout its header fits, if any.
        case csv(delimiter: UInt8, columns: Int, layout: Layout?)
        /// A JSON array of rows (the first the field names); the catalog layout its names fit, if any.
        case jsonRows(columns: Int, layout: Layout?)
        /// Lines of one length and no delimiter; the catalog layout of that record length, if any.
        case fixedWidth(recordBytes: Int, layout: Layout?)
        /// Lines of text that are neither.
        case text
        case binary
        /// Not looked into: a compressed stream that does not decode, a ZIP of several files (none of them a
        /// layout's) or on a stream.
        case unknown
    }

    /// Bytes looked at: the start of the input (after decompression).
    static let sampleBytesMax = 64 << 10
    /// The magic numbers a Parquet file starts with: `PAR1`, or `PARE` for
    /// an encrypted footer (the Parquet reader then says it is encrypted).
    static let parquetMagics: [[UInt8]] = [Array("PAR1".utf8), Array("PARE".utf8)]

    let path: String
    let container: Container
    let content: Content
    /// The first bytes of the file as stored.
    let magic: [UInt8]

    /// Refuses an input that does not start with a Parquet magic number,
    /// describing it.
    ///
    /// Nothing is thrown when the input cannot be read at all, or is empty:
    /// the Parquet reader that opens it next reports why (missing, a
    /// directory, too short to be Parquet, …).
    ///
    /// - Throws: `RooError(.dataError)` with one line: what the file is and
    ///   what to run on it instead.
    /// - Complexity: reads at most `sampleBytesMax` bytes (decompressed).
    static func requireParquet(_ path: String) throws {
        // A stream is held with these bytes, so the Parquet reader still sees them.
        guard let prefix = HeldStreams.peek(path, count: sampleBytesMax), !prefix.isEmpty,
            !parquetMagics.contains(where: { prefix.starts(with: $0) })
        else { return }
        throw RooError(.dataError, InputLook(path: path, prefix: prefix).sentence)
    }

    /// Looks at `prefix`, the first bytes of `path` (at most `sampleBytesMax`),
    /// decompressing or unpacking through `InputStream` when they are gzip,
    /// zstd or a ZIP archive.
    init(path: String, prefix: [UInt8]) {
        self.path = path
        magic = Array(prefix.prefix(4))
        switch InputLook.container(magic: magic) {
        case .plain:
            container = .plain
            content = InputLook.content(prefix, isWhole: prefix.count < InputLook.sampleBytesMax)
        case .gzip, .zstd:
            container = InputLook.container(magic: magic)
            content = InputLook.content { try InputStream(path: path) }
        case .zip:
            let files = HeldStreams.isStream(path) ? [] : (try? InputStream.zipFileNames(path: path)) ?? []
            container = .zip(files: files)
            // The file a layout reads from the archive (`IMP_DETL.TXT`), else its only file.
            let member = files.lazy.compactMap { Layout.recognizing(zipMember: $0)?.zipMember }.first
            content =
                member != nil || files.count == 1
                ? InputLook.content { try InputStream(zipArchive: path, member: member) } : .unknown
        }
    }

    /// The container a file's first four bytes announce.
    static func container(magic: [UInt8]) -> Container {
        if magic.starts(with: [0x1f, 0x8b]) { return .gzip }
        if magic == [0x28, 0xb5, 0x2f, 0xfd] { return .zstd }
        if magic == [0x50, 0x4b, 0x03, 0x04] || magic == [0x50, 0x4b, 0x05, 0x06] { return .zip(files: []) }
        return .plain
    }

    /// The content of the stream `open` returns, from its first `sampleBytesMax` bytes.
    static func content(_ open: () throws -> InputStream) -> Content {
        guard let sample = try? open().readPrefix(byteCountMax: sampleBytesMax) else { return .unknown }
        return content(sample, isWhole: sample.count < sampleBytesMax)
    }
}

extension InputLook {
    /// What `sample`, the first bytes of an input, holds.
    ///
    /// - Parameter isWhole: `sample` is the whole input (its last line is complete).
    /// - Complexity: O(`sample.count`).
    static func content(_ sample: [UInt8], isWhole: Bool) -> Content {
        var bytes = sample.starts(with: [0xef, 0xbb, 0xbf]) ? Array(sample.dropFirst(3)) : sample
        guard !bytes.isEmpty else { return .empty }
        guard isText(bytes) else { return .binary }
        // Whole lines only: the sample may end inside one.
        if !isWhole, let end = bytes.lastIndex(of: 0x0a) { bytes.removeSubrange((end + 1)...) }
        if let json = Layout.recognizing(jsonRowsSample: bytes) {
            return .jsonRows(columns: json.names.count, layout: json.layout)
        }
        let dialect = bytes.withUnsafeBytes { CSVDialect.detect(sample: $0) }
        let header = headerFields(bytes, dialect: dialect)
        if header.count >= 2 {
            return .csv(delimiter: dialect.delimiter, columns: header.count, layout: Layout.recognizing(header: header))
        }
        if let length = recordLength(lines(bytes)) {
            return .fixedWidth(recordBytes: length, layout: Layout.recognizing(recordBytes: length))
        }
        return .text
    }

    /// The length most lines share, when at least 9 in 10 of two or more
    /// lines have it (a few malformed records do not hide a fixed-width file).
    static func recordLength(_ lines: [ArraySlice<UInt8>]) -> Int? {
        var counts: [Int: Int] = [:]
        for line in lines where !line.isEmpty { counts[line.count, default: 0] += 1 }
        guard let (length, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
        else { return nil }
        let total = counts.values.reduce(0, +)
        return total >= 2 && count * 10 >= total * 9 ? length : nil
    }

    /// Whether `bytes` read as text: no NUL, and at most 1 in 100 other
    /// control bytes besides tab, CR and LF (bytes of any 8-bit encoding pass).
    static func isText(_ bytes: [UInt8]) -> Bool {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return false }
            if (byte < 0x20 && byte != 0x09 && byte != 0x0a && byte != 0x0d) || byte == 0x7f { controls += 1 }
        }
        return controls * 100 <= bytes.count
    }

    /// The fields of the first record of `bytes` in `dialect` (RFC 4180 quoting).
    static func headerFields(_ bytes: [UInt8], dialect: CSVDialect) -> [String] {
        let batch = RecordBatch()
        RecordBatch.parse(CSVChunk(bytes: bytes, firstLineNumber: 1), dialect: dialect, into: batch)
        guard batch.count > 0 else { return [] }
        let fields = { (record: Int) in
            (0..<batch.fieldCount(record)).map { String(decoding: batch.field(record, $0), as: UTF8.self) }
        }
        // A header after a preamble (DataWeb's title and row count rows), for a layout that has one.
        let starts = Set(Layout.catalog.compactMap { $0.headerFirstField?.lowercased() })
        for record in 0..<min(batch.count, CSVReader.preambleRecordsMax)
        where batch.malformation(record) == nil && batch.fieldCount(record) > 0 {
            let first = String(decoding: batch.field(record, 0), as: UTF8.self)
            if starts.contains(first.lowercased().trimmingSpaces) { return fields(record) }
        }
        return fields(0)
    }

    /// The lines of `bytes` without their LF or CRLF (a last empty line left out).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.last == 0x0d ? $0.dropLast() : $0 }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
