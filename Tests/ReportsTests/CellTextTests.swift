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

    @Test func moneyIsDollarsWithTwoDecimals() {
        #expect(CellText.money(-5) == "-0.05")
        #expect(CellText.money(123_456) == "1234.56")
    }
}
