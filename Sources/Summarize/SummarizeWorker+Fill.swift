import Aggregation
import Customs
import Parquet
import RooSupport

/// Column → code conversions. Dictionary-encoded columns are translated once
/// per dictionary entry, then gathered per row by index. Loops read through
/// `ColumnView` and the block's column pointers (no per-access checks).
///
/// Every unchecked loop here is safe because of three checks made before it:
/// `classify` prepared the block for exactly `rows` rows and verified that the
/// decoded batch holds `rows` values (`batch.rowCount == rows`), so row
/// indices `0..<view.rowCount` are in bounds of both; the decoder checked every
/// dictionary index against the dictionary's size (`ColumnChunkDecoder`,
/// "dictionary index … out of range"), so `table[view.index(row)]` reads one
/// of the `view.dictionaryCount` entries each table holds; and null rows of a
/// dictionary column hold index 0, a valid entry, when the dictionary is not
/// empty (the empty case is handled before the loop).
extension SummarizeWorker {
    enum MoneyTarget {
        case value, duty, nonOriginating, dutiable

        var blockColumn: LineBlock.MoneyColumn {
            switch self {
            case .value: .value
            case .duty: .duty
            case .nonOriginating: .nonOriginating
            case .dutiable: .dutiable
            }
        }

        /// Whether a null (or NaN) row reads as 0 in the block: the dutiable value has no status or flag.
        var zeroesNulls: Bool { self == .dutiable }
    }

    func fillKeys(kind: SourceKind, _ view: ColumnView, _ columns: LineBlock.Columns, regionFlag: Bool) throws {
        let codes = regionFlag ? columns.origin : columns.partner
        let rows = view.rowCount
        let flags = columns.flags
        // The region and unmapped bits of the code become line flags: one pass per row.
        let keyFlags = LineRules.KeyFlags(isOrigin: regionFlag, convertsCodes: context.interner.convertsCodes)
        @inline(__always) func store(_ code: UInt32, _ row: Int) {
            codes[row] = code & KeyInterner.idMask
            flags[row] |= keyFlags.flags(code)
        }
        // Every row is written (null → code 0, missing): the block does not clear key columns.
        switch (kind, view.layout) {
        case (.text, .dictionaryByteArray) where view.dictionaryCount > 0:
            entryCodes.removeAll(keepingCapacity: true)
            for entry in 0..<view.dictionaryCount { entryCodes.append(try keys.code(raw: view.dictionaryEntry(entry))) }
            entryCodes.withUnsafeBufferPointer { table in
                // Safe because: one code per dictionary entry, and indices are < dictionaryCount (decoder-checked).
                guard let table = table.baseAddress else { return }
                // Null rows hold index 0, a valid entry: look up, then mask.
                if batch.nullCount == 0 {
                    for row in 0..<rows { store(table[view.index(row)], row) }
                } else {
                    for row in 0..<rows { store(view.isValid(row) ? table[view.index(row)] : 0, row) }
                }
            }
        case (.text, .dictionaryByteArray):
            codes.update(repeating: 0, count: rows)  // every row null
        case (.text, _):
            for row in 0..<rows { store(view.isValid(row) ? try keys.code(raw: view.bytes(row)) : 0, row) }
        default:
            for row in 0..<rows { store(view.isValid(row) ? try keys.code(integer: view.integer(row)) : 0, row) }
        }
    }

