import Aggregation
import Customs
import Delimited
import Dispatch
import Layouts

/// `roo summarize` over CSV input: the CSV parser feeds the
/// kernel directly, without an intermediate file. Chunks are read in order,
/// `threads` at a time, each converted to a `LineBlock` and aggregated as one
/// work unit with the chosen strategy.
struct CSVSummarizer {
    let context: SummarizeContext

    /// Canonical column → field index, from the header and `--map`.
    struct Binding {
        let columns: [CanonicalColumn: Int]
        let dutyFreeByDuty: Bool
        /// Notes on optional columns left unmapped that a header looks like.
        let notes: [String]
    }

    func bind(header: [String], path: String) throws -> Binding {
        let bound = try FileBinding.bind(names: header, options: context.options, path: path)
        return Binding(columns: bound.indices, dutyFreeByDuty: bound.dutyFreeByDuty, notes: bound.notes)
    }

    /// Aggregates the text file at `path` (CSV, or `--layout`) into `total`;
    /// `inputOrder` is its position in the expanded input list (orders the
    /// rejects).
    ///
    /// - Returns: the records the layout skipped (malformed, or dropped by
    ///   its keep rule), and the binding's notes.
    func run(path: String, inputOrder: Int, into total: PartialAggregate) throws -> (skips: LayoutSkips, notes: [String]) {
        let reader: any RecordChunkReader
        if let layout = context.options.layout {
            do {
                reader = try LayoutReader(path: path, layout: layout, moneyFormat: context.options.moneyFormat)
            } catch {
                throw IngestEngine.rooError(error)
            }
        } else {
            do { reader = try CSVReader(path: path) } catch { throw IngestEngine.rooError(error) }
        }
        // Summarize needs the canonical columns of a layout only.
        let header = (reader as? LayoutReader).map { Array($0.header.prefix($0.canonicalColumnCount)) } ?? reader.header
        let binding = try bind(header: header, path: path)
        let skips = LayoutSkips(meaning: context.options.layout?.keep?.meaning)
        let threads = context.options.strategy == .serial ? 1 : max(1, context.options.threads)
        var exhausted = false
        var chunksBefore = 0
        var bytesCounted = 0
        while !exhausted {
            var chunks: [CSVChunk] = []
            while chunks.count < threads {
                let chunk: CSVChunk?
                do { chunk = try reader.nextChunk() } catch { throw IngestEngine.rooError(error) }
                guard let chunk else {
                    exhausted = true
                    break
                }
                chunks.append(chunk)
            }
            if chunks.isEmpty { break }
            let units = chunks
            let columnCount = header.count
            let origin = (file: inputOrder, firstSequence: chunksBefore)
            // Workers only call makeParser, which reads the reader's immutable layout plan or dialect.
            nonisolated(unsafe) let reader = reader
            let plan = AggregationPlan(unitCount: units.count) { [context] in
                CSVSummarizeWorker(
                    context: context, binding: binding, chunks: units, parser: CSVSummarizer.parser(reader), path: path,
                    columnCount: columnCount, origin: origin, skips: skips)
            }
            let partial = try context.options.strategy.run(plan, threads: threads)
            total.merge(partial)
            chunksBefore += units.count
            bytesCounted = report(partial, reader: reader, bytesCounted: bytesCounted)
        }
        if let layout = context.options.layout { try skips.requireSomeRecord(path: path, layout: layout.name) }
        return (skips, binding.notes)
    }

    /// Adds the lines of one round of chunks, and the input bytes read since
    /// the last round, to the progress line (once per round, never per line).
    ///
    /// - Returns: the input bytes counted so far.
    private func report(_ partial: PartialAggregate, reader: any RecordChunkReader, bytesCounted: Int) -> Int {
        guard let progress = context.progress else { return bytesCounted }
        let bytesRead = reader.compressedBytesRead
        progress.add(bytes: max(0, bytesRead - bytesCounted), lines: Int(clamping: partial.counts.linesRead))
        return max(bytesRead, bytesCounted)
    }

