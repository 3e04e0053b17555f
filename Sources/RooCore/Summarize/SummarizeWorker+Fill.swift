import Aggregation
import Customs
import Parquet

/// Column → code conversions. Dictionary-encoded columns are translated once
/// per dictionary entry, then gathered per row by index.
extension SummarizeWorker {
    enum MoneyTarget { case value, duty, nonOriginating }

    func fillKeys(kind: SourceKind, into path: ReferenceWritableKeyPath<LineBlock, [UInt32]>, regionFlag: Bool) throws {
        let rows = batch.rowCount
        // Take the array out of the block so writes do not copy it (unique reference).
        var codes = block[keyPath: path]
        block[keyPath: path] = []
        defer { block[keyPath: path] = codes }
        switch (kind, batch.layout) {
        case (.text, .dictionaryByteArray):
            entryCodes.removeAll(keepingCapacity: true)
            for entry in 0..<batch.dictionaryCount { entryCodes.append(try keys.code(raw: batch.dictionaryEntry(entry))) }
            for row in 0..<rows where batch.isValid(row) { codes[row] = entryCodes[Int(batch.indices[row])] }
        case (.text, _):
            for row in 0..<rows where batch.isValid(row) { codes[row] = try keys.code(raw: batch.bytes(at: row)) }
        default:
            let wide = batch.valueWidth == 8
            for row in 0..<rows where batch.isValid(row) {
                codes[row] = try keys.code(integer: integerValue(row, wide: wide))
            }
        }
        for row in 0..<rows {
            let code = codes[row]
            if regionFlag && code & KeyInterner.regionBit != 0 { block.flags[row] |= LineBlock.Flag.originInRegion }
            codes[row] = code & KeyInterner.idMask
        }
    }

    @inline(__always)
    func integerValue(_ row: Int, wide: Bool) -> Int64 {
        let bytes = batch.bytes(at: row)
        return wide ? Int64(littleEndian: bytes.loadUnaligned(as: Int64.self)) : Int64(Int32(littleEndian: bytes.loadUnaligned(as: Int32.self)))
    }

    func fillChapters(kind: SourceKind) {
        let rows = batch.rowCount
        let width = context.options.hsWidth
        switch (kind, batch.layout) {
        case (.text, .dictionaryByteArray):
            entryFlags.removeAll(keepingCapacity: true)
            for entry in 0..<batch.dictionaryCount { entryFlags.append(HSChapter.chapter(text: batch.dictionaryEntry(entry))) }
            for row in 0..<rows where batch.isValid(row) { block.chapter[row] = entryFlags[Int(batch.indices[row])] }
        case (.text, _):
            for row in 0..<rows where batch.isValid(row) { block.chapter[row] = HSChapter.chapter(text: batch.bytes(at: row)) }
        default:
            let wide = batch.valueWidth == 8
            for row in 0..<rows where batch.isValid(row) {
                block.chapter[row] = HSChapter.chapter(integer: integerValue(row, wide: wide), width: width)
            }
        }
        // Nulls stay HSChapter.missing (0).
    }

    func fillMoney(kind: SourceKind, target: MoneyTarget, location: () -> String) throws {
        let rows = batch.rowCount
        var values: [Int64]
        switch target {
        case .value: (values, block.value) = (block.value, [])
        case .duty: (values, block.duty) = (block.duty, [])
        case .nonOriginating: (values, block.nonOriginating) = (block.nonOriginating, [])
        }
        defer {
            switch target {
            case .value: block.value = values
            case .duty: block.duty = values
            case .nonOriginating: block.nonOriginating = values
            }
        }
        for row in 0..<rows {
            guard batch.isValid(row) else {
                if target == .value { block.valueStatus[row] = LineBlock.ValueStatus.missing }
                if target == .duty { block.dutyStatus[row] = LineBlock.ValueStatus.missing }
                continue
            }
            switch try cents(row, kind: kind) {
            case let .cents(amount):
                values[row] = amount
                if target == .nonOriginating { block.flags[row] |= LineBlock.Flag.hasNonOriginating }
            case .invalid:
                if target == .value { block.valueStatus[row] = LineBlock.ValueStatus.invalid }
                if target == .duty { block.dutyStatus[row] = LineBlock.ValueStatus.missing }
            case .overflow:
                throw RooError(.dataError, "\(location()): value at row \(row) does not fit Int64 cents")
            }
        }
    }

