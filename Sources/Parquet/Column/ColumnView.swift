/// A read-only view of a `ColumnBatch`'s buffers as plain pointers.
///
/// Taking the view once per batch lets hot loops index values without the
/// per-access checks of class properties. Valid until the batch is decoded
/// into again. `package`: raw pointers are a contract between roo's own
/// modules (the summarize fillers), never part of the library's public API.
package struct ColumnView {
    package let layout: ColumnBatch.Layout
    package let rowCount: Int
    package let valueWidth: Int
    let validity: UnsafePointer<UInt8>
    let fixedValues: UnsafeRawPointer
    let byteOffsets: UnsafePointer<Int>
    let byteValues: UnsafeRawPointer
    let dictionaryOffsets: UnsafePointer<Int>
    let dictionaryBytes: UnsafeRawPointer
    let indexValues: UnsafePointer<UInt32>
    /// Dictionary entries (dictionary layout only).
    package let dictionaryCount: Int

    package init(_ batch: ColumnBatch) {
        layout = batch.layout
        rowCount = batch.rowCount
        valueWidth = batch.valueWidth
        validity = UnsafePointer(batch.validity.pointer)
        fixedValues = UnsafeRawPointer(batch.fixedValues.pointer)
        byteOffsets = UnsafePointer(batch.byteOffsets.pointer)
        byteValues = UnsafeRawPointer(batch.byteValues.pointer)
        dictionaryOffsets = UnsafePointer(batch.dictionaryOffsets.pointer)
        dictionaryBytes = UnsafeRawPointer(batch.dictionaryBytes.pointer)
        indexValues = UnsafePointer(batch.indices.pointer)
        dictionaryCount = batch.dictionaryCount
    }

    /// One byte per row: 1 = present, 0 = null.
    package var validityBytes: UnsafePointer<UInt8> { validity }

    /// The values as INT64 in place (PLAIN INT64 is little-endian).
    ///
    /// - Precondition: `valueWidth == 8`, fixed-width layout, little-endian host.
    package var int64Values: UnsafePointer<Int64> {
        precondition(valueWidth == 8 && layout == .fixedWidth, "not an INT64 column")
        #if _endian(big)
        preconditionFailure("in-place INT64 values need a little-endian host")
        #endif
        // ScratchBuffer memory is 16-byte aligned; the batch holds rowCount values.
        return fixedValues.assumingMemoryBound(to: Int64.self)
    }

    /// Whether row `row` holds a value. - Precondition: `row < rowCount`.
    @inlinable @inline(__always)
    package func isValid(_ row: Int) -> Bool { validity[row] != 0 }

    /// Dictionary entry index of `row` (dictionary layout).
    @inlinable @inline(__always)
    package func index(_ row: Int) -> Int { Int(indexValues[row]) }

    /// Little-endian fixed-width integer of `row` (INT32 widened, INT64).
    @inlinable @inline(__always)
    package func integer(_ row: Int) -> Int64 {
        valueWidth == 8
            ? Int64(littleEndian: fixedValues.loadUnaligned(fromByteOffset: row &* 8, as: Int64.self))
            : Int64(Int32(littleEndian: fixedValues.loadUnaligned(fromByteOffset: row &* 4, as: Int32.self)))
    }

    /// FLOAT (widened) or DOUBLE value of `row`.
    @inlinable @inline(__always)
    package func floating(_ row: Int) -> Double {
        valueWidth == 8
            ? Double(bitPattern: UInt64(littleEndian: fixedValues.loadUnaligned(fromByteOffset: row &* 8, as: UInt64.self)))
            : Double(Float(bitPattern: UInt32(littleEndian: fixedValues.loadUnaligned(fromByteOffset: row &* 4, as: UInt32.self))))
    }

    /// Raw bytes of `row`: its fixed-width slot, its byte array, or its dictionary entry.
    @inlinable @inline(__always)
    package func bytes(_ row: Int) -> UnsafeRawBufferPointer {
        switch layout {
        case .fixedWidth:
            return UnsafeRawBufferPointer(start: fixedValues + row &* valueWidth, count: valueWidth)
        case .byteArray:
            let start = byteOffsets[row]
            return UnsafeRawBufferPointer(start: byteValues + start, count: byteOffsets[row + 1] - start)
        case .dictionaryByteArray:
            return dictionaryEntry(index(row))
        }
    }

    /// Dictionary entry `entry`. - Precondition: `entry < dictionaryCount`.
    @inlinable @inline(__always)
    package func dictionaryEntry(_ entry: Int) -> UnsafeRawBufferPointer {
        let start = dictionaryOffsets[entry]
        return UnsafeRawBufferPointer(start: dictionaryBytes + start, count: dictionaryOffsets[entry + 1] - start)
    }
}