    func fillChapters(kind: SourceKind, _ view: ColumnView, _ columns: LineBlock.Columns) {
        let chapters = columns.chapter
        let flags = columns.flags
        let width = context.options.hsWidth
        let pad = context.options.padHS
        let rows = view.rowCount
        let missing = HSChapter.missing
        // Every row is written (null → missing): the block does not clear chapters.
        switch (kind, view.layout) {
        case (.text, .dictionaryByteArray) where view.dictionaryCount > 0:
            entryFlags.removeAll(keepingCapacity: true)
            entryOdd.removeAll(keepingCapacity: true)
            for entry in 0..<view.dictionaryCount {
                let code = view.dictionaryEntry(entry)
                let (chapter, isOdd) = HSChapter.chapter(text: code, padOddLength: pad)
                entryFlags.append(chapter)
                entryOdd.append(isOdd)
                if isOdd { observed.oddHS(code) }
            }
            let anyOdd = entryOdd.contains(true)
            entryFlags.withUnsafeBufferPointer { table in
                // Safe because: one chapter per dictionary entry, and indices are < dictionaryCount (decoder-checked).
                guard let table = table.baseAddress else { return }
                if batch.nullCount == 0 {
                    for row in 0..<rows { chapters[row] = table[view.index(row)] }
                } else {
                    for row in 0..<rows { chapters[row] = view.isValid(row) ? table[view.index(row)] : missing }
                }
            }
            if anyOdd {
                // Rare: flag the rows whose code is odd.
                for row in 0..<rows where view.isValid(row) && entryOdd[Int(view.index(row))] {
                    flags[row] |= LineBlock.Flag.oddHSCode
                }
                block.countsOddHSCodes = true
            }
        case (.text, .dictionaryByteArray):
            chapters.update(repeating: missing, count: rows)  // every row null
        case (.text, _):
            for row in 0..<rows {
                guard view.isValid(row) else {
                    chapters[row] = missing
                    continue
                }
                let code = view.bytes(row)
                let (chapter, isOdd) = HSChapter.chapter(text: code, padOddLength: pad)
                chapters[row] = chapter
                if isOdd {
                    flags[row] |= LineBlock.Flag.oddHSCode
                    observed.oddHS(code)
                    block.countsOddHSCodes = true
                }
            }
        default:
            for row in 0..<rows {
                chapters[row] =
                    view.isValid(row) ? HSChapter.chapter(integer: view.integer(row), width: width) : missing
            }
        }
    }

    /// Converts the money column in `batch` to cents in the block.
    ///
    /// Safe because: as for every fill here (see the extension's comment),
    /// rows `0..<view.rowCount` are the block's rows; `values` is what
    /// `ownMoney` bound for them.
    func fillMoney(
        kind: SourceKind, target: MoneyTarget, _ view: ColumnView, _ columns: LineBlock.Columns,
        location: () -> String
    ) throws {
        let values: UnsafeMutablePointer<Int64>
        let status: UnsafeMutablePointer<UInt8>?
        if case .decimalInt(2) = kind, view.valueWidth == 8, view.layout == .fixedWidth,
            !target.zeroesNulls || batch.nullCount == 0
        {
            // Hot path (DECIMAL(p,2) on INT64): the values are cents already.
            borrowCents(view, target: target, columns)
            return
        }
        values = block.ownMoney(target.blockColumn)
        switch target {
        case .value: status = columns.valueStatus
        case .duty: status = columns.dutyStatus
        case .nonOriginating, .dutiable: status = nil
        }
        let flags = columns.flags
        if target.zeroesNulls { values.update(repeating: 0, count: view.rowCount) }
        if case let .decimalInt(scale) = kind, view.valueWidth == 8 {
            // DECIMAL on INT64 at another scale: one tight loop, no per-row dispatch.
            try fillDecimal64(
                view, scale: scale, bigEndian: false, values: values, status: status, flags: columns.flags,
                flagNonOriginating: target == .nonOriginating, location: location)
            return
        }
        if case let .decimalBytes(scale) = kind, view.layout == .fixedWidth, (1...8).contains(view.valueWidth) {
            // FIXED_LEN_BYTE_ARRAY DECIMAL of up to 8 bytes (pyarrow's DECIMAL(18, 2)): the same loop on the
            // big-endian integer, no 128-bit arithmetic (it was 28% of the CPU on a pyarrow-written file).
            try fillDecimal64(
                view, scale: scale, bigEndian: true, values: values, status: status, flags: columns.flags,
                flagNonOriginating: target == .nonOriginating, location: location)
            return
        }
        for row in 0..<view.rowCount {
            guard view.isValid(row) else {
                status?[row] = LineBlock.ValueStatus.missing
                continue
            }
            switch SummarizeWorker.cents(view, row, kind: kind) {
            case let .cents(amount):
                values[row] = amount
                if target == .nonOriginating { flags[row] |= LineBlock.Flag.hasNonOriginating }
            case .invalid:
                // NaN/±inf: an invalid value; for duty it cannot decide (missing).
                status?[row] = target == .value ? LineBlock.ValueStatus.invalid : LineBlock.ValueStatus.missing
            case .overflow:
                throw RooError(.dataError, "\(location()): value at row \(row) does not fit Int64 cents")
            }
        }
    }

