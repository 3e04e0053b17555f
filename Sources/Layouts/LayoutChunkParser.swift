import Customs
import Delimited

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns raw chunks of a layout's input into records of the plan's output
/// columns (canonical, then extras), as a `RecordBatch` that the CSV paths
/// of `ingest` and `summarize` consume unchanged. One parser per worker
/// (it keeps scratch space); not thread-safe.
///
/// Records of the wrong length (fixed width) or field count (delimited) come
/// out malformed with a reason; records the layout's keep rule drops do not
/// come out and are counted in `skipped`.
public final class LayoutChunkParser: RecordChunkParser {
    private let layout: Layout
    private let plan: LayoutPlan
    private let scratch = RecordBatch()
    /// Bytes of a derived field being built (reused: no allocation per record).
    private var scratchBytes: [UInt8] = []
    /// Whether malformed records are left out (and counted) instead of
    /// coming out marked malformed.
    private let dropsMalformed: Bool
    /// How the amount fields are written (`--decimal-separator`, `--thousands`).
    private let moneyFormat: MoneyFormat
    /// Records skipped by the keep rule in the last `parse`.
    public private(set) var skipped = 0
    /// The distinct values (trimmed, at most 4) of the layout's single-valued field in the last `parse`.
    public private(set) var singleValues: [[UInt8]] = []
    /// Malformed records left out in the last `parse` (`dropsMalformed`).
    public private(set) var malformedDropped = 0
    /// The first of them: its line and why.
    public private(set) var firstMalformation: (line: Int, reason: String)?

    /// The derivations run per record: all, or the canonical ones only.
    private let derivations: [LayoutPlan.Derivation]
    /// The period column the record being derived comes from (wide layouts).
    private var wideColumn = LayoutPlan.WideColumn(field: 0, month: 0, year: 0)

    init(
        layout: Layout, plan: LayoutPlan, dropsMalformed: Bool, canonicalOnly: Bool = false,
        moneyFormat: MoneyFormat = .standard
    ) {
        if case let .fixedWidth(recordLength, fields) = layout.format {
            // The parser cuts fields by these offsets without a check per record: the table must fit its records.
            precondition(
                fields.allSatisfy { $0.first >= 1 && $0.width >= 0 && $0.first - 1 + $0.width <= recordLength },
                "layout \(layout.name): a field lies outside its \(recordLength)-byte records")
        }
        self.layout = layout
        self.plan = plan
        self.dropsMalformed = dropsMalformed
        self.moneyFormat = moneyFormat
        derivations = canonicalOnly ? Array(plan.derivations.prefix(plan.canonicalCount)) : plan.derivations
    }

    /// Parses `chunk` into `batch` (its old contents are invalidated).
    ///
    /// - Complexity: O(chunk bytes).
    public func parse(_ chunk: CSVChunk, into batch: RecordBatch) {
        skipped = 0
        singleValues.removeAll(keepingCapacity: true)
        malformedDropped = 0
        firstMalformation = nil
        batch.beginBuilding(chunk)
        switch layout.format {
        case let .fixedWidth(recordLength, fields):
            chunk.bytes.withUnsafeBytes {
                parseFixedWidth(
                    $0, firstLine: chunk.firstLineNumber, recordLength: recordLength, fields: fields, into: batch)
            }
        case let .delimited(dialect):
            // LayoutReader resolves the dialect (detected or given) before making parsers.
            RecordBatch.parse(chunk, dialect: dialect ?? .comma, into: scratch)
            deriveRecords(into: batch)
        case .jsonRows:
            scratch.beginBuilding(chunk)
            chunk.bytes.withUnsafeBytes { JSONRows.parse($0, firstLine: chunk.firstLineNumber, into: scratch) }
            deriveRecords(into: batch)
        }
    }

