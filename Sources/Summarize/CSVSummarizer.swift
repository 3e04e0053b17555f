import Aggregation
import Customs
import Delimited
import Dispatch
import Layouts
import RooSupport
import Synchronization

/// `roo summarize` over CSV and layout input: the parser feeds the kernel
/// directly, without an intermediate file. Each chunk of whole records is a
/// work unit of the chosen strategy, read when a worker claims it (so
/// reading overlaps aggregation), converted to a `LineBlock` by one of
/// `threads` workers that live for the whole file.
struct CSVSummarizer {
    let context: SummarizeContext

    /// Canonical column → field index, from the header and `--map`.
    struct Binding {
        let columns: [CanonicalColumn: Int]
        /// `columns` as an array by `CanonicalColumn.allCases` position (-1 = not bound):
        /// read per field of every line, so no hashing.
        let fieldIndex: [Int]
        let dutyFreeByDuty: Bool
        /// Notes on optional columns left unmapped that a header looks like.
        let notes: [String]
    }

    func bind(header: [String], path: String) throws -> Binding {
        let bound = try FileBinding.bind(names: header, options: context.options, path: path)
        let fieldIndex = CanonicalColumn.allCases.map { bound.indices[$0] ?? -1 }
        return Binding(
            columns: bound.indices, fieldIndex: fieldIndex, dutyFreeByDuty: bound.dutyFreeByDuty, notes: bound.notes)
    }

    /// Aggregates the text file at `path` (CSV, or `--layout`) into `total`;
    /// `inputOrder` is its position in the expanded input list (orders the
    /// rejects).
    ///
    /// - Returns: the records the layout skipped (malformed, or dropped by
    ///   its keep rule), and the binding's notes.
    func run(path: String, inputOrder: Int, into total: PartialAggregate) throws -> (
        skips: LayoutSkips, notes: [String]
    ) {
        let reader: any RecordChunkReader
        if let layout = context.options.layout {
            do {
                reader = try LayoutReader(path: path, layout: layout, moneyFormat: context.options.moneyFormat)
            } catch {
                throw RooError(error)
            }
        } else {
            do { reader = try CSVReader(path: path) } catch { throw RooError(error) }
        }
        // Summarize needs the canonical columns of a layout only.
        let header = (reader as? LayoutReader).map { Array($0.header.prefix($0.canonicalColumnCount)) } ?? reader.header
        let binding = try bind(header: header, path: path)
        let skips = LayoutSkips(meaning: context.options.layout?.keep?.meaning)
        let threads = context.options.strategy == .serial ? 1 : max(1, context.options.threads)
        let feed = ChunkFeed(reader: reader)
        let columnCount = header.count
        let plan = AggregationPlan(units: WorkUnits(reading: { try feed.read($0) })) { [context] in
            CSVSummarizeWorker(
                context: context, binding: binding, feed: feed, parser: feed.makeParser(), path: path,
                columnCount: columnCount, inputOrder: inputOrder, skips: skips)
        }
        total.merge(try context.options.strategy.run(plan, threads: threads))
        if let layout = context.options.layout { try skips.requireSomeRecord(path: path, layout: layout.name) }
        return (skips, binding.notes)
    }

}

/// The chunks of one text input, read in order by the claiming worker
/// (`WorkUnits(reading:)` calls `read` one at a time, under its lock) and
/// taken by the worker that aggregates them. At most one chunk per worker
/// is held.
final class ChunkFeed: @unchecked Sendable {
    // @unchecked Sendable: `reader` is used only inside `read`, which
    // `WorkUnits` serializes; `ready` is behind its mutex; `makeParser`
    // reads the reader's immutable dialect or layout plan.
    private let reader: any RecordChunkReader
    private let ready = Mutex<[Int: (chunk: CSVChunk, bytes: Int)]>([:])
    private var bytesCounted = 0

    init(reader: any RecordChunkReader) { self.reader = reader }

    /// Reads chunk `index` (the next one); false at the end of the input.
    ///
    /// - Throws: the reader's error as a `RooError` (malformed input, I/O).
    func read(_ index: Int) throws -> Bool {
        let chunk: CSVChunk?
        do { chunk = try reader.nextChunk() } catch { throw RooError(error) }
        guard let chunk else { return false }
        // The input bytes read since the previous chunk go to the progress line with it.
        let bytesRead = max(reader.compressedBytesRead, bytesCounted)
        let bytes = bytesRead - bytesCounted
        bytesCounted = bytesRead
        ready.withLock { $0[index] = (chunk, bytes) }
        return true
    }

    /// The chunk `index` read before, handed over once.
    ///
    /// - Precondition: `read(index)` returned true and `take(index)` was not called.
    func take(_ index: Int) -> (chunk: CSVChunk, bytes: Int) {
        guard let taken = ready.withLock({ $0.removeValue(forKey: index) }) else {
            preconditionFailure("chunk \(index) was not read")
        }
        return taken
    }

