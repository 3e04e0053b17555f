/// Encoder for the RLE / bit-packed hybrid (definition levels, dictionary
/// indices). Runs of at least 8 equal values at a group boundary become
/// repeated runs; everything else is bit-packed in groups of 8 (only the
/// last group is padded, so decoders that read an exact count never see
/// padding as data).
enum RLEBitPackedHybridEncoder {
    /// Appends the encoding of `values` (each < 2^bitWidth) to `out`.
    ///
    /// - Precondition: 0 ≤ bitWidth ≤ 32.
    /// - Complexity: O(values.count).
    ///
    /// Safe because: `values[index]` and `runLength(values, from:)` are reached only with an index below `count`
    /// (`index < count` in the loop; `end < count` is tested before `runLength(values, from: end)`), and `appendPacked`
    /// gets `index < end <= count`.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        precondition(bitWidth >= 0 && bitWidth <= 32)
        let count = values.count
        var index = 0
        while index < count {
            let run = runLength(values, from: index)
            if run >= 8 {
                appendRepeated(values[index], count: run, bitWidth: bitWidth, into: &out)
                index += run
                continue
            }
            var end = index
            repeat {
                end = min(end + 8, count)
            } while end < count && end - index < 8 * 1024 && runLength(values, from: end) < 16
            appendPacked(values, from: index, to: end, bitWidth: bitWidth, into: &out)
            index = end
        }
    }

    /// Safe because: `encode` passes `start < values.count`, and the loop reads `values[end]` only while
    /// `end < values.count`.
    private static func runLength(_ values: UnsafeBufferPointer<UInt32>, from start: Int) -> Int {
        let first = values[start]
        var end = start + 1
        while end < values.count && values[end] == first { end += 1 }
        return end - start
    }

    static func appendVarint(_ value: Int, into out: inout [UInt8]) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func appendRepeated(_ value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        appendVarint(count << 1, into: &out)
        for byte in 0..<((bitWidth + 7) / 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byte))) }
    }

    /// Safe because: `values[position]` is read only when `position < end`, and `encode` passes `end <= values.count`;
    /// the padding positions up to `start + groups * 8` read nothing.
    private static func appendPacked(
        _ values: UnsafeBufferPointer<UInt32>, from start: Int, to end: Int, bitWidth: Int, into out: inout [UInt8]
    ) {
        let groups = (end - start + 7) / 8
        appendVarint(groups << 1 | 1, into: &out)
        guard bitWidth > 0 else { return }
        var accumulator: UInt64 = 0
        var bits = 0
        for position in start..<(start + groups * 8) {
            let value = position < end ? UInt64(values[position]) : 0
            accumulator |= value << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }
}
