extension RecordBatch {
    /// Splits `chunk` into records and fields (RFC 4180), replacing the
    /// batch's contents.
    ///
    /// Rules: fields are separated by `dialect.delimiter`; a record ends at
    /// LF or CRLF (a CR right before the LF is dropped, a CR elsewhere is
    /// data) or at the end of the chunk; a field starting with the quote is
    /// quoted and may hold delimiters, CR, LF and doubled quotes (`""` is
    /// `"`); a quote inside an unquoted field is data; text after a closing
    /// quote (`"ab"c`) and a quote left open at the end of the chunk make
    /// the record malformed (`malformation(_:)`); empty lines (LF or CRLF
    /// alone) are skipped but counted in line numbers.
    ///
    /// - Parameters:
    ///   - chunk: whole records, as from `CSVChunker.nextChunk()`.
    ///   - dialect: must be `isValid` (program error otherwise).
    ///   - batch: receives the records; its old contents are invalidated.
    /// - Complexity: O(`chunk.bytes.count`); allocates only when the chunk
    ///   is larger, or holds more records or fields, than any before.
    public static func parse(_ chunk: CSVChunk, dialect: CSVDialect, into batch: RecordBatch) {
        batch.parse(chunk, dialect: dialect, recordCountMax: Int.max)
    }

    /// Parses at most `recordCountMax` records of `chunk`.
    ///
    /// - Returns: the offset in the chunk after the last record parsed and
    ///   the line number there.
    @discardableResult
    func parse(
        _ chunk: CSVChunk, dialect: CSVDialect, recordCountMax: Int
    ) -> (nextRecordStart: Int, lineNumber: Int) {
        precondition(dialect.isValid, "invalid CSVDialect \(dialect)")
        let rawCount = chunk.bytes.count
        // A raw copy plus room for unescaped fields (at most as long again).
        let (needed, overflow) = rawCount.multipliedReportingOverflow(by: 2)
        precondition(!overflow, "chunk too large")
        reserveStorage(needed)
        chunk.bytes.withUnsafeBufferPointer { bytes in
            if let origin = bytes.baseAddress, rawCount > 0 {
                UnsafeMutableRawPointer(storage).copyMemory(from: origin, byteCount: rawCount)
            }
        }
        fields.removeAll()
        records.removeAll()
        builtMalformations.removeAll(keepingCapacity: true)
        var scanner = RecordScanner(
            base: storage, count: rawCount, dialect: dialect, firstLineNumber: chunk.firstLineNumber)
        scanner.run(fields: &fields, records: &records, recordCountMax: recordCountMax)
        return (scanner.position, scanner.lineNumber)
    }

    /// Empties the batch (keeps its capacity).
    func removeAll() {
        fields.removeAll()
        records.removeAll()
        builtMalformations.removeAll(keepingCapacity: true)
    }

    func reserveStorage(_ capacity: Int) {
        guard storageCapacity < capacity else { return }
        let grown = max(capacity, storageCapacity * 2)
        storage.deallocate()
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        storageCapacity = grown
    }
}