    /// A parser for one worker; layout records that are malformed are left
    /// out and counted (they are never lines, as in `roo ingest`).
    func makeParser() -> any RecordChunkParser {
        (reader as? LayoutReader)?.makeParser(droppingMalformed: true, canonicalOnly: true) ?? reader.makeParser()
    }
}

/// Converts CSV chunks to line blocks and aggregates them.
final class CSVSummarizeWorker: WorkUnitProcessor {
    let context: SummarizeContext
    let binding: CSVSummarizer.Binding
    let feed: ChunkFeed
    let parser: any RecordChunkParser
    let path: String
    let columnCount: Int
    /// The input's position in the expanded input list (with the chunk's index, orders the rejects).
    let inputOrder: Int
    let batch = RecordBatch()
    let block = LineBlock()
    let keys: KeyCache
    /// How money is written (`--decimal-separator`, `--thousands`).
    let moneyFormat: MoneyFormat
    /// Per-worker caches of the flags of short text values (program,
    /// reporter, rate provision), so the rules run once per distinct value,
    /// not once per line (no String per line).
    private var programFlags = PackedKeyTable(capacity: 64)
    private var reporterFlags = PackedKeyTable(capacity: 16)
    private var provisionFlags = PackedKeyTable(capacity: 64)
    /// The block's columns, taken once per chunk after the block is reset
    /// (no class property access per line).
    private var columns: LineBlock.Columns
    private let originFlags: LineRules.KeyFlags
    private let partnerFlags: LineRules.KeyFlags
    /// What this unit saw, merged once per unit (`Observations`).
    private var observed = Observations.Local()

    private let skips: LayoutSkips

    init(
        context: SummarizeContext, binding: CSVSummarizer.Binding, feed: ChunkFeed, parser: any RecordChunkParser,
        path: String,
        columnCount: Int, inputOrder: Int, skips: LayoutSkips
    ) {
        self.inputOrder = inputOrder
        self.skips = skips
        self.parser = parser
        self.context = context
        self.binding = binding
        self.feed = feed
        self.path = path
        self.columnCount = columnCount
        keys = KeyCache(interner: context.interner)
        columns = block.columns
        originFlags = LineRules.KeyFlags(isOrigin: true, convertsCodes: context.interner.convertsCodes)
        partnerFlags = LineRules.KeyFlags(isOrigin: false, convertsCodes: context.interner.convertsCodes)
        moneyFormat = context.options.moneyFormat
    }

