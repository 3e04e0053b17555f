import Aggregation
import Customs
import Parquet
import RooSupport

/// One worker of `roo summarize`: decodes the bound columns of a work unit
/// (one row group of one file) into reused batches, converts them into a
/// `LineBlock` of integer codes, and runs the kernel.
package final class SummarizeWorker: WorkUnitProcessor {
    let context: SummarizeContext
    let decoder = ColumnChunkDecoder()
    /// Batches of money columns in cents, which the block borrows (no copy):
    /// each must outlive the other columns' decodes.
    private var moneyBatches: [CanonicalColumn: ColumnBatch] = [:]
    /// The batch every other column is decoded into in turn.
    private let sharedBatch = ColumnBatch()
    /// The batch of the column being filled.
    private(set) var batch: ColumnBatch
    let block = LineBlock()
    let keys: KeyCache
    /// The `--by` breakdown of the block's rows (nil: the detail is the chapter).
    let details: DetailKeys?
    /// Per dictionary entry codes (reused scratch).
    var entryCodes: [UInt32] = []
    var entryFlags: [UInt8] = []
    /// Raw values of rejected lines (`--rejects`, and the first line of each reason for the warning).
    private lazy var rejectedLines = ParquetRejectedLines()
    /// What this unit saw (programs, reporters, months, odd HS codes), merged once per unit.
    var observed = Observations.Local()
    /// Per dictionary entry: whether its HS code has odd length (reused scratch).
    var entryOdd: [Bool] = []

    package init(context: SummarizeContext) {
        self.context = context
        keys = KeyCache(interner: context.interner)
        details = context.details.map(DetailKeys.init)
        batch = sharedBatch
    }

    /// The batch to decode `canonical` into: its own when the block may borrow it.
    private func batch(for canonical: CanonicalColumn, kind: SourceKind) -> ColumnBatch {
        guard case .decimalInt(2) = kind, canonical.isMoney else { return sharedBatch }
        if let existing = moneyBatches[canonical] { return existing }
        let created = ColumnBatch()
        moneyBatches[canonical] = created
        return created
    }

    package func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
        let work = context.units[unit]
        let (fileIndex, rowGroup) = (work.file, work.rowGroup)
        let binding = context.bindings[fileIndex]
        let rows = work.rows?.count ?? Int(binding.file.metadata.rowGroups[rowGroup].numRows)
        let columns = binding.columns.sorted(by: { $0.key.rawValue < $1.key.rawValue }).filter {
            context.isNeeded($0.key, binding: binding)
        }
        if work.rows == nil {
            // The pages must hold the rows the footer declares before a block of that size is allocated.
            for index in columns.map(\.value.index) + binding.sourceKeys.map(\.index) {
                do {
                    _ = try ColumnChunkDecoder.verifiedValueCount(binding.file, rowGroup: rowGroup, column: index)
                } catch let error as ParquetError {
                    throw RooError(error)
                }
            }
        }
        // Origin, partner and HS code are bound in every file (required
        // columns) and their fills write every row.
        block.prepare(count: rows, clearingKeys: false)
        details?.prepare(rows: rows)
        // The fills write through the block's column pointers for this scope only.
        try block.withColumns { blockColumns in
            for (canonical, bound) in columns {
                batch = batch(for: canonical, kind: bound.kind)
                try decode(bound.index, binding: binding, rowGroup: rowGroup, rows: work.rows, count: rows)
                try fill(canonical, kind: bound.kind, binding: binding, rowGroup: rowGroup, into: blockColumns)
            }
        }
        for key in binding.sourceKeys {
            batch = sharedBatch
            try decode(key.index, binding: binding, rowGroup: rowGroup, rows: work.rows, count: rows)
            try batch.withView { try details?.fillSourceKey(key.component, kind: key.kind, $0) }
        }
        try details?.combine(into: block)
        block.ownUnboundMoney()  // columns the file lacks (or fills that copied)
        block.countsUnmappedCodes = context.interner.convertsCodes
        if !binding.dutyFreeByDuty, binding.columns[.duty] == nil {
            // No duty column: the duty measure is 0 and never decides.
            block.withColumns { $0.dutyStatus.update(repeating: LineBlock.ValueStatus.missing, count: rows) }
        }
        let configuration = KernelConfiguration(dutyFreeByDuty: binding.dutyFreeByDuty)
        try body(block, configuration)
        try context.blockAggregated(
            block, configuration: configuration, observed: &observed, input: context.inputOrder[fileIndex], unit: unit,
            records: { try rejectedLines.render($0, binding: binding, rowGroup: rowGroup, rows: work.rows) },
            example: { try rejectedLine($0, $1, binding: binding, rowGroup: rowGroup, rows: work.rows) })
        if work.rows == nil { releasePages(binding, rowGroup: rowGroup) }
        context.progress?.add(bytes: context.unitBytes[unit], lines: rows)
    }

    /// Decodes leaf column `column` of the unit into `batch`.
    ///
    /// - Throws: `RooError` for a malformed chunk, or one that holds other than `count` values.
    private func decode(_ column: Int, binding: FileBinding, rowGroup: Int, rows: Range<Int>?, count: Int) throws {
        do {
            try decoder.decode(binding.file, rowGroup: rowGroup, column: column, rows: rows, into: batch)
        } catch let error as ParquetError {
            throw RooError(error)
        }
        guard batch.rowCount == count else {
            throw RooError(
                .dataError,
                "\(binding.file.path): row group \(rowGroup), column \"\(batch.column?.name ?? "")\": "
                    + "\(Plural.count(batch.rowCount, "value")) for \(Plural.count(count, "row"))"
            )
        }
    }

    /// A rejected line for the warning's example: its row and the raw value of the column at fault.
    private func rejectedLine(
        _ reason: RejectionReason, _ row: Int, binding: FileBinding, rowGroup: Int, rows: Range<Int>?
    ) throws -> SummarizeContext.RejectedLineText {
        let value = try rejectedLines.rawValue(
            reason.column, row: row, binding: binding, rowGroup: rowGroup, rows: rows)
        let location = "\(binding.file.path): row group \(rowGroup), row \((rows?.lowerBound ?? 0) + row)"
        let column =
            binding.columns[reason.column].map { binding.file.schema.columns[$0.index].name }
            ?? context.options.mapping.source(for: reason.column)
        return (location, column, value)
    }

    /// Drops the unit's column chunk pages from the resident set: each row
    /// group is read once, so RSS stays flat in the file size.
    private func releasePages(_ binding: FileBinding, rowGroup: Int) {
        let group = binding.file.metadata.rowGroups[rowGroup]
        for index in binding.columnIndices {
            guard let meta = group.columns[index].metaData else { continue }
            let start = Int(clamping: ColumnChunkDecoder.firstPageOffset(meta))
            binding.file.mapping.discard(offset: start, length: Int(clamping: meta.totalCompressedSize))
        }
    }

    private func fill(
        _ canonical: CanonicalColumn, kind: SourceKind, binding: FileBinding, rowGroup: Int,
        into columns: LineBlock.Columns
    ) throws {
        let location = { "\(binding.file.path): row group \(rowGroup), column \"\(self.batch.column?.name ?? "")\"" }
        // The view of the decoded batch, for this fill only (valid until the batch is decoded into again).
        try batch.withView { view in
            switch canonical {
            case .origin: try fillKeys(kind: kind, view, columns, regionFlag: true)
            case .partner: try fillKeys(kind: kind, view, columns, regionFlag: false)
            case .hsCode:
                fillChapters(kind: kind, view, columns)
                try details?.fillHS(kind: kind, view, options: context.options)
            case .customsValue: try fillMoney(kind: kind, target: .value, view, columns, location: location)
            case .duty: try fillMoney(kind: kind, target: .duty, view, columns, location: location)
            case .nonOriginatingValue:
                try fillMoney(kind: kind, target: .nonOriginating, view, columns, location: location)
            case .dutiableValue: try fillMoney(kind: kind, target: .dutiable, view, columns, location: location)
            case .program: try fillPrograms(view, columns)
            case .reporter: try fillReporterFilter(view, columns)
            case .period: try fillPeriodFilter(kind: kind, view, columns)
            case .rateProvision:
                fillRateProvision(kind: kind, view, columns)
                try details?.fillChannel(kind: kind, view)
            }
        }
    }
}