    /// A parser for one worker; layout records that are malformed are left
    /// out and counted (they are never lines, as in `roo ingest`).
    static func parser(_ reader: any RecordChunkReader) -> any RecordChunkParser {
        (reader as? LayoutReader)?.makeParser(droppingMalformed: true, canonicalOnly: true) ?? reader.makeParser()
    }
}

/// Converts CSV chunks to line blocks and aggregates them.
final class CSVSummarizeWorker: WorkUnitProcessor {
    let context: SummarizeContext
    let binding: CSVSummarizer.Binding
    let chunks: [CSVChunk]
    let parser: any RecordChunkParser
    let path: String
    let columnCount: Int
    /// The input's position and the sequence number of `chunks[0]` (orders the rejects).
    let origin: (file: Int, firstSequence: Int)
    let batch = RecordBatch()
    let block = LineBlock()
    let keys: KeyCache
    /// How money is written (`--decimal-separator`, `--thousands`).
    let moneyFormat: MoneyFormat
    private var programFlags: [UInt64: UInt8] = [:]
    /// What this unit saw, merged once per unit (`Observations`).
    private var observed = Observations.Local()

    private let skips: LayoutSkips

    init(
        context: SummarizeContext, binding: CSVSummarizer.Binding, chunks: [CSVChunk], parser: any RecordChunkParser, path: String,
        columnCount: Int, origin: (file: Int, firstSequence: Int), skips: LayoutSkips
    ) {
        self.origin = origin
        self.skips = skips
        self.parser = parser
        self.context = context
        self.binding = binding
        self.chunks = chunks
        self.path = path
        self.columnCount = columnCount
        keys = KeyCache(interner: context.interner)
        moneyFormat = context.options.moneyFormat
    }

