#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PLAIN encoding of a range of dense values.
enum PlainEncoder {
    /// Appends values `range` of `values` for `type` to `out`.
    ///
    /// Safe because: callers pass ranges inside `0..<values.count` (`encodePages`, see there; the dictionary page:
    /// entry indices that `DictionaryBuilder` took from `0..<values.count`), and the default branch reads
    /// `range.count * values.width` bytes at `range.lowerBound * values.width`, inside the values. The BOOLEAN branch's
    /// `[0]` needs every value to have a byte, true when the `ColumnData` case matches the column's type (`.boolean`);
    /// nothing checks that match (see `typed`).
    static func encode(_ values: ValueBytes, range: Range<Int>, type: PhysicalType, into out: inout [UInt8]) {
        switch type {
        case .boolean:
            var byte: UInt8 = 0
            var bit = 0
            for index in range {
                byte |= values.value(index)[0] << UInt8(bit)
                bit += 1
                if bit == 8 {
                    out.append(byte)
                    byte = 0
                    bit = 0
                }
            }
            if bit > 0 { out.append(byte) }
        case .byteArray:
            for index in range {
                let bytes = values.value(index)
                let length = UInt32(bytes.count)
                out.append(UInt8(truncatingIfNeeded: length))
                out.append(UInt8(truncatingIfNeeded: length >> 8))
                out.append(UInt8(truncatingIfNeeded: length >> 16))
                out.append(UInt8(truncatingIfNeeded: length >> 24))
                out.append(contentsOf: bytes)
            }
        default:
            guard !range.isEmpty else { return }
            out.append(
                contentsOf: UnsafeRawBufferPointer(
                    start: values.base + range.lowerBound * values.width, count: range.count * values.width))
        }
    }

    /// Appends the PLAIN encoding of the dictionary entries (value indices).
    static func encode(_ values: ValueBytes, entries: [Int], type: PhysicalType, into out: inout [UInt8]) {
        for entry in entries { encode(values, range: entry..<(entry + 1), type: type, into: &out) }
    }
}

/// Column chunk min/max in the column's sort order (parquet-format TYPE_ORDER).
enum StatisticsBuilder {
    /// PLAIN bytes of the minimum and maximum non-null (and non-NaN) values.
    ///
    /// - Parameter distinct: the indices of the first occurrence of each distinct value, in order (a
    ///   dictionary's entries), when known: byte strings are then compared once per distinct value, not once
    ///   per row, with the same result (among equal values the first occurrence is kept either way).
    /// - Complexity: O(values) for integers; O(distinct values × their length) for the others.
    static func minMax(_ values: ValueBytes, type: PhysicalType, distinct: [Int]? = nil) -> (
        min: [UInt8], max: [UInt8]
    )? {
        switch type {
        case .int32: return typed(values, Int32.self)
        case .int64: return typed(values, Int64.self)
        default: break
        }
        if let distinct { return compared(values, type: type, at: distinct) }
        return compared(values, type: type, at: 0..<values.count)
    }

    /// The minimum and maximum of the values at `indices` (in order; the first of equal values kept).
    ///
    /// - Precondition: every index is below `values.count`.
    private static func compared<Indices: Sequence<Int>>(
        _ values: ValueBytes, type: PhysicalType, at indices: Indices
    ) -> (min: [UInt8], max: [UInt8])? {
        var minIndex = -1
        var maxIndex = -1
        for index in indices {
            if isNaN(values.value(index), type) { continue }
            if minIndex < 0 {
                minIndex = index
                maxIndex = index
                continue
            }
            if less(values.value(index), values.value(minIndex), type) { minIndex = index }
            if less(values.value(maxIndex), values.value(index), type) { maxIndex = index }
        }
        guard minIndex >= 0 else { return nil }
        return (Array(values.value(minIndex)), Array(values.value(maxIndex)))
    }

    /// Fixed-width integers: one pass over the typed values.
    ///
    /// Safe because: only when the caller's data matches the column's type: the loads read `values.count` values of
    /// `MemoryLayout<T>.stride` bytes, which stay inside the `values.count * values.width` bytes only if
    /// `values.width == MemoryLayout<T>.stride`. `minMax` calls this for INT32/INT64 columns, and nothing checks that
    /// the `ColumnData` case is `.int32`/`.int64` to match (an `.int32` array in an INT64 column reads past its end).
    static func typed<T: FixedWidthInteger>(_ values: ValueBytes, _: T.Type) -> (min: [UInt8], max: [UInt8])? {
        guard values.count > 0 else { return nil }
        var low = values.base.loadUnaligned(as: T.self)
        var high = low
        for index in 1..<max(values.count, 1) {
            let value = values.base.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.stride, as: T.self)
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return (withUnsafeBytes(of: low) { Array($0) }, withUnsafeBytes(of: high) { Array($0) })
    }

    /// Unsigned lexicographic order of byte strings (memcmp, then length).
    @inline(__always)
    static func lessBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = Swift.min(a.count, b.count)
        if common > 0, let left = a.baseAddress, let right = b.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    static func isNaN(_ bytes: UnsafeRawBufferPointer, _ type: PhysicalType) -> Bool {
        switch type {
        case .float: Float(bitPattern: bytes.loadUnaligned(as: UInt32.self)).isNaN
        case .double: Double(bitPattern: bytes.loadUnaligned(as: UInt64.self)).isNaN
        default: false
        }
    }

    static func less(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ type: PhysicalType) -> Bool {
        switch type {
        case .boolean: a[0] < b[0]
        case .int32: a.loadUnaligned(as: Int32.self) < b.loadUnaligned(as: Int32.self)
        case .int64: a.loadUnaligned(as: Int64.self) < b.loadUnaligned(as: Int64.self)
        case .float:
            Float(bitPattern: a.loadUnaligned(as: UInt32.self)) < Float(bitPattern: b.loadUnaligned(as: UInt32.self))
        case .double:
            Double(bitPattern: a.loadUnaligned(as: UInt64.self)) < Double(bitPattern: b.loadUnaligned(as: UInt64.self))
        default: lessBytes(a, b)
        }
    }
}
