import Customs
import Delimited
import MappedIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an extract in a `Layout`: plain, gzip, zstd or a ZIP archive (the
/// layout's member, e.g. `IMP_DETL.TXT`, or the archive's only file), cut into
/// chunks of whole records; `makeParser()` turns them into records of the
/// canonical and extra columns (`header`).
public final class LayoutReader: RecordChunkReader {
    public let path: String
    public let layout: Layout
    /// Output column names: the canonical columns present, then the extras.
    public let header: [String]
    /// Output column types for `roo ingest` (nil = infer).
    public let types: [Layout.ColumnType?]
    private let plan: LayoutPlan
    private let chunks: ChunkSource
    /// How the layout's amount fields are written.
    public let moneyFormat: MoneyFormat

    private enum ChunkSource {
        case delimited(CSVReader)
        case lines(CSVChunker)
        case json(JSONRowsSource)
    }

    /// Opens `path` (`-` = stdin) and resolves the layout against its fields.
    ///
    /// - Throws: `LayoutError` (missing fields, unreadable archive or input).
    ///
    /// - Parameters:
    ///   - delimiter: overrides a delimited layout's delimiter (`--delimiter`).
    ///   - moneyFormat: how amount fields are written (`--decimal-separator`, `--thousands`).
    public init(
        path: String, layout: Layout, delimiter: UInt8? = nil, moneyFormat: MoneyFormat = .standard
    ) throws(LayoutError) {
        self.path = path
        self.moneyFormat = moneyFormat
        let stream: InputStream
        do {
            if LayoutReader.isZip(path) && Workbook.isWorkbook(path) {
                stream = try LayoutReader.sheetStream(path, layout: layout)
            } else if LayoutReader.isZip(path) {
                stream = try InputStream(zipArchive: path, member: layout.zipMember)
            } else {
                stream = try InputStream(path: path)
            }
        } catch {
            throw .input(error)
        }
        let sourceNames: [String]
        switch layout.format {
        case let .fixedWidth(_, fields):
            // No quoting in fixed-width text: chunks end at line ends.
            let chunker = CSVChunker(stream: stream, chunkSizeBytes: 4 << 20)
            chunker.dialect = .unquoted(delimiter: 0)
            chunks = .lines(chunker)
            sourceNames = fields.map(\.name)
        case let .delimited(dialect):
            let reader: CSVReader
            do {
                reader = try CSVReader(
                    stream: stream, dialect: delimiter.map { CSVDialect(delimiter: $0) } ?? dialect,
                    headerFirstField: layout.headerFirstField)
            } catch {
                throw .input(error)
            }
            chunks = .delimited(reader)
            sourceNames = reader.header
        case .jsonRows:
            let source = try JSONRowsSource(stream: stream, layout: layout.name)
            chunks = .json(source)
            sourceNames = source.names
        }
        // The dialect in force (detected, the layout's, or --delimiter) is what the parsers split with.
        var resolved = layout
        if case let .delimited(reader) = chunks { resolved.format = .delimited(reader.dialect) }
        self.layout = resolved
        plan = try LayoutPlan(layout: resolved, sourceNames: sourceNames, path: path)
        header = plan.names
        types = plan.types
    }

    public var compressedBytesRead: Int {
        switch chunks {
        case let .delimited(reader): reader.compressedBytesRead
        case let .lines(chunker): chunker.stream.compressedBytesRead
        case let .json(source): source.stream.compressedBytesRead
        }
    }

    public func nextChunk() throws(DelimitedError) -> CSVChunk? {
        switch chunks {
        case let .delimited(reader): try reader.nextChunk()
        case let .lines(chunker): try chunker.nextChunk()
        case let .json(source): source.nextChunk()
        }
    }

    public func makeParser() -> any RecordChunkParser { makeParser(droppingMalformed: false) }

    /// A parser that leaves malformed records out (counting them) when
    /// `droppingMalformed`, instead of passing them on marked malformed, and
    /// gives only the canonical columns (`header.prefix(canonicalColumnCount)`)
    /// when `canonicalOnly`.
    public func makeParser(droppingMalformed: Bool, canonicalOnly: Bool = false) -> LayoutChunkParser {
        LayoutChunkParser(
            layout: layout, plan: plan, dropsMalformed: droppingMalformed, canonicalOnly: canonicalOnly,
            moneyFormat: moneyFormat)
    }

    /// Makes parsers as `makeParser(droppingMalformed:canonicalOnly:)` does,
    /// without keeping the reader (its file and buffers) alive: for callers
    /// that release the reader at the end of the input while workers may
    /// still make parsers for its chunks.
    public func parserFactory(droppingMalformed: Bool, canonicalOnly: Bool = false) -> () -> LayoutChunkParser {
        let (layout, plan, moneyFormat) = (layout, plan, moneyFormat)
        return {
            LayoutChunkParser(
                layout: layout, plan: plan, dropsMalformed: droppingMalformed, canonicalOnly: canonicalOnly,
                moneyFormat: moneyFormat)
        }
    }

    /// How many columns of `header` (the first ones) are canonical.
    public var canonicalColumnCount: Int { plan.canonicalCount }

    /// The sheet of the workbook at `path` that `layout` reads, as CSV text: the first of its
    /// `workbookSheets` the workbook has (names compared as field names are), else the only sheet.
    ///
    /// - Throws: `.malformed` for a layout that reads no delimited text, or when no sheet is the one.
    static func sheetStream(_ path: String, layout: Layout) throws(DelimitedError) -> InputStream {
        guard case .delimited = layout.format else {
            throw DelimitedError(.malformed, path: path, "an Excel workbook is no \(layout.name) input")
        }
        let workbook = try Workbook(path: path)
        let sheets = workbook.sheets
        let wanted = layout.workbookSheets.lazy.compactMap { name in
            sheets.first { Layout.matchKey($0.name) == Layout.matchKey(name) }
        }.first
        guard let sheet = wanted ?? (sheets.count == 1 ? sheets.first : nil) else {
            let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
            let which =
                layout.workbookSheets.isEmpty
                ? "one sheet" : "a sheet named " + layout.workbookSheets.map { "'\($0)'" }.joined(separator: " or ")
            throw DelimitedError(
                .malformed, path: path,
                "workbook: --layout \(layout.name) reads \(which); its sheets are \(names) (save the one to read "
                    + "as CSV)")
        }
        return try workbook.csvStream(sheet)
    }

    /// Whether `path` starts with a ZIP local file header (`PK\3\4`).
    /// A stream (stdin, FIFO) is peeked without losing bytes; a ZIP must be seekable, so only files qualify.
    static func isZip(_ path: String) -> Bool {
        guard !HeldStreams.isStream(path) else { return false }
        return HeldStreams.peek(path, count: 4) == [0x50, 0x4b, 0x03, 0x04]
    }
}
