/// Dictionary pages and dictionary-encoded data pages.
extension ColumnChunkDecoder {
    func decodeDictionaryPage(
        _ page: Page, codec: CompressionCodec, descriptor: ColumnDescriptor, batch: ColumnBatch
    ) throws {
        guard let header = page.header.dictionaryPage else {
            throw ParquetError(.corruptPage, "DICTIONARY_PAGE without dictionary_page_header")
        }
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "unsupported dictionary page encoding \(header.encoding)")
        }
        let count = Int(header.numValues)
        guard count >= 0, count <= ColumnChunkDecoder.dictionaryEntryCountMax else {
            throw ParquetError(
                .corruptPage,
                "dictionary page declares \(header.numValues) entries (allowed "
                    + "0...\(ColumnChunkDecoder.dictionaryEntryCountMax))"
            )
        }
        let body = try decompressor.decompress(
            codec, page.body, uncompressedSize: Int(page.header.uncompressedPageSize))
        switch descriptor.physicalType {
        case .byteArray:
            denseEnds.removeAll()
            _ = try PlainDecoder.decodeByteArrays(body, count: count, bytes: batch.dictionaryBytes, ends: denseEnds)
            batch.dictionaryOffsets.removeAll()
            batch.dictionaryOffsets.append(0)
            batch.dictionaryOffsets.append(contentsOf: denseEnds.elements)
            batch.layout = .dictionaryByteArray
        case .boolean:
            guard count <= body.count * 8 else {
                throw ParquetError(.corruptPage, "dictionary page of \(body.count) bytes cannot hold \(count) booleans")
            }
            dictionaryFixed.resize(count)
            try PlainDecoder.decodeBooleans(body, count: count, into: dictionaryFixed.pointer)
        default:
            let width = batch.valueWidth
            // Checked before allocating: the entries must be in the page.
            guard count <= body.count / max(width, 1) else {
                throw ParquetError(
                    .corruptPage,
                    "dictionary page of \(body.count) bytes cannot hold \(count) entries of \(width) bytes")
            }
            dictionaryFixed.resize(count * width)
            try PlainDecoder.decodeFixedWidth(
                body, count: count, width: width, into: UnsafeMutableRawPointer(dictionaryFixed.pointer))
        }
        dictionaryCount = count
        hasDictionary = true
    }

    /// Decodes `present` indices (bit width byte + RLE/bit-packed hybrid),
    /// each checked against the dictionary size, into `denseIndices`.
    func decodeIndices(_ source: UnsafeRawBufferPointer, present: Int) throws {
        denseIndices.resize(present)
        try decodeIndices(source, present: present, into: denseIndices.pointer)
    }

    /// Decodes `present` checked indices into `decoded` (room for `present`).
    ///
    /// Safe because: callers give `decoded` room for `present` values (`denseIndices.resize(present)`, or
    /// `batch.indices` resized to `start + slots` with `present <= slots`), `RLEBitPackedHybridDecoder.decode` writes
    /// exactly `present` values there (it throws if the runs end first), and the loop reads back only
    /// `decoded[0..<present]`. `source[1...]` is valid because `source.first` was non-nil.
    func decodeIndices(
        _ source: UnsafeRawBufferPointer, present: Int, into decoded: UnsafeMutablePointer<UInt32>
    ) throws {
        guard present > 0 else { return }
        guard hasDictionary else {
            throw ParquetError(.corruptPage, "dictionary-encoded data page but the column chunk has no dictionary page")
        }
        guard let bitWidth = source.first else {
            throw ParquetError(.corruptValues, "dictionary-encoded page has no bit width byte")
        }
        var decoder = try RLEBitPackedHybridDecoder(
            bytes: UnsafeRawBufferPointer(rebasing: source[1...]), bitWidth: Int(bitWidth))
        try decoder.decode(into: decoded, count: present)
        var highest: UInt32 = 0
        for index in 0..<present { highest = max(highest, decoded[index]) }
        guard Int(highest) < dictionaryCount else {
            throw ParquetError(
                .corruptValues,
                "dictionary index \(highest) out of range: the dictionary has \(dictionaryCount) entries")
        }
    }

    func decodeDictionaryIndices(
        _ source: UnsafeRawBufferPointer, present: Int, descriptor: ColumnDescriptor, batch: ColumnBatch, start: Int,
        slots: Int
    ) throws {
        if descriptor.physicalType == .byteArray && batch.layout == .dictionaryByteArray {
            // Indices are the batch's values: decode in place, then spread to the row slots.
            batch.indices.resize(start + slots)
            try decodeIndices(source, present: present, into: batch.indices.pointer + start)
            ColumnChunkDecoder.spread(
                batch.indices.pointer + start, validity: batch.validity.pointer + start, slots: slots, present: present)
            return
        }
        try decodeIndices(source, present: present)
        if descriptor.physicalType == .byteArray {
            gatherByteArrays(batch, present: present)
            spreadOffsets(batch, start: start, slots: slots)
        } else {
            let width = batch.valueWidth
            batch.fixedValues.resize((start + slots) * width)
            gatherFixed(
                into: UnsafeMutableRawPointer(batch.fixedValues.pointer + start * width), width: width, count: present)
            spreadFixed(batch, start: start, slots: slots, present: present)
        }
    }

    /// Copies dictionary entries for `denseIndices` (already range-checked).
    ///
    /// Safe because: `decodeIndices` checked every one of the `count` (= `present`) indices against `dictionaryCount`,
    /// and `decodeDictionaryPage` sized `dictionaryFixed` to `dictionaryCount * width` bytes with the same
    /// `batch.valueWidth` (after checking the entries fit in the page), so each source entry lies inside it;
    /// `decodeDictionaryIndices` resized `fixedValues` to `(start + slots) * width` with `present <= slots`, so the
    /// `count * width` target bytes exist.
    private func gatherFixed(into target: UnsafeMutableRawPointer, width: Int, count: Int) {
        let source = UnsafeRawPointer(dictionaryFixed.pointer)
        let indices = denseIndices.pointer
        switch width {
        case 4:
            ColumnChunkDecoder.gather(
                source.assumingMemoryBound(to: UInt32.self), indices, count, target.assumingMemoryBound(to: UInt32.self)
            )
        case 8:
            ColumnChunkDecoder.gather(
                source.assumingMemoryBound(to: UInt64.self), indices, count, target.assumingMemoryBound(to: UInt64.self)
            )
        case 1:
            ColumnChunkDecoder.gather(
                source.assumingMemoryBound(to: UInt8.self), indices, count, target.assumingMemoryBound(to: UInt8.self))
        default:
            for index in 0..<count {
                (target + index * width).copyMemory(from: source + Int(indices[index]) * width, byteCount: width)
            }
        }
    }

    @inline(__always)
    static func gather<T>(
        _ dictionary: UnsafePointer<T>, _ indices: UnsafePointer<UInt32>, _ count: Int,
        _ target: UnsafeMutablePointer<T>
    ) {
        // Safe because every index was checked against the dictionary count.
        for index in 0..<count { target[index] = dictionary[Int(indices[index])] }
    }

    /// Appends the dictionary entries for `denseIndices` as plain byte arrays.
    private func gatherByteArrays(_ batch: ColumnBatch, present: Int) {
        let offsets = batch.dictionaryOffsets.pointer
        let indices = denseIndices.pointer
        var total = 0
        for index in 0..<present {
            let entry = Int(indices[index])
            total += offsets[entry + 1] - offsets[entry]
        }
        denseEnds.resize(present)
        batch.byteValues.reserve(batch.byteValues.count + total)
        let source = UnsafeRawPointer(batch.dictionaryBytes.pointer)
        let target = UnsafeMutableRawPointer(batch.byteValues.pointer)
        let ends = denseEnds.pointer
        var end = batch.byteValues.count
        // Safe because every index was checked and byteValues was reserved for `total` bytes.
        for index in 0..<present {
            let entry = Int(indices[index])
            let length = offsets[entry + 1] - offsets[entry]
            (target + end).copyMemory(from: source + offsets[entry], byteCount: length)
            end += length
            ends[index] = end
        }
        batch.byteValues.count = end
    }

    /// Turns a dictionary-layout batch into the plain layout (dictionary
    /// fallback: a chunk whose later pages are PLAIN).
    ///
    /// Safe because: `rows` is `batch.rowCount`, and a dictionary-layout batch holds `rowCount` validity bytes and
    /// `rowCount` indices (each page resizes both to `start + slots`); the index of every valid row was checked against
    /// `dictionaryCount` in `decodeIndices` before it was stored, and `dictionaryOffsets` holds `dictionaryCount + 1`
    /// offsets into `dictionaryBytes` (the ends `PlainDecoder.decodeByteArrays` wrote), so `dictionaryEntry` stays
    /// inside `dictionaryBytes`; `append` grows its buffer as needed.
    func materializeDictionary(_ batch: ColumnBatch) {
        let rows = batch.rowCount
        batch.byteOffsets.removeAll()
        batch.byteOffsets.reserve(rows + 1)
        batch.byteOffsets.append(0)
        batch.byteValues.removeAll()
        for row in 0..<rows {
            if batch.validity[row] != 0 {
                let entry = batch.dictionaryEntry(Int(batch.indices[row]))
                batch.byteValues.append(contentsOf: entry.bindMemory(to: UInt8.self))
            }
            batch.byteOffsets.append(batch.byteValues.count)
        }
        batch.layout = .byteArray
    }
}