    @inline(__always)
    func cents(_ row: Int, kind: SourceKind) throws -> Cents.FloatingResult {
        let bytes = batch.bytes(at: row)
        let wide = batch.valueWidth == 8
        let converted: Int64?
        switch kind {
        case .dollars: converted = Cents.fromDollars(integerValue(row, wide: wide))
        case let .decimalInt(scale): converted = Cents.fromDecimal(integerValue(row, wide: wide), scale: scale)
        case let .decimalBytes(scale): converted = Cents.fromDecimal(bigEndian: bytes, scale: scale)
        case .floating:
            let value = wide ? Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
                : Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))))
            return Cents.fromDouble(value)
        default: converted = nil
        }
        guard let converted else { return .overflow }
        return .cents(converted)
    }

    /// Sets the preference and (when configured) duty-free-program flags.
    func fillPrograms() {
        let preference = context.preferencePrograms
        let free = context.dutyFreePrograms
        func flags(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
            let text = SummarizeWorker.trimmed(bytes)
            var result: UInt8 = 0
            if preference.contains(text) { result |= LineBlock.Flag.preferenceClaimed }
            if free.contains(text) { result |= LineBlock.Flag.freeByRule }
            return result
        }
        applyTextFlags(flags)
    }

    func fillReporterFilter() {
        guard let reporter = context.reporter else { return }
        let rows = batch.rowCount
        var matches: [UInt8] = []
        if batch.layout == .dictionaryByteArray {
            matches = (0..<batch.dictionaryCount).map { CountryKey.normalize(batch.dictionaryEntry($0)) == reporter ? 1 : 0 }
        }
        for row in 0..<rows {
            var keep = false
            if batch.isValid(row) {
                keep = batch.layout == .dictionaryByteArray ? matches[Int(batch.indices[row])] == 1 : CountryKey.normalize(batch.bytes(at: row)) == reporter
            }
            if !keep { block.flags[row] |= LineBlock.Flag.filtered }
        }
    }

    func fillPeriodFilter(kind: SourceKind) {
        let from = context.options.from ?? Int.min
        let to = context.options.to ?? Int.max
        let wide = batch.valueWidth == 8
        for row in 0..<batch.rowCount {
            var month: Int?
            if batch.isValid(row) {
                switch kind {
                case .date: month = PeriodText.month(daysSinceEpoch: integerValue(row, wide: false))
                case .text: month = PeriodText.month(text: batch.bytes(at: row))
                default: month = PeriodText.month(integer: integerValue(row, wide: wide))
                }
            }
            guard let month, month >= from, month <= to else {
                block.flags[row] |= LineBlock.Flag.filtered
                continue
            }
        }
    }

    func fillRateProvision(kind: SourceKind) {
        if kind == .integer {
            let wide = batch.valueWidth == 8
            for row in 0..<batch.rowCount where batch.isValid(row) {
                let code = integerValue(row, wide: wide)
                if code >= 10 && code <= 19 { block.flags[row] |= LineBlock.Flag.freeByRule }
            }
            return
        }
        applyTextFlags { bytes in
            let text = SummarizeWorker.trimmed(bytes)
            guard let code = Int(text), code >= 10, code <= 19 else { return 0 }
            return LineBlock.Flag.freeByRule
        }
    }

    /// ORs per-value flags into `block.flags`, once per dictionary entry when possible.
    private func applyTextFlags(_ flags: (UnsafeRawBufferPointer) -> UInt8) {
        let rows = batch.rowCount
        if batch.layout == .dictionaryByteArray {
            entryFlags.removeAll(keepingCapacity: true)
            for entry in 0..<batch.dictionaryCount { entryFlags.append(flags(batch.dictionaryEntry(entry))) }
            for row in 0..<rows where batch.isValid(row) { block.flags[row] |= entryFlags[Int(batch.indices[row])] }
        } else {
            for row in 0..<rows where batch.isValid(row) { block.flags[row] |= flags(batch.bytes(at: row)) }
        }
    }

    /// Text trimmed of ASCII whitespace (program codes are case-sensitive).
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> String {
        var start = 0
        var end = bytes.count
        while start < end && CountryKey.isSpace(bytes[start]) { start += 1 }
        while end > start && CountryKey.isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

/// Months (YYYYMM) from the accepted `period` representations.
enum PeriodText {
    /// YYYYMM, or YYYYMMDD reduced to YYYYMM.
    static func month(integer value: Int64) -> Int? {
        if value >= 100_000 && value <= 999_999 { return Int(value) }
        if value >= 10_000_000 && value <= 99_999_999 { return Int(value / 100) }
        return nil
    }

    static func month(daysSinceEpoch days: Int64) -> Int? {
        let (year, month, _) = CivilDate.fromDays(days)
        return Int(year * 100 + month)
    }

    /// `YYYY-MM`, `YYYYMM`, `YYYY-MM-DD` or `YYYYMMDD`.
    static func month(text bytes: UnsafeRawBufferPointer) -> Int? {
        let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.map { Int64($0 - 0x30) }
        guard digits.count == 6 || digits.count == 8 else { return nil }
        let value = digits.prefix(6).reduce(0) { $0 * 10 + $1 }
        return month(integer: value)
    }
}

/// Proleptic Gregorian dates from day numbers.
enum CivilDate {
    static func fromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CalendarText.civil(fromDays: min(max(days, -(Int64(1) << 40)), Int64(1) << 40))
    }
}
