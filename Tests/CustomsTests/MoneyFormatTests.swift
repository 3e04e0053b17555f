import Customs
import Testing

/// The money-text rule (`MoneyFormat`, `Cents.parse(text:format:)`): every
/// accepted and refused form, exactness at the cent boundary, overflow, and
/// both separator settings.
struct MoneyFormatTests {
    static func parse(_ text: String, _ format: MoneyFormat = .standard) -> Cents.Conversion {
        Array(text.utf8).withUnsafeBytes { Cents.parse(text: $0, format: format) }
    }

    static let decimalComma = MoneyFormat.decimalComma

    @Test(
        arguments: [
            ("1234.56", 123_456), ("1,234.56", 123_456), ("$1,234.56", 123_456), ("12,345.67", 1_234_567),
            ("1,234,567", 123_456_700), ("-$1.00", -100), ("$-1.00", -100), ("+$1", 100), ("$+1", 100),
            ("-1,234.5", -123_450),
            ("US$1,000", 100_000), ("USD 12.50", 1250), ("USD12", 1200), ("USD\t-3", -300), ("$ 5", 500),
            ("  7  ", 700),
            ("\t$1,234.56\r\n", 123_456), (".5", 50), ("5.", 500), ("0,123", 12300), ("000123", 12300), ("-0.00", 0),
            ("999", 99900), ("1,000,000,000.01", 100_000_000_001),
        ] as [(String, Int64)])
    func acceptedInTheDefaultFormat(_ text: String, _ cents: Int64) {
        #expect(MoneyFormatTests.parse(text) == .cents(cents), "\(text)")
    }

    @Test(arguments: [
        "", " ", "$", "-", "+", ".", "-.", "$.", "USD", "US$", "$ -", "1,23.45", "12,34", "1,2345", ",123", "1,,234",
        "1,234,",
        "1,234,56", "1.234.56", "12.5.", "1,234.5,6", "1.234,56", "1e5", "1E5", "nan", "NaN", "inf", "-inf", "(1.00)",
        "--1", "+-1",
        "-$-1", "$-+1", "$$1", "1$", "1.00 $", "usd 1", "US 1", "USD- 5", "1 234", "- 1", "12A45", "0x10", "1\t2", "１２",
        "1_000", "$1,23", "€1.00", "1.-5",
    ])
    func refusedInTheDefaultFormat(_ text: String) {
        #expect(MoneyFormatTests.parse(text) == .invalid, "\(text)")
    }

    @Test func decimalCommaWithDotThousands() {
        let format = MoneyFormatTests.decimalComma
        #expect(MoneyFormatTests.parse("1.234,56", format) == .cents(123_456))
        #expect(MoneyFormatTests.parse("1234,56", format) == .cents(123_456))
        #expect(MoneyFormatTests.parse("-$1.234.567,891", format) == .cents(-123_456_789))
        #expect(MoneyFormatTests.parse("12,5", format) == .cents(1250))
        #expect(MoneyFormatTests.parse("1.234", format) == .cents(123_400))
        #expect(MoneyFormatTests.parse("0,005", format) == .cents(1))
        for refused in ["1,234.56", "1.23,4", "1.5", "12.34", "1,2,3", "1.234.5", "1.234,56,7", ",", "1234.56"] {
            #expect(MoneyFormatTests.parse(refused, format) == .invalid, "\(refused)")
        }
    }