    func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
        let (chunk, bytes) = feed.take(unit)
        parser.parse(chunk, into: batch)
        skips.add(parser, records: batch.count)
        block.reset(count: batch.count)
        columns = block.columns
        for record in 0..<batch.count { try fill(record) }
        if binding.columns[.duty] == nil {
            block.dutyStatus.update(repeating: LineBlock.ValueStatus.missing, count: batch.count)
        }
        block.countsUnmappedCodes = context.interner.convertsCodes
        let configuration = KernelConfiguration(dutyFreeByDuty: binding.dutyFreeByDuty)
        try body(block, configuration)
        context.blockAggregated(
            block, configuration: configuration, observed: &observed, input: inputOrder, unit: unit,
            records: rejectedRecords, example: rejectedLine)
        context.progress?.add(bytes: bytes, lines: Int(clamping: block.counts.linesRead))
    }

    /// A rejected line for the warning's example: its line number and the raw field at fault.
    private func rejectedLine(_ reason: RejectionReason, _ row: Int) -> SummarizeContext.RejectedLineText {
        let value = field(reason.column, row).map { KeyText.display(Array($0)) } ?? ""
        return ("\(path): line \(batch.lineNumber(row))", context.options.mapping.source(for: reason.column), value)
    }

    /// The `--rejects` records of `rejected`: line numbers and raw field text.
    private func rejectedRecords(_ rejected: [RejectedRow]) -> [UInt8] {
        var out: [UInt8] = []
        for line in rejected {
            let values = RejectsLog.valueColumns.map { canonical -> (bytes: [UInt8]?, isText: Bool) in
                (field(canonical, line.row).map { Array($0) }, true)
            }
            RejectsLog.appendRecord(
                file: path, rowGroup: nil, row: batch.lineNumber(line.row), reason: line.reason, values: values,
                to: &out)
        }
        return out
    }

    private func field(_ canonical: CanonicalColumn, _ record: Int) -> UnsafeRawBufferPointer? {
        let index = binding.fieldIndex[canonical.position]
        guard index >= 0 else { return nil }
        let value = batch.field(record, index)
        return value.isEmpty ? nil : value
    }

    /// Money text → cents (`moneyFormat`); nil when it is not a number.
    ///
    /// - Throws: `RooError(.dataError)` for a number beyond Int64 cents (as in Parquet input).
    /// - Complexity: O(text length), no allocation unless it throws.
    private func money(_ canonical: CanonicalColumn, _ text: UnsafeRawBufferPointer, _ row: Int) throws -> Int64? {
        switch Cents.parse(text: text, format: moneyFormat) {
        case let .cents(cents): return cents
        case .invalid: return nil
        case .overflow:
            throw RooError(
                .dataError,
                "\(path): line \(batch.lineNumber(row)): \(canonical.rawValue) \(KeyText.display(Array(text))) does "
                    + "not fit Int64 cents"
            )
        }
    }

    /// Writes row `row` of the block from record `row` of the batch.
    ///
    /// Safe because: `classify` reset the block to `batch.count` rows and
    /// calls this for `row < batch.count` only; each record has been checked
    /// to hold `columnCount` fields before a field is read.
    private func fill(_ row: Int) throws {
        try checkRecord(row)
        var flags: UInt8 = 0
        if let origin = field(.origin, row) {
            let code = try keys.code(raw: origin)
            flags |= originFlags.flags(code)
            columns.origin[row] = code & KeyInterner.idMask
        }
        if let partner = field(.partner, row) {
            let code = try keys.code(raw: partner)
            flags |= partnerFlags.flags(code)
            columns.partner[row] = code & KeyInterner.idMask
        }
        if let hs = field(.hsCode, row) {
            let (chapter, isOdd) = HSChapter.chapter(text: hs, padOddLength: context.options.padHS)
            columns.chapter[row] = chapter
            if isOdd {
                flags |= LineBlock.Flag.oddHSCode
                observed.oddHS(hs)
                block.countsOddHSCodes = true
            }
        }
        flags |= try fillMoney(row)
        if let program = field(.program, row) { flags |= programFlag(program) }
        if context.options.dutyFreeBy == .rateProvision, let provision = field(.rateProvision, row) {
            flags |= LineRules.cachedFlag(provision, in: &provisionFlags) { LineRules.rateProvisionFlag(text: $0) }
        }
        if context.reporter != nil {
            if let reporter = field(.reporter, row) {
                flags |= LineRules.cachedFlag(reporter, in: &reporterFlags) { raw in
                    if let key = CountryKey.normalize(raw) { observed.reporter(key) }
                    return context.reporterFlag(raw)
                }
            } else {
                flags |= context.reporterFlag(nil)
            }
        }
        let hasPeriod = binding.fieldIndex[CanonicalColumn.period.position] >= 0
        let month = hasPeriod ? field(.period, row).flatMap(PeriodText.month(text:)) : nil
        if let month { observed.textMonth(month) } else if !hasPeriod { observed.textWithoutPeriod = true }
        if context.rules.months != nil {
            if let month { observed.month(month) }
            flags |= context.rules.periodFlag(month: month)
        }
        columns.flags[row] = flags
    }

    /// Refuses a record that is not well-formed CSV or has the wrong field count.
    ///
    /// - Throws: `RooError(.dataError)` naming the file and line.
    @inline(__always)
    private func checkRecord(_ row: Int) throws {
        if let malformation = batch.malformation(row) {
            throw RooError(.dataError, "\(path): line \(batch.lineNumber(row)): malformed CSV record: \(malformation)")
        }
        guard batch.fieldCount(row) == columnCount else {
            throw RooError(
                .dataError,
                "\(path): line \(batch.lineNumber(row)): expected \(Plural.count(columnCount, "field")), found "
                    + "\(batch.fieldCount(row))"
            )
        }
    }

    /// Writes the money columns of row `row` (value, duty, non-originating
    /// value) and their statuses; returns the flag a declared
    /// non-originating value sets.
    ///
    /// Safe because: as for `fill`, `row < batch.count` and the record holds `columnCount` fields.
    @inline(__always)
    private func fillMoney(_ row: Int) throws -> UInt8 {
        if let value = field(.customsValue, row) {
            if let cents = try money(.customsValue, value, row) {
                columns.value[row] = cents
            } else {
                columns.valueStatus[row] = LineBlock.ValueStatus.invalid
            }
        } else {
            columns.valueStatus[row] = LineBlock.ValueStatus.missing
        }
        if let duty = field(.duty, row), let cents = try money(.duty, duty, row) {
            columns.duty[row] = cents
        } else {
            columns.dutyStatus[row] = LineBlock.ValueStatus.missing
        }
        if let amount = field(.nonOriginatingValue, row), let cents = try money(.nonOriginatingValue, amount, row) {
            columns.nonOriginating[row] = cents
            return LineBlock.Flag.hasNonOriginating
        }
        return 0
    }

    /// Preference / duty-free-program flags of a program code, cached by its raw bytes.
    private func programFlag(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        LineRules.cachedFlag(bytes, in: &programFlags) { raw in
            let text = LineRules.trimmed(raw)
            observed.program(Array(text.utf8))
            return context.rules.programFlags(trimmed: text)
        }
    }
}
