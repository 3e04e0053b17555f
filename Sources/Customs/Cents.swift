/// Exact money: every value becomes Int64 cents (docs/semantics.md, Money).
///
/// Each conversion returns nil when the result does not fit Int64 (the
/// caller reports an overflow, exit 65) and never traps.
public enum Cents {
    /// Powers of ten that fit Int64 (10^0 … 10^18).
    static let powersOfTen: [Int64] = (0...18).map { exponent in
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Whole dollars → cents.
    @inline(__always)
    public static func fromDollars(_ dollars: Int64) -> Int64? {
        let (result, overflow) = dollars.multipliedReportingOverflow(by: 100)
        return overflow ? nil : result
    }

    /// A DECIMAL unscaled value with `scale` → cents, rounding half away from zero.
    @inline(__always)
    public static func fromDecimal(_ unscaled: Int64, scale: Int) -> Int64? {
        if scale == 2 { return unscaled }
        if scale < 2 {
            let shift = 2 - scale
            guard shift < powersOfTen.count else { return unscaled == 0 ? 0 : nil }
            let (result, overflow) = unscaled.multipliedReportingOverflow(by: powersOfTen[shift])
            return overflow ? nil : result
        }
        let shift = scale - 2
        guard shift < powersOfTen.count else {
            // 10^19 does not fit Int64: |unscaled| / 10^19 rounds to ±1 or 0; beyond, always 0.
            guard shift == 19 else { return 0 }
            return unscaled.magnitude >= 5_000_000_000_000_000_000 ? (unscaled < 0 ? -1 : 1) : 0
        }
        let divisor = powersOfTen[shift]
        let quotient = unscaled / divisor
        let remainder = unscaled % divisor
        // Half away from zero: |remainder| * 2 >= divisor (no overflow: |remainder| < divisor <= 10^18).
        if remainder.magnitude * 2 >= divisor.magnitude {
            return unscaled < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    /// A wide DECIMAL (big-endian two's complement, up to 16 bytes) → cents.
    public static func fromDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int) -> Int64? {
        guard bytes.count > 0, bytes.count <= 16 else {
            return bytes.isEmpty ? 0 : fromWideDecimal(bytes, scale: scale)
        }
        // Safe because: `bytes[0]` is read only after the guard above established 1...16 bytes, and the loop
        // iterates the buffer itself (`for byte in bytes`), which stops at `bytes.count`.
        var value: Int128 = (bytes[0] & 0x80) != 0 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int128(byte) }
        return fromDecimal128(value, scale: scale)
    }

    static func fromDecimal128(_ unscaled: Int128, scale: Int) -> Int64? {
        var value = unscaled
        if scale < 2 {
            for _ in 0..<(2 - scale) {
                let (result, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = result
            }
            return Int64(exactly: value)
        }
        if scale > 2 {
            let shift = scale - 2
            guard shift <= 38 else { return 0 }
            var divisor: Int128 = 1
            for _ in 0..<shift { divisor *= 10 }
            let quotient = value / divisor
            let remainder = value % divisor
            value = remainder.magnitude * 2 >= divisor.magnitude ? (value < 0 ? quotient - 1 : quotient + 1) : quotient
        }
        return Int64(exactly: value)
    }

    /// Decimals wider than 16 bytes: valid only when sign-extended from 16 bytes.
    static func fromWideDecimal(_ bytes: UnsafeRawBufferPointer, scale: Int) -> Int64? {
        // Safe because: the only caller, `fromDecimal(bigEndian:scale:)`, calls this only when `bytes.count > 16`
        // (its guard), so `extra >= 1`: `bytes[0]` and `0..<extra` are inside the buffer and `bytes[extra...]`
        // is its last 16 bytes.
        let extra = bytes.count - 16
        let fill: UInt8 = (bytes[0] & 0x80) != 0 ? 0xff : 0
        for index in 0..<extra where bytes[index] != fill { return nil }
        return fromDecimal(bigEndian: UnsafeRawBufferPointer(rebasing: bytes[extra...]), scale: scale)
    }

    /// Outcome of converting a value that may not be a number, or may not fit.
    public enum Conversion: Equatable {
        case cents(Int64)
        /// Not a number (NaN, ±infinity, malformed text): the line is rejected as `invalid_value`.
        case invalid
        /// A number, but beyond Int64 cents: the run fails (exit 65), as a sum past Int64 does.
        case overflow
    }

    /// DOUBLE/FLOAT dollars → cents: `(x * 100).rounded(.toNearestOrAwayFromZero)`.
    @inline(__always)
    public static func fromDouble(_ dollars: Double) -> Conversion {
        guard dollars.isFinite else { return .invalid }
        let cents = (dollars * 100).rounded(.toNearestOrAwayFromZero)
        guard let exact = Int64(exactly: cents) else { return .overflow }
        return .cents(exact)
    }

    /// Money text (`"-1234.5"`, `"1.005"`, `"$1,234.56"` in `.standard`) →
    /// cents, half away from zero; nil if it is not a number in `format` or
    /// beyond Int64 cents.
    public static func fromText(_ text: Substring, format: MoneyFormat = .standard) -> Int64? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { fromText(bytes: UnsafeRawBufferPointer($0), format: format) }
    }

    /// Money text in bytes → cents; nil if it is not a number in `format` or
    /// beyond Int64 cents (`parse(text:format:)` tells the two apart).
    public static func fromText(bytes raw: UnsafeRawBufferPointer, format: MoneyFormat = .standard) -> Int64? {
        if case let .cents(cents) = parse(text: raw, format: format) { return cents }
        return nil
    }

    /// Money text in bytes, surrounding ASCII whitespace ignored → cents
    /// (half away from zero, exact: 128-bit accumulation, never a Double).
    ///
    /// - Parameters:
    ///   - raw: any bytes.
    ///   - format: separators and currency signs accepted (`MoneyFormat`).
    /// - Returns: `.invalid` when the text is not a number in `format`,
    ///   `.overflow` when it is one beyond Int64 cents.
    /// - Complexity: O(text length); no allocation (the CSV hot path calls it per value). The plain form most
    ///   extracts write (`plainCents`) is read in one pass of 64-bit arithmetic; any other text takes the
    ///   general scan and 128-bit conversion.
    @inline(__always)
    public static func parse(text raw: UnsafeRawBufferPointer, format: MoneyFormat) -> Conversion {
        if let cents = plainCents(raw, decimalSeparator: format.decimalSeparator) { return .cents(cents) }
        guard let money = format.scan(raw) else { return .invalid }
        return money.cents(in: raw)
    }

    /// The cents of text in the plain form `[-]D…D[S[D[D]]]` (1 to 15 integer digits, the decimal separator
    /// `S`, at most two fraction digits, nothing else: no white space, sign `+`, currency or thousands
    /// separator); nil for any other text, which `parse` then reads by the general rule. Every text this
    /// accepts is a number in every `MoneyFormat` whose decimal separator is `S`, with the same cents: at
    /// most 15 + 2 digits, so no rounding and no overflow (10^17 < 2^63); it is also the text's exact
    /// DECIMAL(18, 2) unscaled value (`MoneyText.unscaled(in:scale:)` at scale 2).
    ///
    /// - Complexity: O(text length), at most 19 bytes read.
    @inline(__always)
    public static func plainCents(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> Int64? {
        // Safe because: every read is `text[index]` with `index < count` checked first (`count` is
        // `text.count`), and `index` only grows by one after such a check.
        let count = text.count
        guard count > 0, count <= 19 else { return nil }
        let isNegative = text[0] == UInt8(ascii: "-")
        var index = isNegative ? 1 : 0
        let integerStart = index
        var whole: Int64 = 0
        while index < count {
            let digit = text[index] &- 0x30
            guard digit < 10 else { break }
            whole = whole &* 10 &+ Int64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits >= 1, integerDigits <= 15 else { return nil }
        var cents = whole &* 100
        if index < count {
            guard text[index] == decimalSeparator, count - index <= 3 else { return nil }
            index += 1
            var scale: Int64 = 10
            while index < count {
                let digit = text[index] &- 0x30
                guard digit < 10 else { return nil }
                cents = cents &+ Int64(digit) &* scale
                scale = 1
                index += 1
            }
        }
        return isNegative ? 0 &- cents : cents
    }
}