    @Test func otherThousandsSeparatorsAndNone() throws {
        let none = try MoneyFormat.parse(decimalSeparator: nil, thousands: "none")
        #expect(none.thousandsSeparator == nil)
        #expect(MoneyFormatTests.parse("1234.56", none) == .cents(123_456))
        #expect(MoneyFormatTests.parse("$1234.56", none) == .cents(123_456))
        #expect(MoneyFormatTests.parse("1,234.56", none) == .invalid)
        let space = try MoneyFormat.parse(decimalSeparator: ",", thousands: "space")
        #expect(MoneyFormatTests.parse("1 234 567,89", space) == .cents(123_456_789))
        #expect(MoneyFormatTests.parse("USD 1 234,00", space) == .cents(123_400))
        #expect(MoneyFormatTests.parse("1 23,00", space) == .invalid)
        let apostrophe = try MoneyFormat.parse(decimalSeparator: ".", thousands: "'")
        #expect(MoneyFormatTests.parse("1'234.50", apostrophe) == .cents(123_450))
        #expect(MoneyFormatTests.parse("1,234.50", apostrophe) == .invalid)
        let decimalCommaWithoutThousands = try MoneyFormat.parse(decimalSeparator: ",", thousands: "none")
        #expect(MoneyFormatTests.parse("1234,5", decimalCommaWithoutThousands) == .cents(123_450))
        #expect(MoneyFormatTests.parse("1.234,5", decimalCommaWithoutThousands) == .invalid)
    }

    @Test func plainFormatTakesNoSeparatorsOrCurrency() {
        #expect(MoneyFormatTests.parse("-1234.5", .plain) == .cents(-123_450))
        #expect(MoneyFormatTests.parse("$1", .plain) == .invalid)
        #expect(MoneyFormatTests.parse("1,234", .plain) == .invalid)
    }

    @Test func halfAwayFromZeroExactlyAtTheCentBoundary() {
        #expect(MoneyFormatTests.parse("0.005") == .cents(1))
        #expect(MoneyFormatTests.parse("-0.005") == .cents(-1))
        #expect(MoneyFormatTests.parse("0.00499999999999999999999999") == .cents(0))
        #expect(MoneyFormatTests.parse("-0.00499999999999999999999999") == .cents(0))
        #expect(MoneyFormatTests.parse("0.00500000000000000000000001") == .cents(1))
        #expect(MoneyFormatTests.parse("1.005") == .cents(101))  // 1.00499999… as a Double
        #expect(MoneyFormatTests.parse("2.675") == .cents(268))  // 2.67499999… as a Double
        #expect(MoneyFormatTests.parse("$1,234.565") == .cents(123_457))
        #expect(MoneyFormatTests.parse("-$1,234.565") == .cents(-123_457))
        #expect(MoneyFormatTests.parse("1,234.564999") == .cents(123_456))
        #expect(MoneyFormatTests.parse("0." + String(repeating: "9", count: 200)) == .cents(100))
    }

    @Test func valuesPastInt64CentsOverflow() {
        #expect(MoneyFormatTests.parse("92233720368547758.07") == .cents(Int64.max))
        #expect(MoneyFormatTests.parse("$92,233,720,368,547,758.07") == .cents(Int64.max))
        #expect(MoneyFormatTests.parse("92233720368547758.074") == .cents(Int64.max))
        #expect(MoneyFormatTests.parse("92233720368547758.075") == .overflow)
        #expect(MoneyFormatTests.parse("92233720368547758.08") == .overflow)
        #expect(MoneyFormatTests.parse("-92,233,720,368,547,758.08") == .cents(Int64.min))
        #expect(MoneyFormatTests.parse("-92233720368547758.09") == .overflow)
        #expect(MoneyFormatTests.parse("99999999999999999999.00") == .overflow)
        #expect(MoneyFormatTests.parse("$" + String(repeating: "9", count: 400)) == .overflow)
        #expect(MoneyFormatTests.parse(String(repeating: "0", count: 400) + "1.00") == .cents(100))
        #expect(MoneyFormatTests.parse("92.233.720.368.547.758,08", MoneyFormatTests.decimalComma) == .overflow)
        // Not a number wins over too large: the text is checked first.
        #expect(MoneyFormatTests.parse("99999999999999999999x") == .invalid)
    }

