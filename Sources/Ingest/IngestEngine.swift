import Customs
import Delimited
import Dispatch
import Layouts
import MappedIO
import Parallel
import Parquet
import RooSupport
import TextFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of `roo ingest` (docs/cli.md, ingest).
package struct IngestOptions: Sendable {
    package var input: String
    package var output: String
    package var mapping = ColumnMapping()
    /// Forced delimiter; nil = auto-detect.
    package var delimiter: UInt8?
    /// Column (output or source name) → type, overriding inference.
    package var types: [String: IngestType] = [:]
    package var codec = CompressionCodec.zstd
    package var zstdLevel: Int32 = 3
    package var rowGroupRows = 1_000_000
    /// Parquet data page version (1 or 2).
    package var dataPageVersion = 1
    package var rejectsPath: String?
    package var threads = 1
    /// `--layout` (nil = canonical CSV).
    package var layout: Layout?
    /// `--country-codes`: the code system of origin/partner, recorded in the
    /// file's metadata for `summarize` (default: the layout's, else alpha-2).
    package var countryCodes: CountryCodeSystem?
    /// `--decimal-separator`, `--thousands`: how the money columns are written.
    package var moneyFormat = MoneyFormat.standard
    /// Draw a progress line on stderr (`ProgressLine`: bytes of the input read).
    package var showProgress = false

    package init(input: String, output: String) {
        self.input = input
        self.output = output
    }
}

/// What an ingest did: `linesIn == rowsWritten + rowsRejected`; records the
/// layout drops on purpose (`rowsSkipped`) are not lines.
package struct IngestResult: Sendable, Equatable {
    package var linesIn = 0
    package var rowsWritten = 0
    package var rowsRejected = 0
    package var rowsSkipped = 0
    package var columnTypes: [String: IngestType] = [:]
    /// One line per required canonical column the output lacks, saying how
    /// to map it (`IngestWarnings`); the ingest itself succeeded.
    package var warnings: [String] = []
}