    private func parseFixedWidth(
        _ bytes: UnsafeRawBufferPointer, firstLine: Int, recordLength: Int, fields: [Layout.FixedWidthField],
        into batch: RecordBatch
    ) {
        guard let base = bytes.baseAddress else { return }
        var line = firstLine
        var start = 0
        // Field ranges of the current record, reused (no allocation per record).
        let ranges = UnsafeMutableBufferPointer<Range<Int>>.allocate(capacity: fields.count)
        ranges.initialize(repeating: 0..<0)
        defer { ranges.deallocate() }
        let offsets = fields.map { (first: $0.first - 1, width: $0.width) }
        // Safe because: `memchr(base + start, 0x0a, recordLength)` runs only when `end = start + recordLength`
        // is `< bytes.count` (`&&` short-circuits), `bytes[end]`/`bytes[end + 1]` only when below `bytes.count`,
        // the slow path reads while `end < bytes.count`, and `bytes[contentEnd - 1]` only when
        // `contentEnd > start`. Fields are cut only after `contentEnd - start == recordLength` was checked, and
        // every field lies in `0..<recordLength`: `init` checks the table (and the only fixed-width table,
        // `Layout.censusIMDBFields`, is built contiguous from byte 1 to 688). `ranges` holds `fields.count`
        // entries: `offsets.indices` matches it, and the keep rules' `field` and `.field(i)`/`fields(i)` indices come
        // from `LayoutPlan`, resolved against `sourceNames = fields.map(\.name)` (LayoutReader), so they are
        // `< fields.count`.
        while start < bytes.count {
            // Fast path: a record of the right length followed by CRLF or LF.
            var end = start + recordLength
            let fits = end < bytes.count && memchr(base + start, 0x0a, recordLength) == nil
            if fits && bytes[end] == 0x0a {
                // LF right after the record.
            } else if fits && end + 1 < bytes.count && bytes[end] == 0x0d && bytes[end + 1] == 0x0a {
                end += 1
            } else {
                end = start
                while end < bytes.count && bytes[end] != 0x0a { end += 1 }
            }
            let next = end + 1
            var contentEnd = end
            if contentEnd > start && bytes[contentEnd - 1] == 0x0d { contentEnd -= 1 }
            defer {
                start = next
                line += 1
            }
            if contentEnd == start { continue }  // empty line
            guard contentEnd - start == recordLength else {
                malformed(
                    raw: start..<contentEnd, line: line,
                    "record of \(Plural.count(contentEnd - start, "byte")); \(layout.name) records have "
                        + "\(recordLength)",
                    into: batch)
                continue
            }
            for index in offsets.indices {
                let first = start + offsets[index].first
                ranges[index] = FieldText.trimmed(bytes, first..<(first + offsets[index].width))
            }
            if !plan.keeps.allSatisfy({ $0.keeps(UnsafeRawBufferPointer(rebasing: bytes[ranges[$0.field]])) }) {
                skipped += 1
                continue
            }
            batch.beginRecord(raw: start..<contentEnd, lineNumber: line)
            for derivation in derivations {
                if case let .field(index) = derivation {
                    batch.appendRawField(ranges[index])
                } else {
                    derive(derivation, { UnsafeRawBufferPointer(rebasing: bytes[ranges[$0]]) }, into: batch)
                }
            }
        }
    }

    /// The records of `scratch` (parsed from a delimited or JSON chunk) into `batch`: the field count
    /// checked, the keep rule applied, the derivations run.
    private func deriveRecords(into batch: RecordBatch) {
        // Safe because: records are `0..<scratch.count`; the keep rules' `field` and the derivations' field indices are
        // `< plan.sourceFieldCount`, checked equal to `fieldCount` below (and `RecordBatch.field` checks them
        // with a precondition); `FieldText.trimmed(value, 0..<value.count)` returns a subrange of `value`.
        for record in 0..<scratch.count {
            let fieldCount = scratch.fieldCount(record)
            if let reason = scratch.malformation(record) {
                malformed(raw: scratch.rawRange(record), line: scratch.lineNumber(record), reason, into: batch)
                continue
            }
            guard fieldCount == plan.sourceFieldCount else {
                malformed(
                    raw: scratch.rawRange(record), line: scratch.lineNumber(record),
                    "expected \(Plural.count(plan.sourceFieldCount, "field")), found \(fieldCount)", into: batch)
                continue
            }
            let kept = plan.keeps.allSatisfy { rule in
                let value = scratch.field(record, rule.field)
                return rule.keeps(UnsafeRawBufferPointer(rebasing: value[FieldText.trimmed(value, 0..<value.count)]))
            }
            if !kept {
                skipped += 1
                continue
            }
            if let field = plan.singleValued {
                let value = scratch.field(record, field)
                note(single: UnsafeRawBufferPointer(rebasing: value[FieldText.trimmed(value, 0..<value.count)]))
            }
            let fields = { (index: Int) -> UnsafeRawBufferPointer in
                let value = self.scratch.field(record, index)
                return UnsafeRawBufferPointer(rebasing: value[FieldText.trimmed(value, 0..<value.count)])
            }
            if plan.wideColumns.isEmpty {
                batch.beginRecord(raw: scratch.rawRange(record), lineNumber: scratch.lineNumber(record))
                for derivation in derivations { derive(derivation, fields, into: batch) }
                continue
            }
            // A wide row: one record per period column holding a value (an empty one is a period not
            // released yet, or nothing traded: no record either way).
            for column in plan.wideColumns where !fields(column.field).isEmpty {
                wideColumn = column
                batch.beginRecord(raw: scratch.rawRange(record), lineNumber: scratch.lineNumber(record))
                for derivation in derivations { derive(derivation, fields, into: batch) }
            }
        }
    }

    /// Remembers a value of the single-valued field (compared in place: no copy when already seen).
    private func note(single value: UnsafeRawBufferPointer) {
        guard singleValues.count < 4, !singleValues.contains(where: { $0.elementsEqual(value) }) else { return }
        singleValues.append(Array(value))
    }

    /// A malformed record: out with its reason, or left out and counted.
    private func malformed(raw: Range<Int>, line: Int, _ reason: String, into batch: RecordBatch) {
        if dropsMalformed {
            malformedDropped += 1
            if firstMalformation == nil { firstMalformation = (line, reason) }
            return
        }
        batch.beginRecord(raw: raw, lineNumber: line)
        batch.markMalformed(reason)
    }

