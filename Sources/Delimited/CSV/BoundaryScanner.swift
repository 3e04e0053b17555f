#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds record boundaries (an LF outside a quoted field) in a byte stream
/// that arrives in pieces, following the rules of `FieldState`.
///
/// Quote-free stretches are skipped with `memchr`: outside a quoted field
/// every LF in such a stretch is a boundary, so only the last one matters,
/// and the state after the stretch depends only on its last byte.
struct BoundaryScanner {
    let delimiter: UInt8
    let quote: UInt8
    /// false: no byte opens a quoted field (every LF is a boundary).
    let isQuoting: Bool
    /// The state after the last byte scanned.
    private(set) var state = FieldState.fieldStart

    init(dialect: CSVDialect) {
        delimiter = dialect.delimiter
        quote = dialect.quote
        isQuoting = dialect.isQuoting
    }

    /// Scans `base[from..<to]`, continuing from the state left by the
    /// previous call.
    ///
    /// - Parameters:
    ///   - base: the buffer; `from...to` must lie inside it.
    ///   - from: first byte to scan, `<= to`.
    ///   - to: end of the bytes to scan.
    /// - Returns: the index just after the last boundary LF in the range, or
    ///   nil if there is none.
    /// - Complexity: O(`to - from`); `memchr` speed on quote-free text.
    mutating func scan(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        precondition(from >= 0 && from <= to, "scan range")
        var lastBoundary: Int? = nil
        var index = from
        // Safe because: the precondition above checks `0 <= from <= to`, and the only caller
        // (`CSVChunker.scanBuffered`) passes `to: end` with `end <= buffer.count`. `firstIndex` searches only
        // `index..<to` and returns an index in `index...to`; `base[quoteIndex - 1]` is read only when
        // `quoteIndex > index >= from`, so it is inside `from..<to`, as is the range given to `lastLineFeed`.
        while index < to {
            let quoteIndex = isQuoting ? Self.firstIndex(of: quote, in: base, from: index, to: to) : to
            if state != .quoted, quoteIndex > index {
                // No quote in index..<quoteIndex and not inside a quoted field.
                if let lineFeed = Self.lastLineFeed(in: base, from: index, to: quoteIndex) {
                    lastBoundary = lineFeed + 1
                }
                let lastByte = base[quoteIndex - 1]
                state = (lastByte == delimiter || lastByte == ByteValue.lineFeed) ? .fieldStart : .unquoted
            }
            guard quoteIndex < to else { break }
            state = state.afterQuote
            index = quoteIndex + 1
        }
        return lastBoundary
    }

    /// Index of the first `byte` in `base[from..<to]`, or `to`.
    @inline(__always)
    private static func firstIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Index of the last LF in `base[from..<to]`, or nil.
    @inline(__always)
    private static func lastLineFeed(in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        // Safe because: the loop reads `base[index]` only for `from <= index < to`; `scan` passes a subrange of
        // its own `from..<to`, which lies inside the buffer.
        var index = to
        while index > from {
            index -= 1
            if base[index] == ByteValue.lineFeed { return index }
        }
        return nil
    }
}