    /// The block reads the decoded INT64 cents in place (the batch is the
    /// column's own and lives until the block is aggregated); only nulls
    /// need a pass: their status, or the non-originating flag of non-nulls.
    private func borrowCents(_ view: ColumnView, target: MoneyTarget, _ columns: LineBlock.Columns) {
        // Safe because: the batch is this column's own (`batch(for:kind:)`), holds `rows` values and is not
        // decoded into again before the kernel has read the block.
        block.borrow(target.blockColumn, view.int64Values)
        let rows = view.rowCount
        let status: UnsafeMutablePointer<UInt8>? =
            switch target {
            case .value: columns.valueStatus
            case .duty: columns.dutyStatus
            case .nonOriginating, .dutiable: nil
            }
        if target == .nonOriginating {
            let flags = columns.flags
            let validity = view.validityBytes
            let flag = LineBlock.Flag.hasNonOriginating
            for row in 0..<rows { flags[row] |= validity[row] != 0 ? flag : 0 }
        } else if batch.nullCount > 0, let status {
            // Present rows stay ValueStatus.present (0) from the block reset.
            let validity = view.validityBytes
            let missing = LineBlock.ValueStatus.missing
            for row in 0..<rows { status[row] = validity[row] != 0 ? status[row] : missing }
        }
    }

    /// DECIMAL on INT64 (little-endian) or on up to 8 bytes of FIXED_LEN_BYTE_ARRAY (`bigEndian`) to cents,
    /// in one loop.
    ///
    /// Safe because: rows `0..<view.rowCount` are the block's rows, and
    /// `values`, `status` and `flags` hold that many (`fillMoney`).
    private func fillDecimal64(
        _ view: ColumnView, scale: Int, bigEndian: Bool, values: UnsafeMutablePointer<Int64>,
        status: UnsafeMutablePointer<UInt8>?, flags: UnsafeMutablePointer<UInt8>, flagNonOriginating: Bool,
        location: () -> String
    ) throws {
        let missing = LineBlock.ValueStatus.missing
        let flag = flagNonOriginating ? LineBlock.Flag.hasNonOriginating : 0
        if bigEndian && scale == 2 && view.valueWidth == 8 && batch.nullCount == 0 {
            // No nulls, cents already: one byte swap per row, nothing that can fail.
            for row in 0..<view.rowCount { values[row] = view.bigEndianInteger(row) }
            if flag != 0 { for row in 0..<view.rowCount { flags[row] |= flag } }
            return
        }
        for row in 0..<view.rowCount {
            guard view.isValid(row) else {
                status?[row] = missing
                continue
            }
            let unscaled = bigEndian ? view.bigEndianInteger(row) : view.integer(row)
            guard let amount = scale == 2 ? unscaled : Cents.fromDecimal(unscaled, scale: scale) else {
                throw RooError(.dataError, "\(location()): value at row \(row) does not fit Int64 cents")
            }
            values[row] = amount
            flags[row] |= flag
        }
    }

    @inline(__always)
    static func cents(_ view: ColumnView, _ row: Int, kind: SourceKind) -> Cents.Conversion {
        let converted: Int64?
        switch kind {
        case .dollars: converted = Cents.fromDollars(view.integer(row))
        case let .decimalInt(scale): converted = Cents.fromDecimal(view.integer(row), scale: scale)
        case let .decimalBytes(scale): converted = Cents.fromDecimal(bigEndian: view.bytes(row), scale: scale)
        case .floating: return Cents.fromDouble(view.floating(row))
        default: converted = nil
        }
        guard let converted else { return .overflow }
        return .cents(converted)
    }

