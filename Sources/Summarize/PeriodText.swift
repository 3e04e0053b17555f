import Customs
import RooSupport

/// Months (YYYYMM) from the accepted `period` representations. A period
/// of a year only (`2024`, as BACI and Comtrade's annual data write it) is
/// the month number YYYY00 (`yearOnly`): it lies in a month range only when
/// the range covers its whole year, and has no month or quarter.
package enum PeriodText {
    /// Whether `month` (YYYYMM) is a year-only period, YYYY00.
    @inline(__always)
    package static func isYearOnly(_ month: Int) -> Bool { month % 100 == 0 }

    /// Whether `month` lies in `range`; a year-only period lies in it when
    /// its twelve months do.
    @inline(__always)
    package static func range(_ range: ClosedRange<Int>, contains month: Int) -> Bool {
        let months = span(month)
        return range.contains(months.lowerBound) && range.contains(months.upperBound)
    }

    /// The months a period stands for: its twelve for a year-only period, else itself.
    package static func span(_ month: Int) -> ClosedRange<Int> {
        isYearOnly(month) ? (month + 1)...(month + 12) : month...month
    }

    /// A range of months in words: `2024` for a whole calendar year, `2022 to
    /// 2024` for whole years, else `2024-01 to 2024-06` (`2024-03` for one month).
    package static func describe(_ months: ClosedRange<Int>) -> String {
        func month(_ value: Int) -> String { "\(value / 100)-" + (value % 100 < 10 ? "0" : "") + String(value % 100) }
        let (first, last) = (months.lowerBound, months.upperBound)
        if first % 100 == 1 && last % 100 == 12 {
            return first / 100 == last / 100 ? String(first / 100) : "\(first / 100) to \(last / 100)"
        }
        return first == last ? month(first) : "\(month(first)) to \(month(last))"
    }

    /// A month given on the command line (`--from`, `--to`): `YYYYMM`,
    /// `YYYY-MM` or `YYYY/MM`, months 01…12 — as YYYYMM.
    ///
    /// - Throws: `RooError(.usage)` naming the option and the accepted forms.
    package static func month(option name: String, _ text: String) throws -> Int {
        let bytes = Array(text.utf8)
        let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }
        let separators = bytes.filter { !($0 >= 0x30 && $0 <= 0x39) }
        let shapeOK =
            (separators.isEmpty && digits.count == 6)
            || (separators.count == 1 && digits.count == 6 && bytes.count == 7
                && (bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/")))
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard shapeOK, (1...12).contains(value % 100), (1900...2200).contains(value / 100) else {
            throw RooError(
                .usage,
                "\(name) takes a month as YYYYMM or YYYY-MM (e.g. 202401 or 2024-01), got "
                    + "\"\(KeyText.escapingControls(text))\""
            )
        }
        return value
    }

    /// YYYYMM, YYYYMMDD reduced to YYYYMM, or a year YYYY as YYYY00.
    static func month(integer value: Int64) -> Int? {
        if value >= 1000 && value <= 9999 { return Int(value) * 100 }
        if value >= 100_000 && value <= 999_999 { return Int(value) }
        if value >= 10_000_000 && value <= 99_999_999 { return Int(value / 100) }
        return nil
    }

    static func month(daysSinceEpoch days: Int64) -> Int? {
        let (year, month, _) = CalendarText.civil(fromDays: min(max(days, -(Int64(1) << 40)), Int64(1) << 40))
        return Int(year * 100 + month)
    }

    /// `YYYY-MM`, `YYYYMM`, `YYYY-MM-DD`, `YYYYMMDD`, or a year `YYYY` (as YYYY00).
    ///
    /// Safe because: `for byte in bytes` iterates the buffer by element.
    static func month(text bytes: UnsafeRawBufferPointer) -> Int? {
        // No allocation: read per line of CSV input.
        var digits = 0
        var value: Int64 = 0
        for byte in bytes where byte >= 0x30 && byte <= 0x39 {
            if digits < 6 { value = value * 10 + Int64(byte - 0x30) }
            digits += 1
        }
        guard digits == 4 || digits == 6 || digits == 8 else { return nil }
        return month(integer: value)
    }
}