    func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
        parser.parse(chunks[unit], into: batch)
        skips.add(parser, records: batch.count)
        block.reset(count: batch.count)
        for record in 0..<batch.count { try fill(record) }
        if binding.columns[.duty] == nil { block.dutyStatus.update(repeating: LineBlock.ValueStatus.missing, count: batch.count) }
        block.countsUnmappedCodes = context.interner.convertsCodes
        let configuration = KernelConfiguration(dutyFreeByDuty: binding.dutyFreeByDuty)
        try body(block, configuration)
        context.observations.merge(observed)
        observed = Observations.Local()
        if block.counts.linesRejected > 0 {
            let rejected = Kernel.rejectedRows(block, configuration: configuration)
            if let rejects = context.rejects {
                rejects.add(file: origin.file, sequence: origin.firstSequence + unit, records: rejectedRecords(rejected))
            }
            recordExamples(rejected, unit: unit)
        }
    }

    /// Keeps the first rejected line of each reason (in input order) as the warning's example.
    private func recordExamples(_ rejected: [RejectedRow], unit: Int) {
        var first: [RejectionReason: Int] = [:]
        for line in rejected where first[line.reason] == nil { first[line.reason] = line.row }
        for (reason, row) in first {
            let order = (input: origin.file, unit: origin.firstSequence + unit, row: row)
            guard context.observations.wantsExample(reason, at: order) else { continue }
            let value = field(reason.column, row).map { KeyText.display(Array($0)) } ?? ""
            context.observations.example(reason, Observations.Example(
                order: order, location: "\(path): line \(batch.lineNumber(row))", column: context.options.mapping.source(for: reason.column), value: value))
        }
    }

    /// The `--rejects` records of `rejected`: line numbers and raw field text.
    private func rejectedRecords(_ rejected: [RejectedRow]) -> [UInt8] {
        var out: [UInt8] = []
        for line in rejected {
            let values = RejectsLog.valueColumns.map { canonical -> (bytes: [UInt8]?, isText: Bool) in
                (field(canonical, line.row).map { Array($0) }, true)
            }
            RejectsLog.appendRecord(file: path, rowGroup: nil, row: batch.lineNumber(line.row), reason: line.reason, values: values, to: &out)
        }
        return out
    }

    private func field(_ canonical: CanonicalColumn, _ record: Int) -> UnsafeRawBufferPointer? {
        guard let index = binding.columns[canonical] else { return nil }
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
            throw RooError(.dataError, "\(path): line \(batch.lineNumber(row)): \(canonical.rawValue) \(KeyText.display(Array(text))) does not fit Int64 cents")
        }
    }

    private func fill(_ row: Int) throws {
        if let malformation = batch.malformation(row) {
            throw RooError(.dataError, "\(path): line \(batch.lineNumber(row)): malformed CSV record: \(malformation)")
        }
        guard batch.fieldCount(row) == columnCount else {
            throw RooError(.dataError, "\(path): line \(batch.lineNumber(row)): expected \(Plural.count(columnCount, "field")), found \(batch.fieldCount(row))")
        }
        var flags: UInt8 = 0
        if let origin = field(.origin, row) {
            let code = try keys.code(raw: origin)
            if code & KeyInterner.regionBit != 0 { flags |= LineBlock.Flag.originInRegion }
            if code & KeyInterner.unmappedBit != 0 { flags |= LineBlock.Flag.unmappedCode }
            block.origin[row] = code & KeyInterner.idMask
        }
        if let partner = field(.partner, row) {
            let code = try keys.code(raw: partner)
            if code & KeyInterner.unmappedBit != 0 { flags |= LineBlock.Flag.unmappedCode }
            block.partner[row] = code & KeyInterner.idMask
        }
        if let hs = field(.hsCode, row) {
            let (chapter, isOdd) = HSChapter.chapter(text: hs, padOddLength: context.options.padHS)
            block.chapter[row] = chapter
            if isOdd {
                flags |= LineBlock.Flag.oddHSCode
                observed.oddHS(hs)
                block.countsOddHSCodes = true
            }
        }
        if let value = field(.customsValue, row) {
            if let cents = try money(.customsValue, value, row) { block.value[row] = cents } else { block.valueStatus[row] = LineBlock.ValueStatus.invalid }
        } else {
            block.valueStatus[row] = LineBlock.ValueStatus.missing
        }
        if let duty = field(.duty, row), let cents = try money(.duty, duty, row) {
            block.duty[row] = cents
        } else {
            block.dutyStatus[row] = LineBlock.ValueStatus.missing
        }
        if let amount = field(.nonOriginatingValue, row), let cents = try money(.nonOriginatingValue, amount, row) {
            block.nonOriginating[row] = cents
            flags |= LineBlock.Flag.hasNonOriginating
        }
        if let program = field(.program, row) { flags |= programFlag(program) }
        if context.options.dutyFreeBy == .rateProvision, let provision = field(.rateProvision, row),
           let code = Int(SummarizeWorker.trimmed(provision)), (10...19).contains(code) {
            flags |= LineBlock.Flag.freeByRule
        }
        if context.reporter != nil {
            let reporter = field(.reporter, row)
            if let key = reporter.flatMap(CountryKey.normalize) { observed.reporter(key) }
            if !(reporter.map(context.isReporter) ?? false) { flags |= LineBlock.Flag.filtered }
        }
        let hasPeriod = binding.columns[.period] != nil
        let month = hasPeriod ? field(.period, row).flatMap(PeriodText.month(text:)) : nil
        if let month { observed.textMonth(month) } else if !hasPeriod { observed.textWithoutPeriod = true }
        if context.options.from != nil || context.options.to != nil {
            if let month { observed.month(month) }
            if month.map({ $0 < (context.options.from ?? Int.min) || $0 > (context.options.to ?? Int.max) }) ?? true {
                flags |= LineBlock.Flag.filtered
            }
        }
        block.flags[row] = flags
    }

    /// Preference / duty-free-program flags of a program code, cached by its raw bytes.
    private func programFlag(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        var packed: UInt64 = UInt64(bytes.count)
        if bytes.count <= 7 {
            for byte in bytes { packed = packed << 8 | UInt64(byte) }
            if let hit = programFlags[packed] { return hit }
        }
        let text = SummarizeWorker.trimmed(bytes)
        observed.program(Array(text.utf8))
        var flags: UInt8 = 0
        if context.preferencePrograms.contains(text) { flags |= LineBlock.Flag.preferenceClaimed }
        if context.dutyFreePrograms.contains(text) { flags |= LineBlock.Flag.freeByRule }
        if bytes.count <= 7 { programFlags[packed] = flags }
        return flags
    }
}