    /// Sets the preference and (when configured) duty-free-program flags.
    func fillPrograms(_ view: ColumnView, _ columns: LineBlock.Columns) throws {
        let rules = context.rules
        applyTextFlags(view, columns) { bytes in
            let text = LineRules.trimmed(bytes)
            observed.program(Array(text.utf8))
            return rules.programFlags(trimmed: text)
        }
        try details?.fillProgram(view)
    }

    func fillReporterFilter(_ view: ColumnView, _ columns: LineBlock.Columns) throws {
        try details?.fillReporter(view, alpha2: context.alpha2)
        guard context.reporter != nil else { return }
        // Matching lines get no flag; the rest (including nulls) are filtered below.
        applyTextFlags(view, columns) { bytes in
            if let key = CountryKey.normalize(bytes) { observed.reporter(key) }
            return context.reporterFlag(bytes)
        }
        let flags = columns.flags
        for row in 0..<view.rowCount where !view.isValid(row) { flags[row] |= LineBlock.Flag.filtered }
    }

    func fillPeriodFilter(kind: SourceKind, _ view: ColumnView, _ columns: LineBlock.Columns) throws {
        try details?.fillPeriod(kind: kind, view)
        guard context.rules.months != nil else { return }
        let rules = context.rules
        let flags = columns.flags
        for row in 0..<view.rowCount {
            var month: Int?
            if view.isValid(row) {
                switch kind {
                case .date: month = PeriodText.month(daysSinceEpoch: view.integer(row))
                case .text: month = PeriodText.month(text: view.bytes(row))
                default: month = PeriodText.month(integer: view.integer(row))
                }
            }
            flags[row] |= observed.periodFlag(month, rules: rules)
        }
    }

    /// The rate provision's flags (`LineRules.rateProvisionFlags`): eligibility, and duty-free status if it decides.
    func fillRateProvision(kind: SourceKind, _ view: ColumnView, _ columns: LineBlock.Columns) {
        let freeByRule = context.options.dutyFreeBy == .rateProvision
        if kind == .integer {
            let flags = columns.flags
            for row in 0..<view.rowCount where view.isValid(row) {
                flags[row] |= LineRules.rateProvisionFlags(view.integer(row), freeByRule: freeByRule)
            }
            return
        }
        applyTextFlags(view, columns) { LineRules.rateProvisionFlags(text: $0, freeByRule: freeByRule) }
    }

    /// ORs per-value flags into the block's flags for non-null rows, once per
    /// dictionary entry when the column is dictionary-encoded.
    private func applyTextFlags(
        _ view: ColumnView, _ columns: LineBlock.Columns, _ compute: (UnsafeRawBufferPointer) -> UInt8
    ) {
        let flags = columns.flags
        if view.layout == .dictionaryByteArray {
            guard view.dictionaryCount > 0 else { return }  // every row null
            entryFlags.removeAll(keepingCapacity: true)
            for entry in 0..<view.dictionaryCount { entryFlags.append(compute(view.dictionaryEntry(entry))) }
            entryFlags.withUnsafeBufferPointer { table in
                // Safe because: one flag per dictionary entry, indices < dictionaryCount (decoder-checked).
                guard let table = table.baseAddress else { return }
                // Null rows hold index 0 (a valid entry): look up, then mask (no branch).
                let validity = view.validityBytes
                for row in 0..<view.rowCount { flags[row] |= table[view.index(row)] & (0 &- validity[row]) }
            }
        } else {
            // PLAIN text: compute once per distinct short value.
            var cache = PackedKeyTable(capacity: 64)
            for row in 0..<view.rowCount where view.isValid(row) {
                let bytes = view.bytes(row)
                guard let packed = PackedKeyTable.pack(bytes) else {
                    flags[row] |= compute(bytes)
                    continue
                }
                if let hit = cache.value(for: packed) {
                    flags[row] |= UInt8(truncatingIfNeeded: hit)
                } else {
                    let value = compute(bytes)
                    cache.insert(UInt32(value), for: packed)
                    flags[row] |= value
                }
            }
        }
    }
}
