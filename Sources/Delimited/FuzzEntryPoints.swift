/// Entry point of the CSV libFuzzer target (`Sources/FuzzCSV`): arbitrary
/// bytes through dialect detection, chunk boundary search and record
/// parsing. Must return normally whatever the bytes.
package enum FuzzEntryPoints {
    package static func csvRecords(_ bytes: UnsafeRawBufferPointer) {
        let dialect = CSVDialect.detect(sample: bytes)
        let chunk = CSVChunk(bytes: Array(bytes), firstLineNumber: 1)
        let batch = RecordBatch()
        // Safe because: `bytes` is read only by `detect` (which iterates it) and by `Array(bytes)` (a copy of
        // `bytes.count` bytes); the loops index the batch with `0..<batch.count` and `0..<fieldCount(record)`,
        // and `RecordBatch` checks those indices with preconditions as well.
        for candidate in [dialect, .comma, .semicolon, .tab, .pipe] where candidate.isValid {
            RecordBatch.parse(chunk, dialect: candidate, into: batch)
            var total = 0
            for record in 0..<batch.count {
                _ = batch.malformation(record)
                _ = batch.rawText(record)
                for field in 0..<batch.fieldCount(record) { total &+= batch.field(record, field).count }
            }
            precondition(total >= 0)
        }
    }

    /// Arbitrary bytes as a workbook sheet's XML (`XMLScanner` and `SheetCSVWriter`, as `Workbook.csvStream`
    /// runs them): an error or CSV text, never a trap.
    package static func sheetXML(_ bytes: UnsafeRawBufferPointer) {
        // Safe because: `bytes` is read only by `Array(bytes)`, a copy of its `count` bytes; the scanner and the
        // writer index that copy with Swift's bounds checks.
        var scanner = XMLScanner(Array(bytes))
        var writer = SheetCSVWriter(strings: ["a", "b,c", "\"q\""], width: 3)
        var events = 0
        do {
            while let event = try scanner.next() {
                try? writer.take(event)
                events += 1
            }
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count, "failure offset outside the input")
        }
        precondition(events >= 0 && writer.pending.count >= 0)
    }
}
