import Aggregation
import Customs
import Delimited
import Dispatch
import Layouts
import RooSupport
import Synchronization

/// Converts the chunks of text inputs (CSV, `--layout`) to line blocks and
/// aggregates them: the parser feeds the kernel directly, without an
/// intermediate file. One per worker for the whole run; the input-specific
/// parts (binding, parser) follow the chunk's input.
final class TextChunkWorker {
    // Exclusivity is not checked dynamically on the mutable state below: a
    // worker is used by one thread, and no access to one of them overlaps a
    // mutation of the same one, so the runtime check (several per line in
    // `fill`) would only cost time.

    let context: SummarizeContext
    /// The input of the chunk being filled, and its parser for this worker.
    @exclusivity(unchecked) private var input: TextInput?
    @exclusivity(unchecked) private var parser: (any RecordChunkParser)?
    @exclusivity(unchecked) private var binding: TextInput.Binding
    @exclusivity(unchecked) private var path = ""
    @exclusivity(unchecked) private var columnCount = 0
    @exclusivity(unchecked) private var inputOrder = 0
    let batch = RecordBatch()
    let block = LineBlock()
    let keys: KeyCache
    /// The `--by` breakdown of the block's rows (nil: the detail is the chapter).
    let details: DetailKeys?
    /// How money is written (`--decimal-separator`, `--thousands`).
    let moneyFormat: MoneyFormat
    /// Per-worker caches of the flags of short text values (program,
    /// reporter, rate provision), so the rules run once per distinct value,
    /// not once per line (no String per line).
    @exclusivity(unchecked) private var programFlags = PackedKeyTable(capacity: 64)
    @exclusivity(unchecked) private var reporterFlags = PackedKeyTable(capacity: 16)
    @exclusivity(unchecked) private var provisionFlags = PackedKeyTable(capacity: 64)
    private let originFlags: LineRules.KeyFlags
    private let partnerFlags: LineRules.KeyFlags
    /// What this unit saw, merged once per unit (`Observations`).
    @exclusivity(unchecked) private var observed = Observations.Local()

    init(context: SummarizeContext) {
        self.context = context
        keys = KeyCache(interner: context.interner)
        details = context.details.map(DetailKeys.init)
        binding = TextInput.Binding(columns: [:], fieldIndex: [], sourceKeys: [], dutyFreeByDuty: true, notes: [])
        originFlags = LineRules.KeyFlags(isOrigin: true, convertsCodes: context.interner.convertsCodes)
        partnerFlags = LineRules.KeyFlags(isOrigin: false, convertsCodes: context.interner.convertsCodes)
        moneyFormat = context.options.moneyFormat
    }

    /// Fills the block from `text`'s chunk (unit `unit` of the run), runs
    /// `body` on it, and records what it aggregated.
    func classify(
        _ text: LineSources.TextChunk, unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void
    ) throws {
        if input !== text.input { adopt(text.input) }
        guard let input, let parser else { preconditionFailure("no input adopted") }
        parser.parse(text.chunk, into: batch)
        input.skips.add(parser, records: batch.count)
        block.reset(count: batch.count)
        // Its own storage for the dutiable value, written on every row (0 where the field is empty).
        if binding.fieldIndex[CanonicalColumn.dutiableValue.position] >= 0 {
            block.ownMoney(.dutiable)
            observed.textMeasures.insert(.dutiableValue)
        }
        if binding.fieldIndex[CanonicalColumn.rateProvision.position] >= 0 {
            observed.textMeasures.insert(.eligibility)
        }
        if binding.fieldIndex[CanonicalColumn.program.position] >= 0 { observed.textReadsPrograms = true }
        details?.prepare(rows: batch.count)
        // The fills write through the block's column pointers for this scope only (taken once per chunk).
        try block.withColumns { columns in
            for record in 0..<batch.count { try fill(record, columns) }
            if binding.columns[.duty] == nil {
                columns.dutyStatus.update(repeating: LineBlock.ValueStatus.missing, count: batch.count)
            }
        }
        try details?.combine(into: block)
        block.countsUnmappedCodes = context.interner.convertsCodes
        let configuration = KernelConfiguration(dutyFreeByDuty: binding.dutyFreeByDuty)
        try body(block, configuration)
        context.blockAggregated(
            block, configuration: configuration, observed: &observed, input: inputOrder, unit: unit,
            records: rejectedRecords, example: rejectedLine)
        context.progress?.add(bytes: text.bytes, lines: Int(clamping: block.counts.linesRead))
    }

    /// Takes `input`'s binding and a parser of its own for it.
    private func adopt(_ input: TextInput) {
        self.input = input
        parser = input.makeParser()
        binding = input.binding
        path = input.path
        columnCount = input.columnCount
        inputOrder = input.inputOrder
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
    private func fill(_ row: Int, _ columns: LineBlock.Columns) throws {
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
        flags |= try fillMoney(row, columns)
        if let details { try fillDetails(details, row) }
        if let program = field(.program, row) { flags |= programFlag(program) }
        if let provision = field(.rateProvision, row) {
            let freeByRule = context.options.dutyFreeBy == .rateProvision
            flags |= LineRules.cachedFlag(provision, in: &provisionFlags) {
                LineRules.rateProvisionFlags(text: $0, freeByRule: freeByRule)
            }
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
            flags |= observed.periodFlag(month, rules: context.rules)
        }
        columns.flags[row] = flags
    }

    /// The `--by` components of row `row` (fields absent or empty keep id 0, missing).
    private func fillDetails(_ details: DetailKeys, _ row: Int) throws {
        if let hs = field(.hsCode, row) {
            details.set(0, row, try details.hsID(text: hs, padOddLength: context.options.padHS))
        }
        if let index = details.periodIndex, let period = field(.period, row) {
            details.set(index, row, try details.periodID(month: PeriodText.month(text: period)))
        }
        if let index = details.programIndex, let program = field(.program, row) {
            details.set(index, row, try details.programID(program))
        }
        if let index = details.reporterIndex, let reporter = field(.reporter, row) {
            details.set(index, row, try details.reporterID(reporter, convert: context.alpha2))
        }
        if let index = details.channelIndex, let provision = field(.rateProvision, row) {
            details.set(index, row, details.channelID(rateProvision: provision))
        }
        for key in binding.sourceKeys {
            details.set(key.component, row, try details.sourceKeyID(key.component, batch.field(row, key.field)))
        }
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
    private func fillMoney(_ row: Int, _ columns: LineBlock.Columns) throws -> UInt8 {
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
        if columns.dutiableMask != 0 {
            // An empty or non-numeric dutiable value reads as 0 (it has no status of its own).
            let amount = field(.dutiableValue, row)
            columns.dutiable[row] = try amount.flatMap { try money(.dutiableValue, $0, row) } ?? 0
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
