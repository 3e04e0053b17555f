extension RecordBatch {
    /// Starts building the batch record by record from `chunk` (for record
    /// layouts that are not RFC 4180, e.g. fixed-width files, or to derive
    /// fields): the chunk's bytes are copied as the raw text; fields are then
    /// either ranges of it (`appendRawField`) or new bytes (`appendField`).
    ///
    /// - Complexity: O(`chunk.bytes.count`).
    public func beginBuilding(_ chunk: CSVChunk) {
        let rawCount = chunk.bytes.count
        reserveStorage(max(rawCount * 2, 64))
        chunk.bytes.withUnsafeBufferPointer { bytes in
            if let origin = bytes.baseAddress, rawCount > 0 {
                UnsafeMutableRawPointer(storage).copyMemory(from: origin, byteCount: rawCount)
            }
        }
        builtStorageCount = rawCount
        removeAll()
    }

    /// Starts a record whose raw text is `raw` (offsets into the chunk given
    /// to `beginBuilding`, without the line end), on line `lineNumber`.
    ///
    /// - Precondition: `raw` lies within the chunk.
    public func beginRecord(raw: Range<Int>, lineNumber: Int) {
        records.append(
            RecordSpan(
                firstField: fields.count, fieldCount: 0, rawStart: raw.lowerBound, rawEnd: raw.upperBound,
                nextRecordStart: raw.upperBound, lineNumber: lineNumber, malformation: nil))
    }

    /// Adds a field of the current record that is `range` of the chunk.
    ///
    /// - Precondition: a record was begun; `range` lies within the chunk.
    public func appendRawField(_ range: Range<Int>) {
        fields.append(FieldSpan(start: range.lowerBound, end: range.upperBound, isQuoted: false))
        bumpFieldCount()
    }

    /// Adds a field of the current record holding a copy of `bytes`.
    ///
    /// - Complexity: amortised O(`bytes.count`).
    public func appendField(_ bytes: UnsafeRawBufferPointer) {
        let start = builtStorageCount
        let end = start + bytes.count
        if end > storageCapacity { growPreserving(end) }
        if let origin = bytes.baseAddress, !bytes.isEmpty {
            UnsafeMutableRawPointer(storage + start).copyMemory(from: origin, byteCount: bytes.count)
        }
        builtStorageCount = end
        fields.append(FieldSpan(start: start, end: end, isQuoted: false))
        bumpFieldCount()
    }

    /// Marks the current record malformed with `reason` (its fields are then
    /// a best effort, as for a parsed record).
    public func markMalformed(_ reason: String) {
        let index = records.count - 1
        precondition(index >= 0, "no record begun")
        var span = records[index]
        span.malformation = .built
        records.base[index] = span
        builtMalformations[index] = reason
    }

    private func bumpFieldCount() {
        let index = records.count - 1
        precondition(index >= 0, "no record begun")
        records.base[index].fieldCount += 1
    }

    private func growPreserving(_ needed: Int) {
        let grown = max(needed, storageCapacity * 2)
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        replacement.update(from: storage, count: builtStorageCount)
        storage.deallocate()
        storage = replacement
        storageCapacity = grown
    }
}
