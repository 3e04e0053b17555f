/// The decoded values of one column chunk, in reusable buffers.
///
/// Layout is Arrow-like and *spaced*: slot `i` belongs to row `i`; a null
/// row has `validity[i] == 0` and an unspecified (zeroed) value slot.
///
/// - Fixed-width types (BOOLEAN as one byte 0/1, INT32, INT64, INT96, FLOAT,
///   DOUBLE, FIXED_LEN_BYTE_ARRAY) live in `fixedValues`, `valueWidth` bytes
///   per row; view them typed with `values(as:)`.
/// - BYTE_ARRAY is either *plain*: `byteOffsets` (rows + 1 entries) into
///   `byteValues`; or, when every data page of the chunk was dictionary
///   encoded, *dictionary*: `dictionaryOffsets`/`dictionaryBytes` hold the
///   entries once and `indices` holds one entry index per row, so a consumer
///   translates each dictionary entry once instead of each value.
///
/// A batch is reused across `ColumnChunkDecoder.decode` calls; its buffers
/// only grow. Views returned from it are valid until the next decode.
public final class ColumnBatch {
    /// The layout of the values.
    public enum Layout: Sendable, Equatable {
        case fixedWidth
        case byteArray
        case dictionaryByteArray
    }

    public internal(set) var column: ColumnDescriptor?
    public internal(set) var layout: Layout = .fixedWidth
    /// Rows decoded.
    public internal(set) var rowCount = 0
    /// Rows whose value is null.
    public internal(set) var nullCount = 0
    /// Bytes per row in `fixedValues` (0 for byte arrays).
    public internal(set) var valueWidth = 0

    // Buffers start small and grow on first use: a reader that holds one
    // batch per column of a 100,000-column file must not hold 100,000 × 37 KiB.

    /// One byte per row: 1 = value present, 0 = null.
    public let validity = ScratchBuffer<UInt8>()
    /// Fixed-width values, `valueWidth` bytes per row.
    public let fixedValues = ScratchBuffer<UInt8>()
    /// Plain BYTE_ARRAY: `rowCount + 1` offsets into `byteValues`.
    public let byteOffsets = ScratchBuffer<Int>()
    public let byteValues = ScratchBuffer<UInt8>()
    /// Dictionary BYTE_ARRAY: entry `k` is `dictionaryBytes[dictionaryOffsets[k] ..< dictionaryOffsets[k+1]]`.
    public let dictionaryOffsets = ScratchBuffer<Int>()
    public let dictionaryBytes = ScratchBuffer<UInt8>()
    /// Dictionary BYTE_ARRAY: one entry index per row (0 for null rows).
    public let indices = ScratchBuffer<UInt32>()

    public init() {}

    /// Number of dictionary entries (dictionary layout only).
    public var dictionaryCount: Int { max(dictionaryOffsets.count - 1, 0) }

    /// Whether row `row` holds a value.
    @inlinable public func isValid(_ row: Int) -> Bool { validity[row] != 0 }

    /// The fixed-width values viewed as `T`.
    ///
    /// - Precondition: `MemoryLayout<T>.stride == valueWidth` (e.g. `Int64` for INT64).
    /// - Complexity: O(1).
    public func values<T: BitwiseCopyable>(as _: T.Type) -> UnsafeBufferPointer<T> {
        precondition(MemoryLayout<T>.stride == valueWidth, "value width \(valueWidth) does not match \(T.self)")
        let raw = UnsafeRawPointer(fixedValues.pointer)
        // Safe because ScratchBuffer memory is 16-byte aligned and holds rowCount * valueWidth bytes.
        return UnsafeBufferPointer(start: raw.assumingMemoryBound(to: T.self), count: rowCount)
    }

    /// The raw bytes of row `row`: the fixed-width slot, the byte array, or
    /// the dictionary entry it points at.
    public func bytes(at row: Int) -> UnsafeRawBufferPointer {
        switch layout {
        case .fixedWidth:
            return UnsafeRawBufferPointer(
                start: UnsafeRawPointer(fixedValues.pointer) + row * valueWidth, count: valueWidth)
        case .byteArray:
            let start = byteOffsets[row]
            return UnsafeRawBufferPointer(
                start: UnsafeRawPointer(byteValues.pointer) + start, count: byteOffsets[row + 1] - start)
        case .dictionaryByteArray:
            return dictionaryEntry(Int(indices[row]))
        }
    }

    /// Dictionary entry `entry`. - Precondition: `entry < dictionaryCount`.
    public func dictionaryEntry(_ entry: Int) -> UnsafeRawBufferPointer {
        let start = dictionaryOffsets[entry]
        return UnsafeRawBufferPointer(
            start: UnsafeRawPointer(dictionaryBytes.pointer) + start, count: dictionaryOffsets[entry + 1] - start)
    }

    /// Keeps rows `drop ..< drop + keep` only (used after decoding a row range).
    ///
    /// Safe because: the precondition at entry (checked in release builds) gives `drop + keep <= rowCount`, and
    /// decoding keeps `validity` at `rowCount` bytes, `fixedValues` at `rowCount * valueWidth` bytes, `byteOffsets` at
    /// `rowCount + 1` and `indices` at `rowCount` entries (`decodeDataPage` and each value path resize them to
    /// `start + slots`), so every source range ends inside its buffer; `update(from:count:)` and `copyMemory` (memmove)
    /// handle the overlapping move. The counting loop reads `validityBase[0..<keep]`.
    func trim(droppingFirst drop: Int, keeping keep: Int) {
        precondition(drop >= 0 && keep >= 0 && drop + keep <= rowCount, "trim range outside the batch")
        guard drop > 0 || keep < rowCount else { return }
        let validityBase = validity.pointer
        validityBase.update(from: validityBase + drop, count: keep)
        var nulls = 0
        for row in 0..<keep where validityBase[row] == 0 { nulls += 1 }
        switch layout {
        case .fixedWidth:
            let base = UnsafeMutableRawPointer(fixedValues.pointer)
            base.copyMemory(from: base + drop * valueWidth, byteCount: keep * valueWidth)
            fixedValues.count = keep * valueWidth
        case .byteArray:
            let offsets = byteOffsets.pointer
            offsets.update(from: offsets + drop, count: keep + 1)
            byteOffsets.count = keep + 1
        case .dictionaryByteArray:
            let base = indices.pointer
            base.update(from: base + drop, count: keep)
            indices.count = keep
        }
        validity.count = keep
        rowCount = keep
        nullCount = nulls
    }

    func reset(column: ColumnDescriptor) {
        self.column = column
        rowCount = 0
        nullCount = 0
        validity.removeAll()
        fixedValues.removeAll()
        byteOffsets.removeAll()
        byteValues.removeAll()
        dictionaryOffsets.removeAll()
        dictionaryBytes.removeAll()
        indices.removeAll()
        switch column.physicalType {
        case .byteArray:
            layout = .byteArray
            valueWidth = 0
            byteOffsets.append(0)
        case .fixedLenByteArray:
            layout = .fixedWidth
            valueWidth = column.typeLength
        case .boolean:
            layout = .fixedWidth
            valueWidth = 1
        default:
            layout = .fixedWidth
            valueWidth = column.physicalType.plainWidthBytes ?? 0
        }
    }
}
