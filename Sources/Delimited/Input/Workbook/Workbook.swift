import MappedIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An Excel workbook (`.xlsx`: Office Open XML SpreadsheetML in a ZIP archive) read as CSV text, one
/// sheet at a time: the sheets' names from `xl/workbook.xml` and its relationships, the shared
/// strings, and a sheet's cells written as CSV (RFC 4180) into an unlinked temporary file that an
/// `InputStream` then reads, so every delimited path reads a sheet as it reads a CSV file.
///
/// Cells are written as the workbook stores them: text as it is, numbers in their stored decimal
/// form (an exponent, `1.5E+3`, written out: `1500`), booleans `TRUE`/`FALSE`; no number format is
/// applied (a date stays its serial number). Hostile input: every part is bounded (`partBytesMax`),
/// shared-string indices and cell references are checked, a sheet past Excel's limits (1,048,576
/// rows, 16,384 columns) is refused.
public struct Workbook {
    /// A sheet: its name and the archive entry that holds it (`xl/worksheets/sheet1.xml`).
    public struct Sheet: Sendable {
        public let name: String
        public let part: String
    }

    /// Largest part read (bytes, inflated).
    public static let partBytesMax = 1 << 31
    static let rowsMax = 1_048_576
    static let columnsMax = 16_384

    public let path: String
    /// The sheets in the workbook's order.
    public let sheets: [Sheet]
    private let entries: Set<String>

    /// Whether the ZIP archive at `path` is a workbook (it holds `xl/workbook.xml`).
    public static func isWorkbook(_ path: String) -> Bool {
        (try? InputStream.zipFileNames(path: path).contains("xl/workbook.xml")) ?? false
    }

    /// Reads the sheet list of the workbook at `path`.
    ///
    /// - Throws: `.malformed` for a damaged archive or part, `.notFound`/`.io` as `InputStream(path:)`.
    public init(path: String) throws(DelimitedError) {
        self.path = path
        entries = Set(try InputStream.zipFileNames(path: path))
        var targets: [String: String] = [:]
        let relationships = "xl/_rels/workbook.xml.rels"
        if entries.contains(relationships) {
            try Self.scan(try Self.part(relationships, of: path, entries: entries), part: relationships, path: path) {
                event in
                if case let .start("Relationship", attributes, _) = event, let id = attributes["Id"],
                    let target = attributes["Target"]
                {
                    // Targets are relative to xl/, or absolute within the package.
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        var sheets: [Sheet] = []
        let workbook = "xl/workbook.xml"
        try Self.scan(try Self.part(workbook, of: path, entries: entries), part: workbook, path: path) { event in
            if case let .start("sheet", attributes, _) = event, let name = attributes["name"] {
                let target = attributes["id"].flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                sheets.append(Sheet(name: name, part: target))
            }
        }
        self.sheets = sheets
    }

    /// The sheet `sheet` as a stream of CSV text.
    ///
    /// - Throws: `.malformed` for a damaged part or a sheet past Excel's limits; `.io` when the temporary
    ///   file cannot be written.
    /// - Complexity: O(sheet part + shared strings) time; the parts in memory, the CSV text on disk.
    public func csvStream(_ sheet: Sheet) throws(DelimitedError) -> InputStream {
        let strings = try sharedStrings()
        let name = "\(path) (sheet \(sheet.name))"
        let output = try SheetOutput(path: name)
        let bytes = try Self.part(sheet.part, of: path, entries: entries)
        // Rows leave out their empty cells at the end; every row gets the sheet's width, as a spreadsheet's
        // "save as CSV" writes it: a first pass finds it.
        var measure = SheetCSVWriter(strings: strings, width: 0)
        try Self.scan(bytes, part: sheet.part, path: path) { (event) throws(DelimitedError) in
            try measure.take(event)
            measure.pending.removeAll(keepingCapacity: true)
        }
        var writer = SheetCSVWriter(strings: strings, width: measure.widest)
        try Self.scan(bytes, part: sheet.part, path: path) { (event) throws(DelimitedError) in
            try writer.take(event)
            if writer.pending.count >= 1 << 20 { try output.write(&writer.pending) }
        }
        try output.write(&writer.pending)
        return try output.stream()
    }

    /// The shared strings (`xl/sharedStrings.xml`; none when the workbook has no such part): each `si`
    /// the text of its `t` elements, phonetic runs (`rPh`) left out.
    private func sharedStrings() throws(DelimitedError) -> [String] {
        let part = "xl/sharedStrings.xml"
        guard entries.contains(part) else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try Self.scan(try Self.part(part, of: path, entries: entries), part: part, path: path) { event in
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"): strings.append(current)
            case .start("rPh", _, let isEmpty): if !isEmpty { phonetic += 1 }
            case .end("rPh"): phonetic -= 1
            case .start("t", _, let isEmpty): inText = !isEmpty
            case .end("t"): inText = false
            case let .text(text): if inText && phonetic == 0 { current += text }
            default: break
            }
        }
        return strings
    }

    /// The inflated bytes of the archive entry `name`.
    static func part(_ name: String, of path: String, entries: Set<String>) throws(DelimitedError) -> [UInt8] {
        guard entries.contains(name) else {
            throw DelimitedError(.malformed, path: path, "workbook: no part \(name) in the archive")
        }
        let stream = try InputStream(zipArchive: path, member: name, wholeName: true)
        var bytes: [UInt8] = []
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { block.deallocate() }
        // Safe because: `read(into:)` writes at most `block.count` bytes at the front of `block` and returns that
        // count, so `block[0..<count]` holds only written bytes; `block` lives until the function returns.
        while true {
            let count = try stream.read(into: block)
            if count == 0 { return bytes }
            guard bytes.count + count <= partBytesMax else {
                throw DelimitedError(.malformed, path: path, "workbook: \(name) inflates past \(partBytesMax) bytes")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[0..<count]))
        }
    }

    /// Runs `body` on every event of the XML `bytes` of `part`.
    static func scan(
        _ bytes: [UInt8], part: String, path: String, _ body: (XMLScanner.Event) throws(DelimitedError) -> Void
    ) throws(DelimitedError) {
        var scanner = XMLScanner(bytes)
        while true {
            let event: XMLScanner.Event?
            do { event = try scanner.next() } catch {
                throw DelimitedError(.malformed, path: path, "workbook: \(part): byte \(error.offset): \(error.reason)")
            }
            guard let event else { return }
            do { try body(event) } catch {
                throw DelimitedError(error.code, path: path, "workbook: \(part): \(error.message)")
            }
        }
    }
}
