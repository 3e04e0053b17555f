import Aggregation
@testable import Summarize
import RooSupport
import Testing

/// The classification rules every input kind shares (`LineRules`), and the
/// key-code bit layout the fillers turn into line flags.
struct LineRulesTests {
    @Test func keyCodeBitsBecomeTheirLineFlags() {
        let origin = LineRules.KeyFlags(isOrigin: true, convertsCodes: true)
        let partner = LineRules.KeyFlags(isOrigin: false, convertsCodes: true)
        let plain = LineRules.KeyFlags(isOrigin: true, convertsCodes: false)
        let id: UInt32 = 0x00ab_cdef
        #expect(origin.flags(id) == 0)
        #expect(origin.flags(id | KeyInterner.regionBit) == LineBlock.Flag.originInRegion)
        #expect(origin.flags(id | KeyInterner.unmappedBit) == LineBlock.Flag.unmappedCode)
        #expect(
            origin.flags(id | KeyInterner.regionBit | KeyInterner.unmappedBit) == LineBlock.Flag.originInRegion
                | LineBlock.Flag.unmappedCode)
        #expect(partner.flags(id | KeyInterner.regionBit | KeyInterner.unmappedBit) == LineBlock.Flag.unmappedCode)
        #expect(plain.flags(id | KeyInterner.unmappedBit | KeyInterner.regionBit) == LineBlock.Flag.originInRegion)
        // The id bits, region bit and unmapped bit do not overlap.
        #expect(KeyInterner.idMask & (KeyInterner.regionBit | KeyInterner.unmappedBit) == 0)
        #expect(KeyInterner.regionBit & KeyInterner.unmappedBit == 0)
    }

    @Test func rateProvisionsTenToNineteenAreDutyFree() {
        let free = LineBlock.Flag.freeByRule
        let eligible = LineBlock.Flag.eligible
        func flags(_ code: Int64) -> UInt8 { LineRules.rateProvisionFlags(code, freeByRule: true) }
        for code: Int64 in [9, 20, -10] { #expect(flags(code) == 0) }
        for code: Int64 in [0, 61, 69] { #expect(flags(code) == eligible) }
        #expect(flags(10) == free)
        for code: Int64 in [18, 19] { #expect(flags(code) == free | eligible) }
        for (text, flag) in [
            (" 18 ", free | eligible), ("10", free), ("61", eligible), ("x", 0), ("", 0), ("1 8", 0), ("12", free),
        ] {
            let bytes = Array(text.utf8)
            #expect(
                bytes.withUnsafeBytes { LineRules.rateProvisionFlags(text: $0, freeByRule: true) } == flag, "\(text)")
        }
    }

    /// Eligible (`eligible_value`): a code Census lists other than 10, whether or not the rate provision
    /// decides duty-free status; 12 and 15 are not listed (free by the range, but neither MFN-free nor eligible).
    @Test func eligibilityIsEveryListedCodeButMFNFree() {
        let eligible = LineBlock.Flag.eligible
        let listed: [Int64] = [0, 11, 13, 14, 16, 17, 18, 19, 61, 62, 64, 69, 70, 79]
        for code in listed { #expect(LineRules.rateProvisionFlags(code, freeByRule: false) == eligible, "\(code)") }
        for code: Int64 in [10, 12, 15, 20, 60, 99, -1] {
            #expect(LineRules.rateProvisionFlags(code, freeByRule: false) == 0, "\(code)")
        }
    }

    @Test func programsAreTrimmedCaseSensitiveCodes() {
        var options = SummarizeOptions(inputs: [])
        options.preferencePrograms = ["S", "S+"]
        options.dutyFreePrograms = ["IN"]
        let rules = LineRules(options: options)
        #expect(rules.programFlags(trimmed: "S") == LineBlock.Flag.preferenceClaimed)
        #expect(rules.programFlags(trimmed: "S+") == LineBlock.Flag.preferenceClaimed)
        #expect(rules.programFlags(trimmed: "s") == 0)
        #expect(rules.programFlags(trimmed: "IN") == LineBlock.Flag.freeByRule)
        #expect(rules.programFlags(trimmed: "") == 0)
        #expect(Array(" S+ \t".utf8).withUnsafeBytes(LineRules.trimmed) == "S+")
    }

    @Test func periodFilterKeepsMonthsInsideFromTo() {
        var options = SummarizeOptions(inputs: [])
        options.from = 202403
        options.to = 202406
        let rules = LineRules(options: options)
        #expect(rules.months == [202403...202406])
        #expect(rules.periodFlag(month: 202403) == 0)
        #expect(rules.periodFlag(month: 202406) == 0)
        #expect(rules.periodFlag(month: 202402) == LineBlock.Flag.filtered)
        #expect(rules.periodFlag(month: 202407) == LineBlock.Flag.filtered)
        #expect(rules.periodFlag(month: nil) == LineBlock.Flag.filtered)
        options.to = nil
        #expect(LineRules(options: options).periodFlag(month: 209912) == 0)
        options.from = nil
        #expect(LineRules(options: options).months == nil)
    }
}

/// The interner's ids fit the group key's country fields.
@Test func internedIdsFitTheGroupKey() {
    #expect(UInt64(KeyInterner.idMask) == GroupKeyLayout.originMask)
    #expect(UInt64(KeyInterner.idMask) == GroupKeyLayout.partnerMask)
}

/// 65,535 distinct country keys get ids; the next one is refused with the
/// likely cause, never packed into a neighbouring field of the key.
@Test func theInternerRefusesMoreKeysThanTheKeyHolds() throws {
    let interner = KeyInterner(region: .usmca)
    var largest: UInt32 = 0
    for index in 1...Int(KeyInterner.idMask) {
        largest = max(largest, try interner.code(for: Array("K\(index)".utf8)) & KeyInterner.idMask)
    }
    #expect(largest == KeyInterner.idMask)
    #expect(try interner.code(for: Array("K1".utf8)) & KeyInterner.idMask == 1)  // known keys still resolve
    #expect {
        try interner.code(for: Array("ONE-TOO-MANY".utf8))
    } throws: { error in
        (error as? RooError)?.message.hasPrefix("more than 65535 distinct country codes") == true
    }
}

/// Short values are computed once per worker, longer ones every time; the
/// flag is the rule's either way.
@Test func cachedFlagsRunTheRuleOncePerShortValue() {
    var table = PackedKeyTable(capacity: 4)
    var calls = 0
    func flag(_ text: String) -> UInt8 {
        Array(text.utf8).withUnsafeBytes { bytes in
            LineRules.cachedFlag(bytes, in: &table) { raw in
                calls += 1
                return LineRules.rateProvisionFlags(text: raw, freeByRule: true) & LineBlock.Flag.freeByRule
            }
        }
    }
    for _ in 0..<3 {
        #expect(flag("18") == LineBlock.Flag.freeByRule && flag("61") == 0 && flag(" 18") == LineBlock.Flag.freeByRule)
    }
    #expect(calls == 3)
    for _ in 0..<2 { #expect(flag("00000018") == LineBlock.Flag.freeByRule) }  // 8 bytes: not cached
    #expect(calls == 5)
    for code in 0..<100 { _ = flag(String(code)) }  // the table grows past its first capacity
    #expect(flag("19") == LineBlock.Flag.freeByRule && flag("20") == 0)
}
