import Testing
@testable import Customs

/// The conversion tables of `--country-codes` (docs/semantics.md, Country codes).
struct CountryCodeTests {
    static let alpha2Codes = Set(CountryNames.table.map(\.alpha2))

    @Test func everyScheduleCCodeConvertsToAKnownAlpha2() {
        let codes = ScheduleC.codes
        #expect(codes.count >= 235, "the whole Schedule C, not a sample")
        #expect(Set(codes.map(\.code)).count == codes.count, "codes are unique")
        for entry in codes {
            #expect(
                entry.code.utf8.count == 4 && entry.code.allSatisfy(\.isASCII) && Int(entry.code) != nil,
                "\(entry.code)")
            #expect(CountryCodeTests.alpha2Codes.contains(entry.alpha2), "\(entry.code) → \(entry.alpha2)")
            #expect(CountryCodeSystem.census.alpha2(entry.code) == entry.alpha2)
            #expect(!CountryNames.name(alpha2: entry.alpha2).isEmpty)
        }
    }

    @Test func scheduleCAnchorsFromTheDomainBrief() {
        let anchors = [
            "2010": "MX", "1220": "CA", "5700": "CN", "5880": "JP", "5800": "KR", "5830": "TW", "5820": "HK",
            "5520": "VN", "5330": "IN", "4280": "DE", "4120": "GB", "5490": "TH", "5570": "MY",
        ]
        for (code, alpha2) in anchors { #expect(CountryCodeSystem.census.alpha2(code) == alpha2, "\(code)") }
        // Every country that trades with the US at scale has a code.
        let mapped = Set(ScheduleC.codes.map(\.alpha2))
        for alpha2 in ["US", "FR", "IT", "BR", "IL", "SG", "CH", "IE", "NL", "TR", "ZA", "AU", "NZ", "SA", "PR"] {
            #expect(mapped.contains(alpha2), "\(alpha2)")
        }
    }

    @Test func everyISOAlpha3RoundTripsToItsAlpha2() {
        #expect(CountryNames.table.count >= 249)
        for entry in CountryNames.table {
            #expect(entry.alpha3.utf8.count == 3)
            #expect(CountryCodeSystem.iso3.alpha2(entry.alpha3) == entry.alpha2, "\(entry.alpha3)")
        }
        #expect(CountryCodeSystem.iso3.alpha2("MEX") == "MX")
        #expect(CountryCodeSystem.iso3.alpha2("CHN") == "CN")
        #expect(CountryCodeSystem.iso3.alpha2("XXX") == nil)
        #expect(CountryCodeSystem.census.alpha2("9999") == nil)
        #expect(CountryCodeSystem.iso2.alpha2("ZZ") == "ZZ", "alpha-2 input is used as it is")
    }

    /// UN M49 codes as Comtrade and BACI write them: every ISO 3166-1 numeric code, Comtrade's own
    /// codes for five reporters, leading zeros ignored; groups, "nes" areas and other text unmapped.
    @Test func m49CodesConvertAsComtradeWritesThem() {
        let codes = M49.codes
        #expect(codes.count >= 249 + 5, "every ISO numeric code and Comtrade's five")
        #expect(Set(codes.map(\.code)).count == codes.count, "codes are unique")
        for entry in codes {
            #expect(CountryCodeTests.alpha2Codes.contains(entry.alpha2), "\(entry.code) → \(entry.alpha2)")
            #expect(CountryCodeSystem.m49.alpha2(String(entry.code)) == entry.alpha2)
        }
        let anchors = [
            "484": "MX", "124": "CA", "156": "CN", "840": "US", "842": "US", "251": "FR", "250": "FR",
            "699": "IN", "356": "IN", "757": "CH", "579": "NO", "704": "VN", "4": "AF", "004": "AF", "04": "AF",
            "036": "AU", "392": "JP", "410": "KR", "158": "TW", "276": "DE",
        ]
        for (code, alpha2) in anchors { #expect(CountryCodeSystem.m49.alpha2(code) == alpha2, "\(code)") }
        // World, Other Asia nes, the EU, four digits, signs and letters have no alpha-2.
        for code in ["0", "000", "490", "97", "0004", "9999", "-4", "+4", "4a", "", "MX"] {
            #expect(CountryCodeSystem.m49.alpha2(code) == nil, "\(code)")
        }
    }

    /// Country names as DataWeb and the Census write them: every Schedule C country by its Census name and
    /// by the parts around its parenthesis, the inverted forms, case and punctuation ignored; a name no
    /// table holds is no code.
    @Test func namesConvertAsDataWebWritesThem() {
        let names = CountryCodeSystem.names
        for entry in ScheduleC.codes where !["PS"].contains(entry.alpha2) {
            #expect(names.alpha2(entry.name) == entry.alpha2, "\(entry.name)")
        }
        let anchors = [
            "China": "CN", "Mexico": "MX", "Canada": "CA", "South Korea": "KR", "Korea, South": "KR",
            "KOREA, SOUTH": "KR", "korea south": "KR", "Republic of Korea": "KR", "North Korea": "KP",
            "Burma": "MM", "Myanmar": "MM", "Vietnam": "VN", "Viet Nam": "VN", "Taiwan": "TW", "Hong Kong": "HK",
            "United Kingdom": "GB", "Germany": "DE", "Russia": "RU", "Czech Republic": "CZ", "Czechia": "CZ",
            "Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Turkey": "TR", "Macau": "MO",
        ]
        for (name, alpha2) in anchors { #expect(names.alpha2(name) == alpha2, "\(name)") }
        for name in ["Freedonia", "World", "", "Total:", "MX", "Korea, East"] {
            #expect(names.alpha2(name) == nil, "\(name)")
        }
    }
}
