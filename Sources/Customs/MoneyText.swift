/// A money amount found in text by `MoneyFormat.scan`: the sign and where
/// its digits are. Byte ranges index the scanned text; the integer part may
/// hold thousands separators (already checked), the fraction part only digits.
public struct MoneyText: Sendable, Equatable {
    public var isNegative: Bool
    /// Integer digits and thousands separators.
    public var integerPart: Range<Int>
    /// Digits after the decimal separator.
    public var fractionPart: Range<Int>

    /// Digits after the decimal separator (the text's scale).
    public var fractionDigitCount: Int { fractionPart.count }

    /// The most integer digits (leading zeros aside) a value that fits Int64
    /// cents can have: Int64.max cents is 92,233,720,368,547,758.07 dollars.
    static let centsIntegerDigitsMax = 17
    /// Fraction digits kept for rounding: 18 decide every half cent exactly
    /// (a half cent has 3 fraction digits; digits dropped beyond the 18th
    /// cannot move a value across it).
    static let fractionDigitsKept = 18

    /// The value in cents, half away from zero.
    ///
    /// - Parameter text: the text this was scanned from.
    /// - Returns: `.cents`, or `.overflow` when the value does not fit Int64 cents.
    /// - Complexity: O(text length); 128-bit accumulation, no allocation.
    public func cents(in text: UnsafeRawBufferPointer) -> Cents.Conversion {
        // Safe because: `integerPart` and `fractionPart` are ranges `MoneyFormat.scan` found inside this same
        // `text` (every caller passes the scanned text: `Cents.parse`, `IngestColumnBuilder`,
        // `LayoutChunkParser.appendAmount`), so both lie in `0..<text.count`; the fraction loop runs
        // `kept <= fractionPart.count` indices from `fractionPart.lowerBound`.
        var unscaled: Int128 = 0
        var integerDigits = 0
        for index in integerPart {
            let digit = text[index] &- 0x30
            guard digit < 10 else { continue }  // a thousands separator
            if unscaled == 0 && digit == 0 { continue }  // leading zeros
            integerDigits += 1
            guard integerDigits <= MoneyText.centsIntegerDigitsMax else { return .overflow }
            unscaled = unscaled * 10 + Int128(digit)
        }
        let kept = min(fractionPart.count, MoneyText.fractionDigitsKept)
        for index in fractionPart.lowerBound..<(fractionPart.lowerBound + kept) {
            unscaled = unscaled * 10 + Int128(text[index] &- 0x30)
        }
        // At most 17 + 18 = 35 digits: far inside Int128.
        guard let cents = Cents.fromDecimal128(isNegative ? -unscaled : unscaled, scale: kept) else { return .overflow }
        return .cents(cents)
    }

    /// Outcome of reading the text as a DECIMAL(18, scale) value.
    public enum DecimalConversion: Equatable, Sendable {
        /// The unscaled value (value × 10^scale).
        case unscaled(Int64)
        /// Non-zero digits beyond `scale` fraction digits (rounding would change the value).
        case tooManyDecimals
        /// 18 digits of precision do not hold it.
        case outOfRange
    }