    @Test func optionTextAndItsErrors() throws {
        #expect(try MoneyFormat.parse(decimalSeparator: nil, thousands: nil) == .standard)
        #expect(try MoneyFormat.parse(decimalSeparator: ",", thousands: nil) == .decimalComma)
        #expect(try MoneyFormat.parse(decimalSeparator: ",", thousands: ".") == .decimalComma)
        #expect(try MoneyFormat.parse(decimalSeparator: nil, thousands: " ").thousandsSeparator == 0x20)
        for (decimal, thousands) in [
            (",", ","), (nil, "."), (".", "."), ("x", nil), ("..", nil), ("", nil), (nil, "ab"), (nil, "-"),
            (nil, "1"), (nil, ""), ("$", nil),
        ] as [(String?, String?)] {
            #expect(throws: CustomsError.self, "\(String(describing: decimal)) \(String(describing: thousands))") {
                _ = try MoneyFormat.parse(decimalSeparator: decimal, thousands: thousands)
            }
        }
        do {
            _ = try MoneyFormat.parse(decimalSeparator: nil, thousands: ".")
        } catch {
            #expect(
                error.message.hasPrefix(
                    "--decimal-separator and --thousands are both \".\": for 1.234,56 give --decimal-separator ,"))
        }
        #expect(MoneyFormat.standard.description == "decimal separator \".\", thousands separator \",\"")
        #expect(
            try MoneyFormat.parse(decimalSeparator: nil, thousands: "none").description
                == "decimal separator \".\", thousands separator none")
    }

    static func unscaled(
        _ text: String, scale: Int, _ format: MoneyFormat = .standard
    ) -> MoneyText.DecimalConversion? {
        Array(text.utf8).withUnsafeBytes { raw in format.scan(raw).map { $0.unscaled(in: raw, scale: scale) } }
    }

    @Test func exactDecimalsAtAScale() {
        #expect(MoneyFormatTests.unscaled("$1,234.5", scale: 2) == .unscaled(123_450))
        #expect(MoneyFormatTests.unscaled("-1.2300", scale: 2) == .unscaled(-123))
        #expect(MoneyFormatTests.unscaled("1.234", scale: 2) == .tooManyDecimals)
        #expect(MoneyFormatTests.unscaled("1.234", scale: 3) == .unscaled(1234))
        #expect(MoneyFormatTests.unscaled("7", scale: 0) == .unscaled(7))
        #expect(MoneyFormatTests.unscaled("999,999,999,999,999,999", scale: 0) == .unscaled(999_999_999_999_999_999))
        #expect(MoneyFormatTests.unscaled("1,000,000,000,000,000,000", scale: 0) == .outOfRange)
        #expect(MoneyFormatTests.unscaled("1", scale: 18) == .outOfRange)
        #expect(MoneyFormatTests.unscaled("0.1", scale: 18) == .unscaled(100_000_000_000_000_000))
        #expect(MoneyFormatTests.unscaled("-9999999999999999.99", scale: 2) == .unscaled(-999_999_999_999_999_999))
        #expect(MoneyFormatTests.unscaled("1.234,5", scale: 2, MoneyFormatTests.decimalComma) == .unscaled(123_450))
        #expect(MoneyFormatTests.unscaled("1,23", scale: 2) == nil)
    }

    /// Money text written in every style (signs, currency, grouping) reads
    /// back to its cents in both separator settings, and the canonical text
    /// of it too.
    @Test func writtenAmountsReadBackExactly() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for round in 0..<4000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = Int64(truncatingIfNeeded: state >> (round % 40 + 2))  // all sizes, 0 ... 2^62
            let cents = round % 3 == 0 ? -magnitude : magnitude
            for (format, decimal, thousands) in [
                (MoneyFormat.standard, ".", ","), (MoneyFormatTests.decimalComma, ",", "."),
            ] {
                let whole = cents.magnitude / 100
                let grouped = MoneyFormatTests.grouped(whole, thousands)
                let fraction = String(cents.magnitude % 100).leftPadded(to: 2)
                let sign = cents < 0 ? "-" : ""
                for text in [
                    "\(sign)\(grouped)\(decimal)\(fraction)", "\(sign)$\(grouped)\(decimal)\(fraction)",
                    "$\(sign)\(whole)\(decimal)\(fraction)0", "USD \(sign)\(grouped)\(decimal)\(fraction)",
                ] {
                    #expect(MoneyFormatTests.parse(text, format) == .cents(cents), "\(text)")
                    let canonical = Array(text.utf8).withUnsafeBytes { raw -> String in
                        var out: [UInt8] = []
                        format.scan(raw)?.appendCanonical(from: raw, format: format, to: &out)
                        return String(decoding: out, as: UTF8.self)
                    }
                    #expect(MoneyFormatTests.parse(canonical, format) == .cents(cents), "\(text) → \(canonical)")
                    #expect(!canonical.contains(thousands) && !canonical.contains("$"), "\(canonical)")
                }
            }
        }
    }

    static func grouped(_ value: UInt64, _ separator: String) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }

    /// The one-pass read of plain amounts (`-1234.56`) gives what the
    /// general rule gives, for every format, on texts near the plain form
    /// (digit runs of 0–20, one or two separators, signs, spaces, currency).
    @Test func plainAmountsReadInOnePassEqualTheGeneralRule() throws {
        let formats = [
            MoneyFormat.standard, MoneyFormatTests.decimalComma, .plain,
            try MoneyFormat.parse(decimalSeparator: ",", thousands: "space"),
            try MoneyFormat.parse(decimalSeparator: ".", thousands: "none"),
        ]
        let pieces = ["-", "+", ".", ",", " ", "$", "0", "00", "9"]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(next(10))) }) }
        var plainTexts = 0
        for _ in 0..<100_000 {
            var text = next(4) == 0 ? "-" : ""
            text += digits(next(21))
            if next(3) != 0 { text += [".", ","][next(2)] + digits(next(5)) }
            if next(6) == 0 { text.insert(contentsOf: pieces[next(pieces.count)], at: text.startIndex) }
            if next(6) == 0 { text += pieces[next(pieces.count)] }
            Array(text.utf8).withUnsafeBytes { raw in
                for format in formats {
                    let general: Cents.Conversion = format.scan(raw).map { $0.cents(in: raw) } ?? .invalid
                    #expect(Cents.parse(text: raw, format: format) == general, "\(text) in \(format)")
                    if let cents = Cents.plainCents(raw, decimalSeparator: format.decimalSeparator) {
                        plainTexts += 1
                        // Also ingest's DECIMAL(18, 2) value of the text.
                        #expect(format.scan(raw)?.unscaled(in: raw, scale: 2) == .unscaled(cents), "\(text)")
                    }
                }
            }
        }
        // The plain read decided a good share of them (the rest went to the general rule).
        #expect(plainTexts > 100_000)
    }

    /// Arbitrary bytes never trap in any format, and a text that scans
    /// has at least one digit and only digits in its fraction.
    @Test func hostileBytesNeverTrap() throws {
        let formats = [
            MoneyFormat.standard, MoneyFormatTests.decimalComma, .plain,
            try MoneyFormat.parse(decimalSeparator: ",", thousands: "space"),
        ]
        let alphabet = Array("0123456789,.$-+ USD\t'e".utf8) + [0x00, 0xff, 0x0a]
        var state: UInt64 = 42
        for length in 0..<24 {
            for _ in 0..<400 {
                var bytes: [UInt8] = []
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1
                    bytes.append(alphabet[Int(state >> 33) % alphabet.count])
                }
                bytes.withUnsafeBytes { raw in
                    for format in formats {
                        _ = Cents.parse(text: raw, format: format)
                        guard let money = format.scan(raw) else { continue }
                        #expect(money.fractionPart.allSatisfy { raw[$0] >= 0x30 && raw[$0] <= 0x39 })
                        #expect(
                            money.integerPart.contains { raw[$0] >= 0x30 && raw[$0] <= 0x39 }
                                || !money.fractionPart.isEmpty)
                        for scale in [0, 2, 18] { _ = money.unscaled(in: raw, scale: scale) }
                    }
                }
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
