@testable import Delimited
import Testing

/// The word-at-a-time split of plain records (`RecordScanner.scanPlainRecord`)
/// gives exactly the fields, records, line numbers and end position of the
/// general scan, on random texts mixing plain records with quotes, CR, CRLF,
/// empty lines and chunk ends inside a record.
@Suite struct RecordScannerTests {
    /// One scan's output in comparable form.
    struct Scan: Equatable {
        var fields: [[Int]] = []
        var records: [[Int]] = []
        var position = 0
        var lineNumber = 0
    }

    static func scan(_ bytes: [UInt8], _ dialect: CSVDialect, plain: Bool, recordCountMax: Int) -> Scan {
        // The scanner needs the text followed by as many writable bytes (the unescape region).
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, 2 * bytes.count))
        defer { base.deallocate() }
        base.initialize(repeating: 0, count: max(1, 2 * bytes.count))
        base.update(from: bytes, count: bytes.count)
        var fields = SpanBuffer<FieldSpan>()
        var records = SpanBuffer<RecordSpan>()
        defer {
            fields.deallocate()
            records.deallocate()
        }
        var scanner = RecordScanner(
            base: base, count: bytes.count, dialect: dialect, firstLineNumber: 5, splitsPlainRecords: plain)
        scanner.run(fields: &fields, records: &records, recordCountMax: recordCountMax)
        var result = Scan(position: scanner.position, lineNumber: scanner.lineNumber)
        for index in 0..<fields.count {
            let field = fields[index]
            result.fields.append([field.start, field.end, field.isQuoted ? 1 : 0])
        }
        for index in 0..<records.count {
            let record = records[index]
            result.records.append([
                record.firstField, record.fieldCount, record.rawStart, record.rawEnd, record.nextRecordStart,
                record.lineNumber, Int(record.malformation?.rawValue ?? 99),
            ])
        }
        return result
    }

    @Test func plainRecordsSplitByWordsEqualTheGeneralScan() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let dialects: [CSVDialect] = [.comma, .semicolon, .tab, .pipe, .unquoted(delimiter: 124)]
        let odd: [[UInt8]] = [[34], [13], [13, 10], [10], [10, 10], [34, 34], [44, 34], [59], [9], [124], [0xff]]
        var plainRecords = 0
        for round in 0..<20_000 {
            let dialect = dialects[round % dialects.count]
            var bytes: [UInt8] = []
            for _ in 0..<next(12) {
                // A plain record: fields of 0-12 letters and digits; now and then an odd byte sequence.
                for field in 0..<(1 + next(12)) {
                    if field > 0 { bytes.append(dialect.delimiter) }
                    for _ in 0..<next(13) { bytes.append(UInt8(ascii: "a") + UInt8(next(26))) }
                    if next(25) == 0 { bytes += odd[next(odd.count)] }
                }
                if next(8) == 0 { bytes.append(13) }
                if next(10) != 0 { bytes.append(10) }
            }
            let recordCountMax = next(4) == 0 ? 1 + next(3) : Int.max
            let general = Self.scan(bytes, dialect, plain: false, recordCountMax: recordCountMax)
            let words = Self.scan(bytes, dialect, plain: true, recordCountMax: recordCountMax)
            #expect(words == general, "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(dialect)")
            if words != general { return }
            plainRecords += general.records.count { $0[6] == 99 }
        }
        // Most records were plain, so the word path was taken (and compared) many times.
        #expect(plainRecords > 50_000)
    }
}
