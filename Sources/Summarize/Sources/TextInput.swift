import Customs
import Delimited
import Layouts
import MappedIO
import RooSupport

/// One text input of a run (CSV, or a `--layout` extract), opened when the
/// run reaches it: its reader, its header bound to the canonical columns,
/// and what its layout skipped.
final class TextInput: @unchecked Sendable {
    /// The size of a CSV input's chunks (work units): 256 KiB, so that a
    /// chunk's parsed field spans (about 1.3 MB for 5,000 records of 10
    /// fields) are still in the core's cache when the fill reads them.
    /// Measured on 10M lines (455 MiB, 2 threads): 0.98 s with 4 MiB chunks,
    /// 0.89 s with 256 KiB, 0.90 s with 128 KiB; peak RSS 153 → 51 MB.
    static let csvChunkSizeBytes = 256 << 10

    // @unchecked Sendable: `reader` is used only by `nextChunk`, which
    // `LineSources` calls under the claim lock, one call at a time; `skips`
    // is behind its own mutex; everything else is immutable.
    let path: String
    /// The input's position in the expanded input list (with the unit, orders the rejects).
    let inputOrder: Int
    let binding: Binding
    /// Fields every record must have.
    let columnCount: Int
    let skips: LayoutSkips
    /// The open reader; released (its file closed, its buffers freed) at the
    /// end of the input, so a run over many files holds one open at a time.
    private var reader: (any RecordChunkReader)?
    private let parserFactory: () -> any RecordChunkParser
    private var bytesCounted = 0

    /// Canonical column → field index, from the header and `--map`.
    struct Binding {
        let columns: [CanonicalColumn: Int]
        /// `columns` as an array by `CanonicalColumn.allCases` position (-1 = not bound):
        /// read per field of every line, so no hashing.
        let fieldIndex: [Int]
        /// The fields of the `col:NAME` keys, with the plan component each fills.
        let sourceKeys: [(component: Int, field: Int)]
        let dutyFreeByDuty: Bool
        /// Notes on optional columns left unmapped that a header looks like.
        let notes: [String]
    }

    /// Opens `path` and binds its header (`--map`, or the layout's columns).
    ///
    /// - Throws: `RooError` — 66 for a missing file, 65 for one that cannot
    ///   be read as CSV or as the layout, 64 for a required column the
    ///   header lacks.
    init(path: String, inputOrder: Int, options: SummarizeOptions) throws {
        let reader: any RecordChunkReader
        let readsSourceKeys = options.plan.components.contains { if case .column = $0 { true } else { false } }
        if let layout = options.layout {
            let layoutReader: LayoutReader
            do {
                layoutReader = try LayoutReader(path: path, layout: layout, moneyFormat: options.moneyFormat)
            } catch {
                throw RooError(error)
            }
            // Layout records that are malformed are left out and counted (never lines, as in `roo ingest`);
            // the layout's other fields are parsed only when a col: key may name one.
            parserFactory = layoutReader.parserFactory(droppingMalformed: true, canonicalOnly: !readsSourceKeys)
            reader = layoutReader
        } else {
            let csvReader: CSVReader
            do {
                csvReader = try CSVReader(path: path, chunkSizeBytes: TextInput.csvChunkSizeBytes)
            } catch {
                throw RooError(error)
            }
            let dialect = csvReader.dialect
            parserFactory = { DelimitedChunkParser(dialect: dialect) }
            reader = csvReader
        }
        self.reader = reader
        // Summarize needs the canonical columns of a layout only, and the others for col: keys.
        let header =
            (reader as? LayoutReader).map {
                readsSourceKeys ? $0.header : Array($0.header.prefix($0.canonicalColumnCount))
            }
            ?? reader.header
        // A JSON array of rows read as CSV would suggest --map '[["CTY_CODE"': name the layout that reads it.
        if reader is CSVReader, header.first?.hasPrefix("[") == true {
            throw RooError(
                .usage,
                "\(path) is a JSON array of rows, not CSV: read a US Census International Trade API response with "
                    + "--layout census-api")
        }
        let bound = try Self.namingPreambleLayout(path: path, isPlainCSV: reader is CSVReader) {
            try FileBinding.bind(names: header, options: options, path: path)
        }
        binding = Binding(
            columns: bound.indices, fieldIndex: CanonicalColumn.allCases.map { bound.indices[$0] ?? -1 },
            sourceKeys: bound.sourceKeys.map { ($0.component, $0.index) }, dutyFreeByDuty: bound.dutyFreeByDuty,
            notes: bound.notes)
        self.path = path
        self.inputOrder = inputOrder
        columnCount = header.count
        skips = LayoutSkips(meaning: options.layout?.keepMeaning)
    }

    /// `bind()`, whose error for a plain CSV file that a layout with a preamble reads (a DataWeb export, whose
    /// first record is a title) names that layout instead of the title's fields.
    static func namingPreambleLayout<T>(path: String, isPlainCSV: Bool, _ bind: () throws -> T) throws -> T {
        do {
            return try bind()
        } catch {
            guard isPlainCSV, let layout = layoutAfterPreamble(path) else { throw error }
            throw RooError(
                .usage,
                "\(path): its header follows a preamble, as in a \(layout.name) export (a header record starting "
                    + "with '\(layout.headerFirstField ?? "")'): read it with --layout \(layout.name)")
        }
    }

    /// The catalog layout whose header follows a preamble (DataWeb) and that reads `path` (a file, not a
    /// stream: it is opened again), if any.
    static func layoutAfterPreamble(_ path: String) -> Layout? {
        guard !HeldStreams.isStream(path) else { return nil }
        return Layout.catalog.first { layout in
            guard let first = layout.headerFirstField,
                let reader = try? CSVReader(stream: InputStream(path: path), headerFirstField: first)
            else { return false }
            return (try? LayoutReader(path: path, layout: layout)) != nil && reader.headerLineNumber > 1
        }
    }

    /// The next chunk of whole records and the input bytes read for it
    /// (for the progress line), or nil at the end of the input.
    ///
    /// - Precondition: called one call at a time (`LineSources.read`).
    /// - Throws: the reader's error as a `RooError` (malformed input, I/O).
    func nextChunk() throws -> (chunk: CSVChunk, bytes: Int)? {
        guard let reader else { return nil }
        let chunk: CSVChunk?
        do { chunk = try reader.nextChunk() } catch { throw RooError(error) }
        guard let chunk else {
            self.reader = nil
            return nil
        }
        let bytesRead = max(reader.compressedBytesRead, bytesCounted)
        defer { bytesCounted = bytesRead }
        return (chunk, bytesRead - bytesCounted)
    }

    /// A parser for one worker (also after the reader was released).
    func makeParser() -> any RecordChunkParser { parserFactory() }
}
