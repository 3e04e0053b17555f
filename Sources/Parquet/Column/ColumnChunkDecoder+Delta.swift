/// Data pages in DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
/// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT: decoded densely, then spread to
/// the row slots like PLAIN.
extension ColumnChunkDecoder {
    /// Whether `encoding` is one of the encodings this file handles for `type`.
    static func isOtherValueEncoding(_ encoding: Encoding, _ type: PhysicalType) -> Bool {
        switch encoding {
        case .deltaBinaryPacked: type == .int32 || type == .int64
        case .deltaLengthByteArray: type == .byteArray
        case .deltaByteArray: type == .byteArray || type == .fixedLenByteArray
        case .byteStreamSplit:
            type == .float || type == .double || type == .int32 || type == .int64 || type == .fixedLenByteArray
        default: false
        }
    }

    /// Safe because: `present` is the number of set validity bytes among the page's `slots` (`decodeValidity`), so
    /// `present <= slots`. `deltaValues` is resized to `present` and `DeltaBinaryPackedDecoder.decode` writes exactly
    /// that many (it throws unless the header declares `present` values); `fixedValues` is resized to
    /// `(start + slots) * width` before the typed loops write `present` values at `start * width`, and
    /// DELTA_BINARY_PACKED is accepted only for INT32/INT64 (`isOtherValueEncoding`), so `width` is 4 or 8. For
    /// FIXED_LEN_BYTE_ARRAY the byte-array decoders append exactly `present` ends to `denseEnds`, and the loop checks
    /// that every value is exactly `width` bytes, so `deltaBytes` holds the `present * width` bytes copied after it.
    func decodeOtherValues(
        _ source: UnsafeRawBufferPointer, encoding: Encoding, present: Int, descriptor: ColumnDescriptor,
        batch: ColumnBatch, start: Int, slots: Int
    ) throws {
        switch encoding {
        case .deltaBinaryPacked:
            deltaValues.resize(present)
            _ = try DeltaBinaryPackedDecoder.decode(source, count: present, into: deltaValues.pointer)
            let width = batch.valueWidth
            batch.fixedValues.resize((start + slots) * width)
            let target = UnsafeMutableRawPointer(batch.fixedValues.pointer + start * width)
            let decoded = deltaValues.pointer
            if width == 4 {
                // INT32 arithmetic wraps: the low 32 bits of the 64-bit sums.
                let values = target.assumingMemoryBound(to: Int32.self)
                for index in 0..<present { values[index] = Int32(truncatingIfNeeded: decoded[index]).littleEndian }
            } else {
                let values = target.assumingMemoryBound(to: Int64.self)
                for index in 0..<present { values[index] = decoded[index].littleEndian }
            }
            spreadFixed(batch, start: start, slots: slots, present: present)
        case .deltaLengthByteArray, .deltaByteArray:
            if descriptor.physicalType == .byteArray {
                if batch.layout == .dictionaryByteArray { materializeDictionary(batch) }
                denseEnds.removeAll()
                batch.byteValues.count = batch.byteOffsets[start]
                try decodeDeltaByteArrays(source, encoding: encoding, present: present, bytes: batch.byteValues)
                spreadOffsets(batch, start: start, slots: slots)
                return
            }
            // FIXED_LEN_BYTE_ARRAY (DELTA_BYTE_ARRAY only): every value must have the declared length.
            let width = batch.valueWidth
            denseEnds.removeAll()
            deltaBytes.removeAll()
            try decodeDeltaByteArrays(source, encoding: encoding, present: present, bytes: deltaBytes)
            var previous = 0
            for index in 0..<present {
                guard denseEnds[index] - previous == width else {
                    throw ParquetError(
                        .corruptValues,
                        "DELTA_BYTE_ARRAY value \(index) has \(denseEnds[index] - previous) bytes; "
                            + "FIXED_LEN_BYTE_ARRAY(\(width)) needs \(width)"
                    )
                }
                previous = denseEnds[index]
            }
            batch.fixedValues.resize((start + slots) * width)
            (UnsafeMutableRawPointer(batch.fixedValues.pointer) + start * width)
                .copyMemory(from: UnsafeRawPointer(deltaBytes.pointer), byteCount: present * width)
            spreadFixed(batch, start: start, slots: slots, present: present)
        case .byteStreamSplit:
            let width = batch.valueWidth
            batch.fixedValues.resize((start + slots) * width)
            try ByteStreamSplitDecoder.decode(
                source, count: present, width: width,
                into: UnsafeMutableRawPointer(batch.fixedValues.pointer + start * width))
            spreadFixed(batch, start: start, slots: slots, present: present)
        default:
            throw ParquetError(.unsupported, "unsupported encoding \(encoding) for \(descriptor.physicalType)")
        }
    }

    /// Appends `present` DELTA_LENGTH_BYTE_ARRAY or DELTA_BYTE_ARRAY values to
    /// `bytes`, their end offsets to `denseEnds`.
    private func decodeDeltaByteArrays(
        _ source: UnsafeRawBufferPointer, encoding: Encoding, present: Int, bytes: ScratchBuffer<UInt8>
    ) throws {
        if encoding == .deltaLengthByteArray {
            _ = try DeltaByteArrayDecoder.decodeLengthPrefixed(
                source, count: present, lengths: deltaValues, bytes: bytes, ends: denseEnds)
        } else {
            _ = try DeltaByteArrayDecoder.decodeIncremental(
                source, count: present, prefixLengths: deltaValues, suffixLengths: deltaSuffixLengths,
                suffixBytes: deltaSuffixBytes, suffixEnds: deltaSuffixEnds, bytes: bytes, ends: denseEnds
            )
        }
    }
}
