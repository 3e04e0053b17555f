import Customs
import Foundation
import Testing

/// `MoneyText.appendCanonical(from:format:shiftedBy:to:)`, the exact ×1,000
/// of amounts in thousands (CEPII BACI's `v`): against Foundation's decimal
/// arithmetic (an independent exact oracle), then cents read back.
struct MoneyShiftTests {
    static func shifted(_ text: String, by shift: Int = 3, _ format: MoneyFormat = .standard) -> String? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw -> String? in
            guard let money = format.scan(raw) else { return nil }
            var out: [UInt8] = []
            money.appendCanonical(from: raw, format: format, shiftedBy: shift, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    @Test(
        arguments: [
            ("23685.927", "23685927"), ("0.412", "412"), ("1.5", "1500"), ("12", "12000"), ("0", "0"),
            ("0.000", "0"), ("0.0125", "12.5"), ("0.001", "1"), ("-2.25", "-2250"), ("1,234.5", "1234500"),
            ("007.1", "7100"), ("1.23456", "1234.56"), (".5", "500"), ("5.", "5000"),
        ] as [(String, String)])
    func examples(_ text: String, _ want: String) {
        #expect(MoneyShiftTests.shifted(text) == want, "\(text)")
    }

    @Test func aDecimalCommaKeepsItsSeparator() {
        #expect(MoneyShiftTests.shifted("1.234,5678", .decimalComma) == "1234567,8")
    }

    @Test func twentyThousandRandomAmountsEqualDecimalArithmetic() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let integer = UInt64.random(in: 0..<1_000_000_000_000, using: &generator)
            let fractionDigits = Int.random(in: 0...5, using: &generator)
            let fraction = (0..<fractionDigits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let negative = Bool.random(using: &generator)
            let text = (negative ? "-" : "") + String(integer) + (fractionDigits > 0 ? "." + fraction : "")
            let got = try #require(MoneyShiftTests.shifted(text), "\(text)")
            let want = try #require(Decimal(string: text)) * 1000
            #expect(Decimal(string: got) == want, "\(text) → \(got), want \(want)")
            // Then read as money: exact cents whenever the product has at most two decimals.
            if fractionDigits <= 5 {
                let cents = Array(got.utf8).withUnsafeBytes { Cents.parse(text: $0, format: .standard) }
                let wantCents = NSDecimalNumber(decimal: want * 100).int64Value
                #expect(cents == .cents(wantCents), "\(text) → \(got)")
            }
        }
    }
}