    /// The exact value at `scale` fraction digits (`roo ingest`'s DECIMAL(18, scale)).
    ///
    /// - Parameters:
    ///   - text: the text this was scanned from.
    ///   - scale: 0...18.
    /// - Returns: the unscaled value; trailing zeros beyond `scale` are
    ///   dropped, other digits beyond it are `.tooManyDecimals`, and a value of
    ///   19 or more digits at this scale is `.outOfRange`.
    /// - Complexity: O(text length + scale); checked arithmetic, no allocation.
    public func unscaled(in text: UnsafeRawBufferPointer, scale: Int) -> DecimalConversion {
        let limit: Int64 = 999_999_999_999_999_999  // 18 nines: DECIMAL(18, s) precision
        var value: Int64 = 0
        func push(_ digit: UInt8) -> Bool {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int64(digit))
            guard !overflowA, !overflowB, sum <= limit else { return false }
            value = sum
            return true
        }
        // Safe because: `integerPart` and `fractionPart` are ranges `MoneyFormat.scan` found inside this same
        // `text` (as for `cents(in:)`), so they lie in `0..<text.count`; the scale loop reads `text[index]` only
        // when `index < fractionPart.upperBound`, and the last loop runs `extra..<fractionPart.upperBound` with
        // `extra >= fractionPart.lowerBound`, only when `extra < fractionPart.upperBound`.
        for index in integerPart {
            let digit = text[index] &- 0x30
            guard digit < 10 else { continue }  // a thousands separator
            guard push(digit) else { return .outOfRange }
        }
        for offset in 0..<max(0, scale) {
            let index = fractionPart.lowerBound + offset
            let digit: UInt8 = index < fractionPart.upperBound ? text[index] &- 0x30 : 0
            guard push(digit) else { return .outOfRange }
        }
        let extra = fractionPart.lowerBound + max(0, scale)
        if extra < fractionPart.upperBound {
            for index in extra..<fractionPart.upperBound where text[index] != UInt8(ascii: "0") {
                return .tooManyDecimals
            }
        }
        return .unscaled(isNegative ? -value : value)
    }

    /// Appends the amount as plain decimal text in `format` (sign `-`, the
    /// digits without thousands separators, `format`'s decimal separator):
    /// text that `format.scan` reads back to the same value.
    ///
    /// - Complexity: O(text length); appends at most text length + 1 bytes.
    public func appendCanonical(from text: UnsafeRawBufferPointer, format: MoneyFormat, to out: inout [UInt8]) {
        // Safe because: `integerPart` and `fractionPart` are ranges `MoneyFormat.scan` found inside this same
        // `text` (the caller, `LayoutChunkParser.appendAmount`, passes the scanned value), so they lie in
        // `0..<text.count`.
        if isNegative { out.append(UInt8(ascii: "-")) }
        for index in integerPart where text[index] &- 0x30 < 10 { out.append(text[index]) }
        // A decimal separator was present when the fraction starts after the integer part.
        if fractionPart.lowerBound > integerPart.upperBound {
            out.append(format.decimalSeparator)
            for index in fractionPart { out.append(text[index]) }
        }
    }

    /// The amount times 10^`shift` as the same plain text `appendCanonical`
    /// writes, the decimal point moved `shift` digits right in the text
    /// (exact: `23685.927` × 1,000 = `23685927`, `0.0125` → `12.5`, `7` → `7000`).
    /// Leading zeros of the result are dropped (one digit is kept).
    ///
    /// - Precondition: `shift >= 0`; `text` is the text `MoneyFormat.scan` read this value from.
    /// - Complexity: O(text digits + `shift`).
    public func appendCanonical(
        from text: UnsafeRawBufferPointer, format: MoneyFormat, shiftedBy shift: Int, to out: inout [UInt8]
    ) {
        precondition(shift >= 0, "a decimal shift moves the point right")
        // Safe because: `integerPart` and `fractionPart` are ranges `MoneyFormat.scan` found inside this same
        // `text` (see `appendCanonical(from:format:to:)`), so every index read lies in `0..<text.count`.
        if isNegative { out.append(UInt8(ascii: "-")) }
        let start = out.count
        func digit(_ byte: UInt8) {
            // A leading zero is not written while the result has no other digit yet.
            if byte == UInt8(ascii: "0") && out.count == start { return }
            out.append(byte)
        }
        for index in integerPart where text[index] &- 0x30 < 10 { digit(text[index]) }
        let moved = min(shift, fractionPart.count)
        for index in fractionPart.prefix(moved) { digit(text[index]) }
        for _ in moved..<shift { digit(UInt8(ascii: "0")) }
        if out.count == start { out.append(UInt8(ascii: "0")) }
        if fractionPart.count > moved {
            out.append(format.decimalSeparator)
            for index in fractionPart.dropFirst(moved) { out.append(text[index]) }
        }
    }
}
