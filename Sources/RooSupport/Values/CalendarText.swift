/// Calendar arithmetic and ISO-8601 text for DATE, TIME, TIMESTAMP and INT96.
///
/// All arithmetic is floor division on Int64, so any stored value renders
/// (no trap); years outside 0000…9999 are written with a sign and six digits
/// (`+290000`, `-294554`), as the conformance manifest specifies.
package enum CalendarText {
    static let secondsPerDay: Int64 = 86_400
    /// Julian day number of 1970-01-01.
    static let julianDayOfUnixEpoch: Int64 = 2_440_588

    /// Floor division and modulo (the remainder has the divisor's sign).
    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    /// Proleptic Gregorian (year, month, day) for days since 1970-01-01
    /// (H. Hinnant's `civil_from_days`). Valid for any Int64 day count whose
    /// shifted value does not overflow (|days| < 2^62).
    package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func appendPadded(_ value: Int64, width: Int, to out: inout [UInt8]) {
        let digits = String(value)
        if digits.utf8.count < width {
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.utf8.count))
        }
        out.append(contentsOf: digits.utf8)
    }

    static func appendYear(_ year: Int64, to out: inout [UInt8]) {
        if year >= 0 && year <= 9999 {
            appendPadded(year, width: 4, to: &out)
        } else {
            out.append(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendPadded(year.magnitude > UInt64(Int64.max) ? Int64.max : Int64(year.magnitude), width: 6, to: &out)
        }
    }

    /// `YYYY-MM-DD` for days since the epoch.
    static func appendDate(days: Int64, to out: inout [UInt8]) {
        let clamped = min(max(days, -(Int64(1) << 60)), Int64(1) << 60)
        let (year, month, day) = civil(fromDays: clamped)
        appendYear(year, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2, to: &out)
    }

    /// `HH:MM:SS.fff…` for `ticks` since midnight in a unit with `ticksPerSecond`.
    static func appendTimeOfDay(ticks: Int64, ticksPerSecond: Int64, fractionDigits: Int, to out: inout [UInt8]) {
        let (seconds, fraction) = floorDivide(ticks, ticksPerSecond)
        let (hoursMinutes, second) = floorDivide(seconds, 60)
        let (hour, minute) = floorDivide(hoursMinutes, 60)
        appendPadded(hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(second, width: 2, to: &out)
        if fractionDigits > 0 {
            out.append(UInt8(ascii: "."))
            appendPadded(fraction, width: fractionDigits, to: &out)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.fff…` for `ticks` since the epoch.
    package static func appendTimestamp(
        ticks: Int64, unit: (ticksPerSecond: Int64, fractionDigits: Int), to out: inout [UInt8]
    ) {
        let ticksPerDay = secondsPerDay * unit.ticksPerSecond
        let (days, ofDay) = floorDivide(ticks, ticksPerDay)
        appendDate(days: days, to: &out)
        out.append(UInt8(ascii: "T"))
        appendTimeOfDay(
            ticks: ofDay, ticksPerSecond: unit.ticksPerSecond, fractionDigits: unit.fractionDigits, to: &out)
    }

    /// INT96 (nanoseconds of day: Int64 LE, Julian day: Int32 LE) as a
    /// timestamp with nanoseconds.
    ///
    /// Uses Spark's read semantics (the main writer of this legacy type):
    /// microseconds since the epoch in wrapping Int64 arithmetic, plus the
    /// sub-microsecond nanoseconds. In-range values are exact; instants beyond
    /// the Int64-nanosecond range (year 9999) stay exact as long as they fit
    /// Int64 microseconds; malformed fields wrap as Spark does, never trap.
    static func appendInt96(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let nanosOfDay = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: Int64.self))
        let julianDay = Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
        let microsPerDay: Int64 = secondsPerDay * 1_000_000
        var subMicro = nanosOfDay % 1000
        var micros = (julianDay - julianDayOfUnixEpoch) &* microsPerDay &+ nanosOfDay / 1000
        if subMicro < 0 {
            subMicro += 1000
            micros = micros &- 1
        }
        appendTimestamp(ticks: micros, unit: (1_000_000, 6), to: &out)
        appendPadded(subMicro, width: 3, to: &out)
    }
}
