import Testing
import Customs

struct CentsTests {
    @Test func decimalRescalesHalfAwayFromZero() {
        #expect(Cents.fromDecimal(12345, scale: 2) == 12345)
        #expect(Cents.fromDecimal(1005, scale: 3) == 101)  // 1.005 -> 1.01
        #expect(Cents.fromDecimal(-1005, scale: 3) == -101)
        #expect(Cents.fromDecimal(1004, scale: 3) == 100)
        #expect(Cents.fromDecimal(-1004, scale: 3) == -100)
        #expect(Cents.fromDecimal(15, scale: 1) == 150)
        #expect(Cents.fromDecimal(7, scale: 0) == 700)
        #expect(Cents.fromDecimal(Int64.max, scale: 0) == nil)
        #expect(Cents.fromDecimal(5_000_000_000_000_000_000, scale: 21) == 1)
        #expect(Cents.fromDecimal(4_999_999_999_999_999_999, scale: 21) == 0)
        #expect(Cents.fromDecimal(Int64.max, scale: 40) == 0)
    }

    @Test func doublesRoundAwayFromZero() {
        #expect(Cents.fromDouble(1.005) == .cents(100))  // 1.005 is 1.00499999… in binary
        #expect(Cents.fromDouble(0.125) == .cents(13))
        #expect(Cents.fromDouble(-0.125) == .cents(-13))
        #expect(Cents.fromDouble(.nan) == .invalid)
        #expect(Cents.fromDouble(-.infinity) == .invalid)
        #expect(Cents.fromDouble(1e300) == .overflow)
    }

    @Test func wholeDollarsAndText() {
        #expect(Cents.fromDollars(12) == 1200)
        #expect(Cents.fromDollars(Int64.max / 10) == nil)
        #expect(Cents.fromText("1.005") == 101)
        #expect(Cents.fromText("-12.3") == -1230)
        #expect(Cents.fromText("abc") == nil)
    }

    @Test func wideDecimals() {
        let bytes: [UInt8] = [
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfc, 0x18,
        ]  // -1000
        bytes.withUnsafeBytes { raw in
            #expect(Cents.fromDecimal(bigEndian: raw, scale: 3) == -100)
            #expect(Cents.fromDecimal(bigEndian: UnsafeRawBufferPointer(rebasing: raw[14...]), scale: 2) == -1000)
        }
    }
}

struct KeysAndChaptersTests {
    func chapter(_ text: String) -> UInt8 {
        Array(text.utf8).withUnsafeBytes { HSChapter.chapter(text: $0) }
    }

    @Test func textChapters() {
        #expect(chapter("8703.23.01.90") == 87)
        #expect(chapter(" 8703 23 0190 ") == 87)
        #expect(chapter("0101210000") == 1)
        #expect(chapter("") == HSChapter.missing)
        #expect(chapter("   ") == HSChapter.missing)
        #expect(chapter("ABC") == HSChapter.bad)
        #expect(chapter("7") == HSChapter.bad)
        #expect(chapter("0012") == HSChapter.bad)
    }

    @Test func integerChapters() {
        #expect(HSChapter.chapter(integer: 8703230190, width: 10) == 87)
        #expect(HSChapter.chapter(integer: 101210000, width: 10) == 1)  // zero-padded: 0101210000
        #expect(HSChapter.chapter(integer: 870323, width: 6) == 87)
        #expect(HSChapter.chapter(integer: 0, width: 10) == HSChapter.bad)
        #expect(HSChapter.chapter(integer: -5, width: 10) == HSChapter.bad)
        #expect(HSChapter.chapter(integer: 1234, width: 10) == HSChapter.bad)  // 0000001234 -> chapter 00
    }

    @Test func countryKeysAreTrimmedAndUpperCased() {
        #expect(CountryKey.normalize(" mx ") == "MX")
        #expect(CountryKey.normalize("\tcn\n") == "CN")
        #expect(CountryKey.normalize("  ") == nil)
        #expect(CountryKey.normalize("na") == "NA")
    }

    @Test func namesAndRegions() throws {
        #expect(CountryNames.name(alpha2: "MX") == "Mexico")
        #expect(CountryNames.name(alpha2: "ZZ") == "")
        // Two capital letters are read by position; anything else is looked up and is no code.
        #expect(CountryNames.name(alpha2: "AA") == "" && CountryNames.name(alpha2: "CN") == "China")
        #expect(["mx", "M", "MXX", "", "M\u{301}", "ÀB"].allSatisfy { CountryNames.name(alpha2: $0) == "" })
        #expect(CountryNames.alpha2(alpha3: "CHN") == "CN")
        #expect(ChapterTitles.title(87) == "Vehicles (non-rail) & parts")
        #expect(ChapterTitles.title(0) == "")
        #expect(try Region.parse("usmca") == .usmca)
        #expect(try Region.parse("us, ca").members == ["US", "CA"])
        #expect(try Region.parse("us,ca").defaultPreferencePrograms.isEmpty)
        #expect(NameSuggestion.closest(to: "orign", among: ["origin", "partner"]) == "origin")
        #expect(NameSuggestion.closest(to: "xyz", among: ["origin", "partner"]) == nil)
    }
}

@Test func canonicalPositionsAreTheirIndexInAllCases() {
    for (index, column) in CanonicalColumn.allCases.enumerated() { #expect(column.position == index) }
}