/// What the workers share: bindings, work units, interner, settings.
package final class SummarizeContext: Sendable {
    package let bindings: [FileBinding]
    /// One work unit: a row group, or a row range of one (small units for `work-queue`).
    package struct Unit: Sendable {
        package var file: Int
        package var rowGroup: Int
        var rows: Range<Int>?
    }

    package let units: [Unit]
    /// Compressed bytes each unit reads (its share of the column chunks), for progress.
    let unitBytes: [Int]
    /// The progress line: the Parquet units' bytes plus the text inputs' file sizes.
    let progress: ProgressLine?
    /// `--rejects`: where rejected lines are recorded.
    let rejects: RejectsLog?
    /// Each binding's position in the expanded input list (orders the rejects).
    let inputOrder: [Int]
    let interner: KeyInterner
    /// The cell details of `--by` (nil when the detail is the chapter alone).
    let details: DetailInterner?
    let options: SummarizeOptions
    /// The per-value classification rules, shared by every kind of input.
    let rules: LineRules
    let reporter: [UInt8]?
    /// Lines for stderr about how the options were read (a region recognized as a bloc).
    let notes: [String]
    /// What the run saw besides its sums, for the warnings (`RunWarnings`).
    let observations = Observations()

    /// - Parameter textInputBytes: the sizes of the text inputs read after
    ///   the Parquet units, for the progress line's total (nil: unknown, a stream).
    init(
        bindings: [FileBinding], options: SummarizeOptions, showProgress: Bool = false, textInputBytes: Int? = 0,
        inputOrder: [Int]? = nil, rejects: RejectsLog? = nil, notes: [String] = []
    ) {
        self.notes = notes
        self.bindings = bindings
        self.inputOrder = inputOrder ?? Array(bindings.indices)
        self.rejects = rejects
        var units: [Unit] = []
        for (fileIndex, binding) in bindings.enumerated() {
            let groups =
                options.rowGroups.map { $0.clamped(to: 0..<binding.file.rowGroupCount) }
                ?? 0..<binding.file.rowGroupCount
            for group in groups {
                let rows = Int(binding.file.metadata.rowGroups[group].numRows)
                let size = max(1, options.smallUnitRowCount)
                if options.strategy.prefersSmallUnits && rows > size {
                    for start in stride(from: 0, to: rows, by: size) {
                        units.append(Unit(file: fileIndex, rowGroup: group, rows: start..<min(start + size, rows)))
                    }
                } else {
                    units.append(Unit(file: fileIndex, rowGroup: group, rows: nil))
                }
            }
        }
        self.units = units
        var unitBytes: [Int] = []
        for unit in units {
            let binding = bindings[unit.file]
            let group = binding.file.metadata.rowGroups[unit.rowGroup]
            var bytes = 0
            for index in binding.columnIndices {
                bytes += Int(clamping: group.columns[index].metaData?.totalCompressedSize ?? 0)
            }
            let rows = max(Int(group.numRows), 1)
            unitBytes.append(unit.rows.map { Int(Double(bytes) * Double($0.count) / Double(rows)) } ?? bytes)
        }
        self.unitBytes = unitBytes
        let parquetBytes = unitBytes.reduce(0, +)
        progress = showProgress ? ProgressLine(.bytes(total: textInputBytes.map { $0 + parquetBytes })) : nil
        interner = KeyInterner(region: options.region, countryCodes: options.countryCodes ?? .iso2)
        let plan = options.plan
        details = plan.isChapterOnly ? nil : DetailInterner(plan: plan)
        self.options = options
        rules = LineRules(options: options)
        reporter = options.reporter.flatMap(CountryKey.normalize).map { Array($0.utf8) }
    }

    /// Whether a reporter column value names the `--reporter` country: both
    /// in alpha-2, the value converted from the inputs' code system.
    func isReporter(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let reporter, let key = CountryKey.normalize(raw) else { return false }
        return alpha2(key) == reporter
    }

    /// A normalized country key in alpha-2: converted from the inputs' code
    /// system (`--country-codes`), kept as it is when it has no conversion.
    func alpha2(_ key: [UInt8]) -> [UInt8] {
        let codes = options.countryCodes ?? .iso2
        if codes != .iso2, let converted = codes.alpha2(String(decoding: key, as: UTF8.self)) {
            return Array(converted.utf8)
        }
        return key
    }

    /// `Flag.filtered` unless a reporter value names `--reporter` (an absent value is filtered out).
    ///
    /// - Precondition: the run filters by reporter (`reporter != nil`).
    func reporterFlag(_ raw: UnsafeRawBufferPointer?) -> UInt8 {
        raw.map(isReporter) ?? false ? 0 : LineBlock.Flag.filtered
    }

    /// Whether a bound column contributes to this run (filters only when used).
    func isNeeded(_ canonical: CanonicalColumn, binding: FileBinding) -> Bool {
        switch canonical {
        case .reporter: options.reporter != nil || options.plan.index(of: .reporter) != nil
        case .period: options.from != nil || options.to != nil || options.plan.periodGrain != nil
        case .rateProvision: true  // eligibility is read wherever a rate provision is
        case .program: true
        default: true
        }
    }
}
