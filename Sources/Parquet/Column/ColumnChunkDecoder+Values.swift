/// Value decoding for data pages: PLAIN, dictionary indices, RLE booleans,
/// and the spreading of dense (non-null) values to their row slots.
extension ColumnChunkDecoder {
    func decodePlain(
        _ source: UnsafeRawBufferPointer, present: Int, descriptor: ColumnDescriptor, batch: ColumnBatch, start: Int,
        slots: Int
    ) throws {
        switch descriptor.physicalType {
        case .byteArray:
            if batch.layout == .dictionaryByteArray { materializeDictionary(batch) }
            denseEnds.removeAll()
            let firstOffset = batch.byteOffsets[start]
            batch.byteValues.count = firstOffset
            _ = try PlainDecoder.decodeByteArrays(source, count: present, bytes: batch.byteValues, ends: denseEnds)
            spreadOffsets(batch, start: start, slots: slots)
        case .boolean:
            batch.fixedValues.resize((start + slots) * batch.valueWidth)
            try PlainDecoder.decodeBooleans(source, count: present, into: batch.fixedValues.pointer + start)
            spreadFixed(batch, start: start, slots: slots, present: present)
        default:
            let width = batch.valueWidth
            batch.fixedValues.resize((start + slots) * width)
            try PlainDecoder.decodeFixedWidth(
                source, count: present, width: width,
                into: UnsafeMutableRawPointer(batch.fixedValues.pointer + start * width))
            spreadFixed(batch, start: start, slots: slots, present: present)
        }
    }

    /// Safe because: `length <= source.count - 4` is checked (after `source.count >= 4`) before
    /// `source[4..<(4 + length)]` is taken; `denseIndices` is resized to `present` and `decode` writes exactly
    /// `present` values into it; `fixedValues` is resized to `start + slots` (one byte per BOOLEAN) and the loop writes
    /// `target[0..<present]` with `present <= slots` (`present` counts the set validity bytes among the page's
    /// `slots`).
    func decodeRLEBooleans(
        _ source: UnsafeRawBufferPointer, present: Int, batch: ColumnBatch, start: Int, slots: Int
    ) throws {
        guard source.count >= 4 else { throw ParquetError(.corruptValues, "RLE BOOLEAN data lacks its 4-byte length") }
        let length = Int(source.loadUnaligned(as: UInt32.self).littleEndian)
        guard length <= source.count - 4 else {
            throw ParquetError(
                .corruptValues, "RLE BOOLEAN length \(length) exceeds the \(source.count - 4) bytes of the page")
        }
        var decoder = try RLEBitPackedHybridDecoder(
            bytes: UnsafeRawBufferPointer(rebasing: source[4..<(4 + length)]), bitWidth: 1)
        denseIndices.resize(present)
        try decoder.decode(into: denseIndices.pointer, count: present)
        batch.fixedValues.resize(start + slots)
        let target = batch.fixedValues.pointer + start
        let decoded = denseIndices.pointer
        for index in 0..<present { target[index] = UInt8(truncatingIfNeeded: decoded[index] & 1) }
        spreadFixed(batch, start: start, slots: slots, present: present)
    }

    /// Moves `present` dense values at the start of the page's slot range to
    /// their row slots (backwards, in place); null slots are zeroed.
    ///
    /// Safe because: every caller resizes `fixedValues` to `(start + slots) * width` and `decodeDataPage` resized
    /// `validity` to `start + slots`, so slots `0..<slots` after `start` exist in both; `decodeValidity` writes only
    /// bytes 0/1 and returns exactly how many are 1 (`present`), so in the backward loop `dense` is the number of valid
    /// slots below `slot` and stays in `0...slot`: every copy reads a dense value at or before the slot it fills.
    func spreadFixed(_ batch: ColumnBatch, start: Int, slots: Int, present: Int) {
        guard present < slots else { return }
        let width = batch.valueWidth
        let base = UnsafeMutableRawPointer(batch.fixedValues.pointer + start * width)
        let validity = UnsafePointer(batch.validity.pointer + start)
        switch width {
        case 1:
            ColumnChunkDecoder.spread(
                base.assumingMemoryBound(to: UInt8.self), validity: validity, slots: slots, present: present)
        case 4:
            ColumnChunkDecoder.spread(
                base.assumingMemoryBound(to: UInt32.self), validity: validity, slots: slots, present: present)
        case 8:
            ColumnChunkDecoder.spread(
                base.assumingMemoryBound(to: UInt64.self), validity: validity, slots: slots, present: present)
        default:
            var dense = present
            for slot in stride(from: slots - 1, through: 0, by: -1) {
                if validity[slot] != 0 {
                    dense -= 1
                    if dense != slot { (base + slot * width).copyMemory(from: base + dense * width, byteCount: width) }
                } else {
                    (base + slot * width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
                }
            }
        }
    }

    /// Branch-free (validity is random in real data): each slot takes the
    /// next dense value, masked to 0 for nulls.
    ///
    /// - Precondition: `validity` bytes are 0 or 1 and `present` of them are 1.
    @inline(__always)
    static func spread<T: FixedWidthInteger>(
        _ values: UnsafeMutablePointer<T>, validity: UnsafePointer<UInt8>, slots: Int, present: Int
    ) {
        var dense = present
        var slot = slots - 1
        // Safe because 1 <= dense <= slot at every step: each slot consumes at
        // most one dense value, and the loop stops once the rest are in place
        // (dense == slot + 1) or all null (dense == 0).
        while dense > 0 && dense <= slot {
            let valid = Int(validity[slot])
            values[slot] = values[dense - 1] & (0 &- T(truncatingIfNeeded: valid))
            dense -= valid
            slot -= 1
        }
        if dense == 0 && slot >= 0 { values.update(repeating: 0, count: slot + 1) }
    }

    /// Writes `slots` end offsets for the page from the dense ends in `denseEnds`.
    func spreadOffsets(_ batch: ColumnBatch, start: Int, slots: Int) {
        batch.byteOffsets.resize(start + slots + 1)
        let offsets = batch.byteOffsets.pointer + start + 1
        let validity = batch.validity.pointer + start
        var current = batch.byteOffsets.pointer[start]
        var dense = 0
        let ends = denseEnds.pointer
        for slot in 0..<slots {
            if validity[slot] != 0 {
                current = ends[dense]
                dense += 1
            }
            offsets[slot] = current
        }
    }
}