    /// Appends the field `derivation` makes from the record's source fields (`fields(i)`).
    @inline(__always)
    private func derive(
        _ derivation: LayoutPlan.Derivation, _ fields: (Int) -> UnsafeRawBufferPointer, into batch: RecordBatch
    ) {
        // Safe because: `fields(i)` hands out buffers inside the record (`parseFixedWidth`, `parseDelimited`: see
        // their comments), copied only with their own count; `tariffPrefixLength(value) <= value.count`, so
        // `value[n...]` and `value[0..<n]` are inside `value`, and `FieldText.trimmed(prefix, 0..<prefix.count)`
        // returns a subrange of `prefix`.
        switch derivation {
        case let .field(index):
            batch.appendField(fields(index))
        case let .amount(index):
            appendAmount(fields(index), to: batch)
        case let .joined(indexes):
            scratchBytes.removeAll(keepingCapacity: true)
            for index in indexes { scratchBytes.append(contentsOf: fields(index)) }
            append(scratchBytes, to: batch)
        case let .yearMonth(year, month):
            appendMonth(FieldText.yearMonthValue(year: fields(year), month: fields(month)), to: batch)
        case let .monthOfDate(index, order):
            appendMonth(FieldText.monthOfDateValue(fields(index), order: order), to: batch)
        case let .constant(bytes):
            append(bytes, to: batch)
        case let .tariffNumber(index):
            let value = fields(index)
            batch.appendField(UnsafeRawBufferPointer(rebasing: value[FieldText.tariffPrefixLength(value)...]))
        case let .program(spi, tariff, none):
            var program = spi.map(fields) ?? UnsafeRawBufferPointer(start: nil, count: 0)
            if program.isEmpty, let tariff {
                let value = fields(tariff)
                let prefix = UnsafeRawBufferPointer(rebasing: value[0..<FieldText.tariffPrefixLength(value)])
                program = UnsafeRawBufferPointer(rebasing: prefix[FieldText.trimmed(prefix, 0..<prefix.count)])
            }
            // `none` holds a value or two (`00`): compared in place, no copy per record.
            let isNone = none.contains { $0.elementsEqual(program) }
            batch.appendField(isNone ? UnsafeRawBufferPointer(start: nil, count: 0) : program)
        case let .year(index):
            appendYear(FieldText.yearValue(fields(index)), to: batch)
        case let .thousands(index):
            appendAmount(fields(index), shiftedBy: 3, to: batch)
        case .wideAmount:
            appendAmount(fields(wideColumn.field), to: batch)
        case let .widePeriod(year):
            if wideColumn.month == 0 {
                appendYear(wideColumn.year, to: batch)
            } else {
                appendMonth(
                    year.flatMap { FieldText.yearValue(fields($0)) }.map { $0 * 100 + wideColumn.month }, to: batch)
            }
        case let .paddedCode(index, width):
            let value = fields(index)
            let zeros = FieldText.padding(value, width: width)
            guard zeros > 0 else {
                batch.appendField(value)
                return
            }
            scratchBytes.removeAll(keepingCapacity: true)
            scratchBytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: zeros))
            scratchBytes.append(contentsOf: value)
            append(scratchBytes, to: batch)
        }
    }

    /// Appends a money amount as plain decimal text in the money format
    /// (`$1,234.50` → `1234.50`), or the field unchanged when it is not a
    /// number in that format (the consumers then see an invalid value).
    /// With `shift`, the amount times 10^shift (amounts in thousands: 3).
    private func appendAmount(_ value: UnsafeRawBufferPointer, shiftedBy shift: Int = 0, to batch: RecordBatch) {
        guard let money = moneyFormat.scan(value) else {
            batch.appendField(value)
            return
        }
        scratchBytes.removeAll(keepingCapacity: true)
        if shift == 0 {
            money.appendCanonical(from: value, format: moneyFormat, to: &scratchBytes)
        } else {
            money.appendCanonical(from: value, format: moneyFormat, shiftedBy: shift, to: &scratchBytes)
        }
        append(scratchBytes, to: batch)
    }

    /// Appends a year-only period as its four digits, or an empty field for nil.
    private func appendYear(_ value: Int?, to batch: RecordBatch) {
        guard let value else {
            batch.appendField(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        scratchBytes.removeAll(keepingCapacity: true)
        scratchBytes.append(contentsOf: String(value).utf8)
        append(scratchBytes, to: batch)
    }

    /// Appends YYYYMM as six digits, or an empty field for nil (no allocation).
    private func appendMonth(_ value: Int?, to batch: RecordBatch) {
        guard let value, (100_000...999_999).contains(value) else {
            batch.appendField(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        // Safe because: the allocation holds 6 bytes and the loop writes positions 5 through 0, each once,
        // before `UnsafeRawBufferPointer(digits)` reads all 6.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { digits in
            var rest = value
            for position in stride(from: 5, through: 0, by: -1) {
                digits[position] = UInt8(48 + rest % 10)
                rest /= 10
            }
            batch.appendField(UnsafeRawBufferPointer(digits))
        }
    }

    private func append(_ bytes: [UInt8], to batch: RecordBatch) {
        bytes.withUnsafeBytes { batch.appendField($0) }
    }
}