/// `roo ingest`: streams CSV (plain, gzip or zstd) into Parquet with bounded
/// memory. Chunks are parsed and converted in parallel, appended in input
/// order, and written as row groups of `rowGroupRows`; the output appears
/// only when complete (temporary file + rename).
package enum IngestEngine {
    package static func run(_ options: IngestOptions) throws -> IngestResult {
        try OutputTargets.check(
            outputs: [options.output] + [options.rejectsPath].compactMap { $0 }, inputs: [options.input])
        let reader = try openReader(options)
        let names = try outputNames(header: reader.header, options: options)
        var chunks: [CSVChunk] = []
        if let first = try next(reader) { chunks.append(first) }
        let sampleBatch = RecordBatch()
        if let first = chunks.first { reader.makeParser().parse(first, into: sampleBatch) }
        let layoutTypes = (reader as? LayoutReader)?.types ?? []
        let types = columnTypes(
            sample: sampleBatch, names: names, header: reader.header, layoutTypes: layoutTypes, options: options)
        var result = IngestResult()
        result.columnTypes = Dictionary(zip(names, types), uniquingKeysWith: { first, _ in first })
        var writerOptions = WriterOptions()
        writerOptions.codec = options.codec
        writerOptions.zstdLevel = options.zstdLevel
        writerOptions.dataPageVersion = options.dataPageVersion
        writerOptions.keyValueMetadata =
            [
                KeyValue(key: "roo.version", value: RooVersion.current),
                KeyValue(key: "roo.ingest.source", value: options.input),
            ]
            + InputDefaults.metadata(layout: options.layout, countryCodes: options.countryCodes)
        let columns = zip(names, types).map { $1.writerColumn(name: $0) }
        let writer: ParquetWriter
        do { writer = try ParquetWriter(path: options.output, columns: columns, options: writerOptions) } catch let
            error as ParquetError
        {
            throw RooError(error)
        }
        let rejects = try options.rejectsPath.map { try RejectsFile(path: $0) }
        let converter = IngestChunkConverter(
            types: types, names: names, moneyFormats: moneyFormats(names: names, types: types, options: options))
        let progress = options.showProgress ? ProgressLine(.bytes(total: ProgressLine.fileBytes([options.input]))) : nil
        do {
            try stream(
                reader, first: chunks, converter: converter, types: types, into: writer, columns: columns,
                writerOptions: writerOptions,
                rejects: rejects, options: options, progress: progress, result: &result)
            // The Parquet file and its rejects appear together, or neither does.
            let finished = try writer.finish()
            try Outputs.commit([finished] + (rejects.map { [$0.finish()] } ?? []))
            progress?.finish()
        } catch let error as ParquetError {
            progress?.stop()
            writer.abort()
            throw RooError(error)
        } catch {
            progress?.stop()
            writer.abort()
            throw error
        }
        result.warnings = IngestWarnings.missingColumns(names: names, output: options.output, layout: options.layout)
        return result
    }

    /// Converts every chunk of `reader` (after `first`, already read) on all
    /// cores and writes full row groups while the next chunks convert; the
    /// progress line gets each round's lines and input bytes.
    private static func stream(
        _ reader: any RecordChunkReader, first: [CSVChunk], converter: IngestChunkConverter, types: [IngestType],
        into writer: ParquetWriter, columns: [WriterColumn], writerOptions: WriterOptions, rejects: RejectsFile?,
        options: IngestOptions, progress: ProgressLine?, result: inout IngestResult
    ) throws {
        var chunks = first
        var pending = PendingRowGroup(types: types)
        let threads = max(1, options.threads)
        let batches = (0..<threads).map { _ in RecordBatch() }
        let parsers = (0..<threads).map { _ in reader.makeParser() }
        // The header and `first` were read before the prefetcher starts.
        let bytesReadBefore = reader.compressedBytesRead
        let prefetcher = ChunkPrefetcher(reader: reader, capacity: 2 * threads)
        prefetcher.start()
        defer { prefetcher.cancel() }
        var exhausted = false
        var bytesCounted = 0
        var ready: [[ColumnData]] = []  // full row groups, in order
        let pipeline = RowGroupPipeline(columns: columns, options: writerOptions)
        while true {
            while !exhausted && chunks.count < threads {
                let chunk: CSVChunk?
                do { chunk = try prefetcher.next() } catch { throw RooError(error) }
                if let chunk { chunks.append(chunk) } else { exhausted = true }
            }
            if chunks.isEmpty { break }
            let outputs = convertInParallel(chunks, converter: converter, parsers: parsers, batches: batches)
            chunks.removeAll(keepingCapacity: true)
            for output in outputs {
                result.linesIn += output.lines
                result.rowsRejected += output.rejects.count
                result.rowsSkipped += output.skipped
                try rejects?.write(output.rejects)
                pending.add(output, ready: &ready, rowGroupRows: options.rowGroupRows)
            }
            let bytesRead = max(bytesReadBefore, prefetcher.bytesRead, bytesCounted)
            progress?.add(bytes: bytesRead - bytesCounted, lines: outputs.reduce(0) { $0 + $1.lines })
            bytesCounted = bytesRead
            // Full row groups are encoded in the background while the next chunks are converted.
            for group in ready { result.rowsWritten += try pipeline.submit(group, writer: writer) }
            ready.removeAll()
            result.rowsWritten += try pipeline.appendFinished(to: writer)
        }
        result.rowsWritten += try pipeline.finish(writer: writer)
        if pending.rows > 0 {
            result.rowsWritten += pending.rows
            try writer.write(pending.columnData())
        }
    }

    /// The type of every output column, the first rule that applies:
    /// `--type` (by output or source name); a canonical money column is
    /// DECIMAL(18, s), s the largest scale of its sample values in the money
    /// format (`TypeInference.moneyScale`) and at least a layout's declared
    /// DECIMAL scale, or the layout's other declared type (Census whole
    /// dollars, INT64); a canonical key is the layout's type or STRING; any
    /// other column the layout's type, else the type inferred from `sample`.
    ///
    /// - Complexity: O(sample bytes).
    static func columnTypes(
        sample: RecordBatch, names: [String], header: [String], layoutTypes: [Layout.ColumnType?],
        options: IngestOptions
    ) -> [IngestType] {
        let inferred = TypeInference.infer(sample, columns: names.count)
        return names.indices.map { index in
            if let forced = options.types[names[index]] ?? options.types[header[index]] { return forced }
            let declared = index < layoutTypes.count ? layoutTypes[index].map(IngestType.init) : nil
            guard let canonical = CanonicalColumn(rawValue: names[index]) else { return declared ?? inferred[index] }
            if canonical.isMoney {
                let seen = TypeInference.moneyScale(
                    sample, column: index, columns: names.count, format: options.moneyFormat)
                switch declared {
                case let .decimal(scale)?: return .decimal(scale: max(scale, seen))
                case let other?: return other  // e.g. Census whole dollars (INT64)
                case nil: return .decimal(scale: seen)
                }
            }
            if canonical.isKey { return declared ?? .string }
            return declared ?? inferred[index]
        }
    }

    /// Per column: the money format for a canonical money column written as
    /// DECIMAL (its text is read as an amount), else nil.
    static func moneyFormats(names: [String], types: [IngestType], options: IngestOptions) -> [MoneyFormat?] {
        zip(names, types).map { name, type in
            guard CanonicalColumn(rawValue: name)?.isMoney == true, case .decimal = type else { return nil }
            return options.moneyFormat
        }
    }

    private static func next(_ reader: any RecordChunkReader) throws -> CSVChunk? {
        do { return try reader.nextChunk() } catch { throw RooError(error) }
    }

    /// The CSV reader, or the layout reader for `--layout`.
    static func openReader(_ options: IngestOptions) throws -> any RecordChunkReader {
        if let layout = options.layout {
            do {
                return try LayoutReader(
                    path: options.input, layout: layout, delimiter: options.delimiter, moneyFormat: options.moneyFormat)
            } catch {
                throw RooError(error)
            }
        }
        do {
            return try CSVReader(path: options.input, dialect: options.delimiter.map { CSVDialect(delimiter: $0) })
        } catch {
            throw RooError(error)
        }
    }

    /// Header names after `--map canonical=source` renames.
    static func outputNames(header: [String], options: IngestOptions) throws -> [String] {
        var names = header
        for canonical in CanonicalColumn.allCases where options.mapping.isExplicit(canonical) {
            let source = options.mapping.source(for: canonical)
            guard let index = header.firstIndex(of: source) else {
                var message = "\(options.input): no column \"\(source)\" for --map \(canonical.rawValue)=\(source)"
                if let suggestion = NameSuggestion.closest(to: source, among: header) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                throw RooError(.usage, message + "; the file's columns: " + header.joined(separator: ", "))
            }
            names[index] = canonical.rawValue
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw RooError(.dataError, "\(options.input): duplicate column name \"\(name)\" in the header")
        }
        return names
    }

    /// Converts `chunks` on all cores at once.
    private static func convertInParallel(
        _ chunks: [CSVChunk], converter: IngestChunkConverter, parsers: [any RecordChunkParser], batches: [RecordBatch]
    ) -> [IngestChunkConverter.Output] {
        nonisolated(unsafe) let batches = batches
        nonisolated(unsafe) let parsers = parsers  // parser and batch i are used by iteration i only
        return ParallelMap.ordered(chunks.count) { index in
            converter.convert(chunks[index], parser: parsers[index], batch: batches[index])
        }
    }
}

