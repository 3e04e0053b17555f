/// Text of cells, shared by every format.
public enum CellText {
    /// Cents as dollars with exactly two decimals, no separators (`-1234.05`).
    public static func money(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `numerator / denominator` like C's `%.6f` (but `0.000000`, never `-0.000000`, for a quotient that
    /// rounds to zero), or `""` when the denominator is 0.
    ///
    /// - Complexity: O(1), one small string; no `printf` (whose varargs boxing dominated large tables).
    public static func share(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator != 0 else { return "" }
        return sixDecimals(Double(numerator) / Double(denominator))
    }

    /// A finite `value` with six decimals as glibc's `%.6f` prints it: the exact binary value rounded
    /// to the nearest millionth, ties to even; no sign when it rounds to zero.
    ///
    /// The double is `significand × 2^exponent` exactly (a 53-bit integer significand), so the
    /// millionths are `significand × 10^6 × 2^exponent`, computed in 128-bit integers: below
    /// 2^73 × 2^11 for any quotient of Int64 values, exact for every finite double.
    ///
    /// - Precondition: `value.isFinite` and below 2^93 in magnitude.
    static func sixDecimals(_ value: Double) -> String {
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
        let fraction = String(millionths % 1_000_000)
        let sign = value < 0 && millionths != 0 ? "-" : ""
        return sign + String(millionths / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count)
            + fraction
    }

    /// Plain text of a cell (CSV/TSV/Markdown).
    public static func plain(_ cell: Cell) -> String {
        switch cell {
        case let .text(text): text
        case let .integer(value): String(value)
        case let .money(cents): money(cents)
        case let .share(numerator, denominator): share(numerator, denominator)
        }
    }

}
