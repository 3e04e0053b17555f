/// Text of cells, shared by every format.
public enum CellText {
    /// Cents as dollars with exactly two decimals, no separators (`-1234.05`).
    public static func money(_ cents: Int64) -> String { text { appendMoney(cents, to: &$0) } }

    /// `numerator / denominator` like C's `%.6f` (but `0.000000`, never `-0.000000`, for a quotient that
    /// rounds to zero), or `""` when the denominator is 0.
    ///
    /// - Complexity: O(1), one small string; no `printf` (whose varargs boxing dominated large tables).
    public static func share(_ numerator: Int64, _ denominator: Int64) -> String {
        text { appendShare(numerator, denominator, to: &$0) }
    }

    /// Plain text of a cell (CSV/TSV/Markdown).
    public static func plain(_ cell: Cell) -> String {
        if case let .text(text) = cell { return text }
        return text { appendPlain(cell, to: &$0) }
    }

    /// Appends the plain text of `cell` (as `plain`) to `out`, as UTF-8.
    ///
    /// - Complexity: O(length of the text); numbers are written digit by digit, no `String` made.
    public static func appendPlain(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case let .text(text): out += text.utf8
        case let .integer(value):
            if value < 0 { out.append(UInt8(ascii: "-")) }
            appendDigits(value.magnitude, to: &out)
        case let .money(cents): appendMoney(cents, to: &out)
        case let .share(numerator, denominator): appendShare(numerator, denominator, to: &out)
        }
    }

    /// Appends `money(cents)`.
    public static func appendMoney(_ cents: Int64, to out: inout [UInt8]) {
        let magnitude = cents.magnitude
        if cents < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / 100, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(magnitude % 100, minimumCount: 2, to: &out)
    }

    /// Appends `share(numerator, denominator)` (nothing when the denominator is 0).
    public static func appendShare(_ numerator: Int64, _ denominator: Int64, to out: inout [UInt8]) {
        guard denominator != 0 else { return }
        appendSixDecimals(Double(numerator) / Double(denominator), to: &out)
    }

    /// A finite `value` with six decimals as glibc's `%.6f` prints it: the exact binary value rounded
    /// to the nearest millionth, ties to even; no sign when it rounds to zero.
    ///
    /// - Precondition: `value.isFinite` and below 2^93 in magnitude.
    static func sixDecimals(_ value: Double) -> String { text { appendSixDecimals(value, to: &$0) } }

    /// Appends `sixDecimals(value)`.
    ///
    /// The double is `significand × 2^exponent` exactly (a 53-bit integer significand), so the
    /// millionths are `significand × 10^6 × 2^exponent`, computed in 128-bit integers: below
    /// 2^73 × 2^11 for any quotient of Int64 values, exact for every finite double.
    ///
    /// - Precondition: as `sixDecimals`.
    static func appendSixDecimals(_ value: Double, to out: inout [UInt8]) {
        precondition(value.isFinite, "a share is finite")
        let bits = value.magnitude
        let significand =
            UInt128(bits.significandBitPattern) | (bits.exponentBitPattern == 0 ? 0 : UInt128(1) << 52)
        let exponent = bits.exponentBitPattern == 0 ? -1074 : Int(bits.exponentBitPattern) - 1075
        let millionths: UInt128
        if exponent >= 0 {
            // A quotient of Int64 values is below 2^64: its exponent is at most 11.
            precondition(exponent <= 40, "a share of Int64 sums is below 2^64")
            millionths = (significand << exponent) * 1_000_000
        } else if exponent < -100 {
            millionths = 0  // below 2^53 × 2^-101 = 2^-48: far under half a millionth
        } else {
            let product = significand * 1_000_000
            let shift = UInt128(-exponent)
            let quotient = product >> shift
            let remainder = product - (quotient << shift)
            let half = UInt128(1) << (shift - 1)
            millionths = remainder > half || (remainder == half && quotient & 1 == 1) ? quotient + 1 : quotient
        }
        if value < 0 && millionths != 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(millionths / 1_000_000, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(UInt64(millionths % 1_000_000), minimumCount: 6, to: &out)
    }

    /// Appends the decimal digits of `value`, zero-padded on the left to `minimumCount` (≤ 24 + 19).
    private static func appendDigits(_ value: UInt128, minimumCount: Int = 1, to out: inout [UInt8]) {
        if let small = UInt64(exactly: value) {
            appendDigits(small, minimumCount: minimumCount, to: &out)
            return
        }
        // Above 2^64 (a share's whole part only): the high digits, then 19 low ones.
        let (high, low) = value.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
        appendDigits(high, minimumCount: max(minimumCount - 19, 1), to: &out)
        appendDigits(UInt64(low), minimumCount: 19, to: &out)
    }

    /// Appends the decimal digits of `value`, zero-padded on the left to `minimumCount` (≤ 24).
    ///
    /// Safe because: the buffer is the 24 bytes of `digits`; at most 24 digits are written
    /// (20 for any UInt64, `minimumCount` ≤ 24), from index 23 down.
    private static func appendDigits(_ value: UInt64, minimumCount: Int = 1, to out: inout [UInt8]) {
        // 2^64 has 20 digits; 24 bytes of room.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumCount
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// The text `write` appends to an empty byte array.
    private static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }
}