/// The rows of the row group being filled: slices of converted chunks, turned
/// into writer columns (one copy) when the row group is full.
struct PendingRowGroup {
    let types: [IngestType]
    var parts: [(columns: [IngestColumnBuilder], range: Range<Int>)] = []
    var rows = 0

    init(types: [IngestType]) { self.types = types }

    /// Adds a converted chunk; every full row group moves to `ready`.
    mutating func add(_ output: IngestChunkConverter.Output, ready: inout [[ColumnData]], rowGroupRows: Int) {
        var start = 0
        while start < output.rows {
            let take = min(rowGroupRows - rows, output.rows - start)
            parts.append((output.columns, start..<(start + take)))
            rows += take
            start += take
            if rows == rowGroupRows {
                ready.append(columnData())
                parts.removeAll()
                rows = 0
            }
        }
    }

    func columnData() -> [ColumnData] {
        types.indices.map { column in
            IngestColumnBuilder.columnData(types[column], parts: parts.map { ($0.columns[column], $0.range) })
        }
    }
}

/// `--rejects FILE`: `line<TAB>reason<TAB>raw text` per rejected line,
/// staged (`OutputFile`) and committed with the Parquet output.
final class RejectsFile {
    private let file: OutputFile

    init(path: String) throws {
        file = try Outputs.open(path)
        try Outputs.write(Array("line\treason\traw\n".utf8), to: file)
    }

    func write(_ rejects: [IngestReject]) throws {
        var lines: [UInt8] = []
        for reject in rejects {
            lines += Array("\(reject.line)\t\(reject.reason.replacing("\t", with: " "))\t".utf8)
            // Keep one reject per line: line breaks inside the raw record are escaped;
            // raw text that starts like a formula gets the guard, as in every delimited file roo writes.
            for byte in DelimitedText.guardedFormula(reject.raw) {
                switch byte {
                case 0x0a: lines += Array("\\n".utf8)
                case 0x0d: lines += Array("\\r".utf8)
                case 0x09: lines += Array("\\t".utf8)
                case UInt8(ascii: "\\"): lines += Array("\\\\".utf8)
                default: lines.append(byte)
                }
            }
            lines.append(0x0a)
        }
        try Outputs.write(lines, to: file)
    }

    /// The finished file, for the caller to commit with the Parquet output.
    func finish() -> OutputFile { file }
}
