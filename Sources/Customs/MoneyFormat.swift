/// How money text is written in an extract (`--decimal-separator`,
/// `--thousands`): the one rule every text reader of roo uses for the money
/// columns (`roo summarize` of CSV and layouts, the layouts' amount fields,
/// `roo ingest`).
///
/// Accepted, after surrounding ASCII whitespace is ignored:
///
///     [sign] [currency [spaces]] [sign] digits [decimal-separator digits]
///
/// * at most one sign (`-` or `+`), before or after the currency sign:
///   `-$1.00` and `$-1.00` are both minus one dollar;
/// * currency signs `$`, `US$` and `USD` (upper case), followed by any
///   spaces or tabs: `$1,234.56`, `USD 12.50`;
/// * thousands separators only between groups of three digits, the first
///   group of one to three: `1,234,567` is a number, `1,23.45` and
///   `12,34` are not; never in the fraction;
/// * the decimal separator at most once; digits may be missing on one side
///   of it (`.5`, `5.`), not on both.
///
/// Anything else (letters, exponents, `NaN`, two signs, parentheses) is not
/// a number. The defaults are decimal `.` and thousands `,`; with decimal `,`
/// the thousands separator becomes `.`. The two are never equal.
public struct MoneyFormat: Sendable, Hashable, CustomStringConvertible {
    /// The byte between whole units and the fraction: `.` or `,`.
    public let decimalSeparator: UInt8
    /// The byte between groups of three digits; nil when none is accepted.
    public let thousandsSeparator: UInt8?
    /// Whether `$`, `US$` or `USD` may lead the number.
    public let acceptsCurrencySign: Bool

    /// Decimal `.`, thousands `,`, currency signs accepted (the default).
    public static let standard = MoneyFormat(checked: UInt8(ascii: "."), UInt8(ascii: ","), currency: true)
    /// Decimal `,`, thousands `.` (`1.234,56`), currency signs accepted.
    public static let decimalComma = MoneyFormat(checked: UInt8(ascii: ","), UInt8(ascii: "."), currency: true)
    /// Plain decimal text only (`-1234.5`): no separators, no currency sign.
    public static let plain = MoneyFormat(checked: UInt8(ascii: "."), nil, currency: false)

    /// Bytes `--decimal-separator` accepts (those DuckDB's `read_csv` accepts).
    public static let decimalSeparators: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: ",")]
    /// Bytes `--thousands` accepts besides `none`.
    public static let thousandsSeparators: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "'"),
    ]

    private init(checked decimal: UInt8, _ thousands: UInt8?, currency: Bool) {
        decimalSeparator = decimal
        thousandsSeparator = thousands
        acceptsCurrencySign = currency
    }

    /// A format with currency signs accepted.
    ///
    /// - Parameters:
    ///   - decimalSeparator: one of `decimalSeparators`.
    ///   - thousandsSeparator: one of `thousandsSeparators`, different from
    ///     `decimalSeparator`, or nil for none.
    /// - Throws: `CustomsError` naming the option when a separator is not
    ///   accepted or the two are equal.
    public init(decimalSeparator: UInt8, thousandsSeparator: UInt8?) throws(CustomsError) {
        guard MoneyFormat.decimalSeparators.contains(decimalSeparator) else {
            throw CustomsError(
                "--decimal-separator must be \".\" or \",\", got \(MoneyFormat.quoted(decimalSeparator))")
        }
        if let thousands = thousandsSeparator {
            guard MoneyFormat.thousandsSeparators.contains(thousands) else {
                throw CustomsError(
                    "--thousands must be \",\", \".\", \"'\", space or none, got \(MoneyFormat.quoted(thousands))")
            }
            guard thousands != decimalSeparator else {
                let fix =
                    decimalSeparator == UInt8(ascii: ",")
                    ? "for 1.234,56 give --thousands . (or leave it out); for 1,234.56 leave out --decimal-separator"
                    : "for 1.234,56 give --decimal-separator , (its thousands separator is then .); for 1,234.56 give "
                        + "--thousands , or none"
                throw CustomsError(
                    "--decimal-separator and --thousands are both \(MoneyFormat.quoted(thousands)): \(fix)")
            }
        }
        self.init(checked: decimalSeparator, thousandsSeparator, currency: true)
    }

    /// The format of the command-line options.
    ///
    /// - Parameters:
    ///   - decimalSeparator: `--decimal-separator` (nil = `.`): one character.
    ///   - thousands: `--thousands` (nil = `.` when the decimal separator is
    ///     `,`, else `,`): one character, `space`, or `none`.
    /// - Throws: `CustomsError` (a usage error) for text that is not one of
    ///   the accepted separators, or equal separators.
    /// - Complexity: O(1).
    public static func parse(decimalSeparator: String?, thousands: String?) throws(CustomsError) -> MoneyFormat {
        var decimal = UInt8(ascii: ".")
        if let text = decimalSeparator {
            guard text.utf8.count == 1, let byte = text.utf8.first else {
                throw CustomsError("--decimal-separator must be \".\" or \",\", got \"\(text)\"")
            }
            decimal = byte
        }
        let separator: UInt8?
        switch thousands {
        case nil: separator = decimal == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")
        case "none"?: separator = nil
        case "space"?: separator = UInt8(ascii: " ")
        case let text?:
            guard text.utf8.count == 1, let byte = text.utf8.first else {
                throw CustomsError("--thousands must be \",\", \".\", \"'\", space or none, got \"\(text)\"")
            }
            separator = byte
        }
        return try MoneyFormat(decimalSeparator: decimal, thousandsSeparator: separator)
    }

    /// `decimal separator ".", thousands separator ","` (or `none`), for notes and messages.
    public var description: String {
        let thousands = thousandsSeparator.map(MoneyFormat.quoted) ?? "none"
        return "decimal separator \(MoneyFormat.quoted(decimalSeparator)), thousands separator \(thousands)"
    }

    /// A separator for messages: `","`, `space`, or the byte in hex.
    static func quoted(_ byte: UInt8) -> String {
        if byte == 0x20 { return "space" }
        guard byte > 0x20 && byte < 0x7f else { return "byte 0x" + String(byte, radix: 16) }
        return "\"" + String(UnicodeScalar(byte)) + "\""
    }
}

