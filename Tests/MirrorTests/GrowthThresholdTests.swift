import Testing

@testable import Mirror

/// `--threshold`: parsed exactly, compared in integers.
struct GrowthThresholdTests {
    @Test(
        arguments: [
            ("50", 50_000), ("50%", 50_000), ("12.5", 12_500), ("0.125%", 125), ("0", 0), ("1000000", 1_000_000_000),
        ] as [(String, Int64)])
    func accepted(_ text: String, _ thousandths: Int64) {
        #expect(GrowthThreshold(parsing: text)?.thousandthsOfPercent == thousandths, "\(text)")
    }

    @Test(arguments: ["", "%", "-5", "1.2345", "fifty", "5e1", "1,5", ".5", "5.", "1000001", "٥٠"])
    func refused(_ text: String) { #expect(GrowthThreshold(parsing: text) == nil, "\(text)") }

    @Test func strictlyMoreThanTheThreshold() throws {
        let half = try #require(GrowthThreshold(parsing: "50"))
        #expect(!half.isExceeded(base: 200, target: 300))  // exactly +50%
        #expect(half.isExceeded(base: 200, target: 301))
        #expect(half.isExceeded(base: 0, target: 1))  // from zero: grown
        #expect(!half.isExceeded(base: 0, target: 0))
        #expect(!half.isExceeded(base: 100, target: 0))
        #expect(half.isExceeded(base: Int64.max / 4, target: Int64.max))  // no overflow
        #expect(half.text == "50%" && GrowthThreshold(parsing: "12.5")?.text == "12.5%")
    }
}
