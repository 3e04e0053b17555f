/// A small Snappy block compressor (greedy matches via a 4-byte hash table).
///
/// Output is a valid raw Snappy block; the ratio is below libsnappy's but
/// every reader (pyarrow, DuckDB, Polars) decodes it.
enum SnappyCompressor {
    /// Safe because: 4-byte loads happen only while `position + 4 <= count`, or at a `candidate` from the table, which
    /// holds only earlier positions (a position truncated by `Int32` is negative or fails
    /// `position - candidate <= 65_535`), so `candidate + 4 <= count` too; the match loop compares bytes only while
    /// `position + length < count`, with `candidate < position`; the slot is a 14-bit value (`>> 18` of a `UInt32`)
    /// into the `1 << 14` table; `appendLiteral` gets `literalStart <= position <= count` (a match ends at
    /// `position + length <= count`).
    static func compress(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        RLEBitPackedHybridEncoder.appendVarint(input.count, into: &out)
        let count = input.count
        guard count > 0, let base = input.baseAddress else { return }
        var table = [Int32](repeating: -1, count: 1 << 14)
        var literalStart = 0
        var position = 0
        while position + 4 <= count {
            let word = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            let slot = Int((word &* 0x1E35_A7BD) >> 18)
            let candidate = Int(table[slot])
            table[slot] = Int32(truncatingIfNeeded: position)
            if candidate >= 0, position - candidate <= 65_535,
                base.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == word
            {
                var length = 4
                while position + length < count
                    && base.load(fromByteOffset: candidate + length, as: UInt8.self)
                        == base.load(fromByteOffset: position + length, as: UInt8.self)
                {
                    length += 1
                }
                appendLiteral(base, from: literalStart, to: position, into: &out)
                appendCopy(offset: position - candidate, length: length, into: &out)
                position += length
                literalStart = position
            } else {
                position += 1
            }
        }
        appendLiteral(base, from: literalStart, to: count, into: &out)
    }

    /// Safe because: `compress` passes `start <= end <= input.count` (`literalStart`, which only moves to the end of a
    /// match, with `position` or `count`), and each chunk reads `min(end - start, 65_536)` bytes from `start`.
    private static func appendLiteral(_ base: UnsafeRawPointer, from start: Int, to end: Int, into out: inout [UInt8]) {
        var start = start
        while start < end {
            let length = min(end - start, 65_536)
            let stored = length - 1
            if stored < 60 {
                out.append(UInt8(stored) << 2)
            } else if stored < 256 {
                out.append(60 << 2)
                out.append(UInt8(stored))
            } else {
                out.append(61 << 2)
                out.append(UInt8(stored & 0xff))
                out.append(UInt8(stored >> 8))
            }
            out.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: length))
            start += length
        }
    }

    private static func appendCopy(offset: Int, length: Int, into out: inout [UInt8]) {
        var remaining = length
        while remaining > 0 {
            let chunk = min(remaining, 64)
            // Two-byte-offset copy: tag 10, length 1...64.
            out.append(UInt8(chunk - 1) << 2 | 2)
            out.append(UInt8(offset & 0xff))
            out.append(UInt8(offset >> 8))
            remaining -= chunk
        }
    }
}