extension MoneyFormat {
    /// Checks `text` against the format without converting it.
    ///
    /// - Parameter text: the field's bytes (any bytes; surrounding ASCII
    ///   whitespace is ignored).
    /// - Returns: where the sign, the integer digits and the fraction digits
    ///   are, or nil when the text is not a number in this format.
    /// - Complexity: O(text length); no allocation.
    public func scan(_ text: UnsafeRawBufferPointer) -> MoneyText? {
        // Safe because: `end` starts at `text.count` and only decreases, and every read is guarded: `text[index]`
        // only when `index < end`, `text[end - 1]` only when `end > index`; `index` moves past a sign only when
        // `index < end` and past a currency sign only by the length `currencyLength` found before `end`, so
        // `index <= end <= text.count` holds for `integerPartEnd`, which returns an index in `index...end`.
        var index = 0
        var end = text.count
        while index < end && CountryKey.isSpace(text[index]) { index += 1 }
        while end > index && CountryKey.isSpace(text[end - 1]) { end -= 1 }
        var isNegative = false
        var signed = false
        if index < end, let negative = MoneyFormat.sign(text[index]) {
            (isNegative, signed) = (negative, true)
            index += 1
        }
        if acceptsCurrencySign, let length = MoneyFormat.currencyLength(text, at: index, end: end) {
            index += length
            while index < end && (text[index] == 0x20 || text[index] == 0x09) { index += 1 }
            if !signed, index < end, let negative = MoneyFormat.sign(text[index]) {
                isNegative = negative
                index += 1
            }
        }
        let integerStart = index
        guard let integerEnd = integerPartEnd(text, from: index, end: end) else { return nil }
        index = integerEnd
        var fractionStart = index
        if index < end && text[index] == decimalSeparator {
            index += 1
            fractionStart = index
            while index < end && MoneyFormat.isDigit(text[index]) { index += 1 }
        }
        // Something other than digits after the number, or no digit at all: not a number.
        guard index == end, integerEnd > integerStart || index > fractionStart else { return nil }
        return MoneyText(
            isNegative: isNegative, integerPart: integerStart..<integerEnd, fractionPart: fractionStart..<index)
    }

    /// The end of the integer digits starting at `start`, with thousands
    /// separators only between groups of three; nil when the grouping is wrong.
    ///
    /// - Precondition: `start <= end <= text.count`.
    /// - Complexity: O(digits).
    private func integerPartEnd(_ text: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int? {
        // Safe because: the loop reads `text[index]` only for `start <= index < end`, and `end <= text.count`
        // (the precondition; the only caller, `scan`, passes its trimmed end and an index not past it).
        var index = start
        var groupLength = 0
        var grouped = false
        while index < end {
            let byte = text[index]
            if MoneyFormat.isDigit(byte) {
                groupLength += 1
            } else if let separator = thousandsSeparator, byte == separator {
                // The first group holds 1-3 digits, every later one exactly 3.
                guard groupLength >= 1, groupLength <= 3, !grouped || groupLength == 3 else { return nil }
                grouped = true
                groupLength = 0
            } else {
                break
            }
            index += 1
        }
        guard !grouped || groupLength == 3 else { return nil }
        return index
    }

    /// Whether `byte` is `-` (true) or `+` (false); nil for any other byte.
    @inline(__always)
    static func sign(_ byte: UInt8) -> Bool? {
        byte == UInt8(ascii: "-") ? true : (byte == UInt8(ascii: "+") ? false : nil)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The length of `$`, `US$` or `USD` at `index`, or nil.
    ///
    /// - Precondition: `index <= end <= text.count`.
    static func currencyLength(_ text: UnsafeRawBufferPointer, at index: Int, end: Int) -> Int? {
        guard index < end else { return nil }
        if text[index] == UInt8(ascii: "$") { return 1 }
        guard end - index >= 3, text[index] == UInt8(ascii: "U"), text[index + 1] == UInt8(ascii: "S") else {
            return nil
        }
        let third = text[index + 2]
        return third == UInt8(ascii: "$") || third == UInt8(ascii: "D") ? 3 : nil
    }
}
