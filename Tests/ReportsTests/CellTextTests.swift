#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Reports
import Testing

/// How table cells print in CSV, TSV and Markdown.
struct CellTextTests {
    @Test func sharesPrintLikeCWithoutANegativeZero() {
        #expect(CellText.share(1, 3) == "0.333333")
        #expect(CellText.share(-1, 3) == "-0.333333")
        #expect(CellText.share(5, 0) == "")
        // 0 duty on a negative customs value (a correction line) is a rate of 0, not -0.
        #expect(CellText.share(0, -24_000) == "0.000000")
        #expect(CellText.share(-1, 10_000_000) == "0.000000")
    }

    /// The C library's `%.6f` of the same quotient, as shares were printed before.
    static func printf6(_ numerator: Int64, _ denominator: Int64) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([Double(numerator) / Double(denominator)]) {
            vsnprintf(&buffer, buffer.count, "%.6f", $0)
        }
        let text = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text == "-0.000000" ? "0.000000" : text
    }

    /// Shares are formatted without printf: the same text as glibc's `%.6f` for ties (1/8 millionth
    /// steps), huge and tiny quotients, negatives, and a million random pairs of every magnitude.
    @Test func sharesEqualPrintfToTheDigit() {
        var pairs: [(Int64, Int64)] = [
            (1, 8), (1, 16), (5, 10_000_000), (15, 10_000_000), (25, 10_000_000), (-25, 10_000_000),
            (Int64.max, 1), (Int64.min, 1), (Int64.max, -1), (1, Int64.max), (-1, Int64.min), (Int64.min, Int64.min),
            (2_500_001, 1_000_000_000_000), (3, 2_000_000), (7, 2_000_000), (123_456_789, 1_000),
            (1, 128), (3, 128), (-1, 128), (-3, 128), (5, 256), (1, 1 << 20),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000_000 {
            let scale = Int64.random(in: 1...62, using: &generator)
            let numerator = Int64.random(in: -(1 << scale)...(1 << scale), using: &generator)
            let denominator = Int64.random(
                in: 1...(1 << Int64.random(in: 1...62, using: &generator)), using: &generator)
            pairs.append((numerator, Bool.random(using: &generator) ? denominator : -denominator))
        }
        var mismatches: [String] = []
        for (numerator, denominator) in pairs {
            let (ours, libc) = (CellText.share(numerator, denominator), CellTextTests.printf6(numerator, denominator))
            if ours != libc { mismatches.append("\(numerator)/\(denominator): \(ours) vs \(libc)") }
            if mismatches.count > 5 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func moneyIsDollarsWithTwoDecimals() {
        #expect(CellText.money(-5) == "-0.05")
        #expect(CellText.money(123_456) == "1234.56")
        #expect(CellText.money(Int64.min) == "-92233720368547758.08")
        #expect(CellText.money(Int64.max) == "92233720368547758.07")
    }

    /// Cells are written digit by digit into the output bytes: the same text as Swift's own
    /// decimal printing of the integer and of dollars and cents, on the edges and on random values.
    @Test func numbersAppendedAsBytesEqualTheirDecimalText() {
        var generator = SystemRandomNumberGenerator()
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, -100, -101, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<100_000 {
            values.append(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0...62))
        }
        for value in values {
            var out: [UInt8] = []
            CellText.appendPlain(.integer(value), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
            let magnitude = value.magnitude
            let dollars =
                (value < 0 ? "-" : "") + String(magnitude / 100) + "."
                + (magnitude % 100 < 10 ? "0" : "") + String(magnitude % 100)
            out.removeAll()
            CellText.appendPlain(.money(value), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == dollars)
            out.removeAll()
            CellText.appendPlain(.share(numerator: value, denominator: 7), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == CellTextTests.printf6(value, 7))
        }
    }
}
