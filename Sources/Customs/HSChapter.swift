/// The HS chapter of a tariff code (docs/semantics.md, HS codes).
public enum HSChapter {
    /// Chapter code meaning the HS code is missing (null or empty).
    public static let missing: UInt8 = 0
    /// Chapter code meaning the HS code is present but has no valid chapter.
    public static let bad: UInt8 = 100

    /// Chapter of a text code: the first two digits after removing non-digits.
    ///
    /// - Returns: 1…99, `missing` when empty after trimming ASCII whitespace,
    ///   `bad` for fewer than two digits or chapter 00.
    public static func chapter(text bytes: UnsafeRawBufferPointer) -> UInt8 {
        var first: UInt8 = 0
        var digits = 0
        var sawNonSpace = false
        // Safe because: the loop iterates the buffer itself (`for byte in bytes`), never past `bytes.count`.
        for byte in bytes {
            if !CountryKey.isSpace(byte) { sawNonSpace = true }
            guard byte >= 0x30 && byte <= 0x39 else { continue }
            if digits == 0 {
                first = byte - 0x30
                digits = 1
            } else {
                let value = first * 10 + (byte - 0x30)
                return value == 0 ? bad : value
            }
        }
        return sawNonSpace ? bad : missing
    }

    /// Chapter of a text code, and whether the code has an odd number of
    /// digits — 3, 5, 7 or 9: usually a code that lost its leading zero in a
    /// spreadsheet (`0901110010`, coffee, saved as `901110010`). With
    /// `padOddLength` such a code is read with one leading zero (chapter 09,
    /// not 90); without, as `chapter(text:)` reads it.
    ///
    /// - Complexity: O(bytes.count).
    public static func chapter(text bytes: UnsafeRawBufferPointer, padOddLength: Bool) -> (
        chapter: UInt8, isOddLength: Bool
    ) {
        var digits = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        // Safe because: the loop iterates the buffer itself (`for byte in bytes`), never past `bytes.count`.
        for byte in bytes where byte >= 0x30 && byte <= 0x39 {
            if digits == 0 { first = byte - 0x30 } else if digits == 1 { second = byte - 0x30 }
            digits += 1
        }
        let isOdd = digits == 3 || digits == 5 || digits == 7 || digits == 9
        guard isOdd else { return (chapter(text: bytes), false) }
        let value = padOddLength ? first : first * 10 + second
        return (value == 0 ? bad : value, true)
    }

    /// Chapter of an integer code zero-padded to `width` digits (`--hs-width`).
    ///
    /// - Returns: 1…99 or `bad` (negative, zero, or chapter 00).
    public static func chapter(integer value: Int64, width: Int) -> UInt8 {
        guard value > 0 else { return bad }
        var digits = 0
        var rest = value
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let padded = max(digits, width)
        guard padded >= 2 else { return bad }
        // The first two of `padded` digits: value / 10^(padded - 2).
        var divisor: Int64 = 1
        for _ in 0..<(padded - 2) {
            divisor = divisor.multipliedReportingOverflow(by: 10).overflow ? Int64.max : divisor * 10
        }
        let chapter = value / divisor
        return chapter >= 1 && chapter <= 99 ? UInt8(chapter) : bad
    }
}
