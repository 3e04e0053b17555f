/// Byte searches eight bytes at a time (SWAR: SIMD within a register).
///
/// A byte of `word ^ broadcast(b)` is zero exactly where `word` holds `b`.
/// `zeroBytes` marks zero bytes without false positives: `(x & 0x7F) + 0x7F`
/// sets bit 7 of a byte iff its low 7 bits are non-zero and never carries
/// into the next byte; or-ing `x` adds the bytes whose bit 7 was set.
enum ByteSearch {
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// `byte` in each of the 8 bytes of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// Bit 7 of every byte of `x` that is zero; all other bits clear.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x) & ~low7 }

    /// The 8 bytes at `base + index`, the first one in the low bits.
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first byte equal to `first` or `second` in
    /// `base[from..<to]`, or `to` if there is none.
    ///
    /// - Precondition: `0 <= from <= to` and `base[0..<to]` is readable.
    /// - Complexity: O(`to - from`), 8 bytes per step.
    @inline(__always)
    static func firstIndex(
        of first: UInt8, or second: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int
    ) -> Int {
        let firstPattern = broadcast(first)
        let secondPattern = broadcast(second)
        var index = from
        // Safe because each word is read only when 8 bytes remain before `to`.
        while to - index >= 8 {
            let block = word(base, index)
            let matches = zeroBytes(block ^ firstPattern) | zeroBytes(block ^ secondPattern)
            if matches != 0 { return index + matches.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < to {
            let byte = base[index]
            if byte == first || byte == second { return index }
            index += 1
        }
        return to
    }

    /// The number of bytes equal to `byte` in `base[0..<count]`.
    ///
    /// - Complexity: O(`count`), 8 bytes per step.
    static func count(of byte: UInt8, in base: UnsafePointer<UInt8>, count: Int) -> Int {
        let pattern = broadcast(byte)
        var total = 0
        var index = 0
        // Safe because each word is read only when 8 bytes remain.
        while count - index >= 8 {
            // One bit per matching byte moved to bit 0 of its byte; the
            // multiply sums the 8 bytes (at most 8) into the top byte. This
            // avoids `nonzeroBitCount`, a library call without `-mpopcnt`.
            let ones = zeroBytes(word(base, index) ^ pattern) >> 7
            total += Int((ones &* 0x0101_0101_0101_0101) >> 56)
            index += 8
        }
        while index < count {
            if base[index] == byte { total += 1 }
            index += 1
        }
        return total
    }
}
