/// Byte-level helpers of the layout derivations; all total (never trap on
/// any input bytes).
enum FieldText {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0d }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `range` of `bytes` without leading and trailing spaces/tabs.
    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        // Safe because: every caller passes a `range` inside `bytes` (`0..<bytes.count`, or in
        // `LayoutChunkParser.parseFixedWidth` a field inside a record whose length was checked), and the loops
        // read only `start..<end`, a subrange of it: `bytes[start]` when `start < end`, `bytes[end - 1]` when
        // `end > start`.
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// The length of a leading SPI prefix of an HTS number: letters, `+`, `*`,
    /// `#` and the spaces after them (`"S+ 8708.29"` → 3); 0 when it starts with a digit.
    static func tariffPrefixLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        // Safe because: `bytes[index]` is read only when `index < bytes.count` (the loop condition and the
        // check before the last read), and the result is at most `bytes.count`.
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isLetter = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
            guard
                isLetter || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "#")
                    || isSpace(byte)
            else { break }
            index += 1
        }
        // Only a prefix when digits follow (an all-letter value is no HTS number with a prefix).
        return index < bytes.count && isDigit(bytes[index]) ? index : 0
    }

    /// `YYYYMM` from a year and a month field (`"2024"`, `" 3"` → `"202403"`), or nil.
    static func yearMonth(year: UnsafeRawBufferPointer, month: UnsafeRawBufferPointer) -> [UInt8]? {
        yearMonthValue(year: year, month: month).map { Array(String($0).utf8) }
    }

    /// `yearMonth` as the number YYYYMM (no allocation; the parsers' form).
    static func yearMonthValue(year: UnsafeRawBufferPointer, month: UnsafeRawBufferPointer) -> Int? {
        guard let yearValue = number(year), let monthValue = number(month),
            (1000...9999).contains(yearValue), (1...12).contains(monthValue)
        else { return nil }
        return yearValue * 100 + monthValue
    }

    /// `YYYYMM` from `YYYY-MM-DD`, `YYYY-MM`, `YYYYMMDD`, `YYYY/MM/DD` or a slash date
    /// in `order` (a time after the date is ignored), or nil.
    static func monthOfDate(_ bytes: UnsafeRawBufferPointer, order: Layout.SlashDateOrder) -> [UInt8]? {
        monthOfDateValue(bytes, order: order).map { Array(String($0).utf8) }
    }

    /// `monthOfDate` as the number YYYYMM (no allocation; the parsers' form).
    static func monthOfDateValue(_ bytes: UnsafeRawBufferPointer, order: Layout.SlashDateOrder) -> Int? {
        // Safe because: `bytes[end]` is read only when `end < bytes.count`, so `bytes[0..<end]` is inside the
        // buffer, and the second loop iterates that slice itself (`for byte in date`).
        // The date part: up to the first space or `T`.
        var end = 0
        while end < bytes.count && bytes[end] != 0x20 && bytes[end] != UInt8(ascii: "T") { end += 1 }
        let date = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        var parts: [Int] = []
        var current: Int?
        var digits = 0
        var firstPartDigits = 0
        for byte in date {
            if isDigit(byte) {
                current = (current ?? 0) &* 10 &+ Int(byte - 0x30)
                digits += 1
                guard digits <= 8 else { return nil }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                guard let value = current else { return nil }
                if parts.isEmpty { firstPartDigits = digits }
                parts.append(value)
                current = nil
                digits = 0
            } else {
                return nil
            }
        }
        if let current { parts.append(current) } else { return nil }
        if parts.isEmpty { return nil }
        if parts.count == 1 { firstPartDigits = digits }
        let year: Int, month: Int
        switch parts.count {
        case 1 where firstPartDigits == 8:
            (year, month) = (parts[0] / 10_000, parts[0] / 100 % 100)
        case 2 where firstPartDigits == 4, 3 where firstPartDigits == 4:
            (year, month) = (parts[0], parts[1])
        case 3:
            (year, month) = order == .monthDayYear ? (parts[2], parts[0]) : (parts[2], parts[1])
        default:
            return nil
        }
        guard (1000...9999).contains(year), (1...12).contains(month) else { return nil }
        return year * 100 + month
    }

    /// A year-only period from a year field (`"2024"` → 2024, 1000–9999), or nil.
    static func yearValue(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let year = number(bytes), (1000...9999).contains(year) else { return nil }
        return year
    }

    /// How many zeros make `bytes` `width` long when it is all digits and shorter (`10121` at 6 → 1), else 0.
    static func padding(_ bytes: UnsafeRawBufferPointer, width: Int) -> Int {
        // Safe because: the loop iterates the buffer itself (`allSatisfy`), never past `bytes.count`.
        guard !bytes.isEmpty, bytes.count < width, bytes.allSatisfy(isDigit) else { return 0 }
        return width - bytes.count
    }

    /// A small unsigned decimal (leading zeros and spaces allowed), or nil.
    static func number(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var value = 0
        var seen = false
        // Safe because: the loop iterates the buffer itself (`for byte in bytes`), never past `bytes.count`.
        for byte in bytes {
            if isSpace(byte) { continue }
            guard isDigit(byte), value < 1_000_000 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            seen = true
        }
        return seen ? value : nil
    }
}
