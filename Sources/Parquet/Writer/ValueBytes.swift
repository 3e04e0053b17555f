/// Uniform byte access to a column's dense values, for hashing, statistics
/// and PLAIN encoding.
struct ValueBytes {
    let count: Int
    /// Fixed width in bytes, or 0 for BYTE_ARRAY.
    let width: Int
    let base: UnsafeRawPointer
    let offsets: UnsafePointer<Int>?

    /// A valid address for empty buffers (never read).
    nonisolated(unsafe) static let emptyBase = UnsafeRawPointer(
        UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16))

    @inline(__always)
    func value(_ index: Int) -> UnsafeRawBufferPointer {
        if let offsets {
            let start = offsets[index]
            return UnsafeRawBufferPointer(start: base + start, count: offsets[index + 1] - start)
        }
        return UnsafeRawBufferPointer(start: base + index * width, count: width)
    }
}

extension ColumnData.Values {
    /// Calls `body` with byte access to the values. BOOLEAN is one byte (0/1) per value.
    func withValueBytes<R>(_ body: (ValueBytes) -> R) -> R {
        func fixed<T>(_ array: [T]) -> R {
            array.withUnsafeBytes { raw in
                body(
                    ValueBytes(
                        count: array.count, width: MemoryLayout<T>.stride,
                        base: raw.baseAddress ?? ValueBytes.emptyBase, offsets: nil))
            }
        }
        switch self {
        case let .boolean(array): return fixed(array.map { $0 ? UInt8(1) : 0 })
        case let .int32(array): return fixed(array)
        case let .int64(array): return fixed(array)
        case let .float(array): return fixed(array)
        case let .double(array): return fixed(array)
        case let .fixedLenByteArray(width, bytes):
            return bytes.withUnsafeBytes { raw in
                body(
                    ValueBytes(
                        count: width > 0 ? bytes.count / width : 0, width: width,
                        base: raw.baseAddress ?? ValueBytes.emptyBase, offsets: nil))
            }
        case let .byteArray(offsets, bytes):
            return bytes.withUnsafeBytes { raw in
                offsets.withUnsafeBufferPointer { offsetBuffer in
                    body(
                        ValueBytes(
                            count: max(offsets.count - 1, 0), width: 0, base: raw.baseAddress ?? ValueBytes.emptyBase,
                            offsets: offsetBuffer.baseAddress))
                }
            }
        }
    }
}
