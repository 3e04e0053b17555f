/// The calibration of `roo generate` (docs/cli.md, generate): partners and
/// their US 2024 import shares, non-regional origins, chapter mixes.
package struct GeneratorModel {
    static let topPartners: [(String, Double)] = [
        ("MX", 15.5), ("CN", 13.4), ("CA", 12.6), ("DE", 5.0), ("JP", 4.6), ("KR", 4.0), ("VN", 4.2), ("TW", 3.6),
        ("IE", 3.0), ("IN", 2.7), ("IT", 2.4), ("GB", 2.1), ("TH", 1.9), ("CH", 1.9), ("MY", 1.6), ("FR", 1.6),
        ("SG", 1.3), ("BR", 1.3), ("ID", 0.9), ("IL", 0.7),
    ]
    static let tailPartners = """
        AR AT AU BE BD CL CO CR CZ DK DO EC EG ES FI GR GT HK HN HU KH KW LK MA NG NL NO NZ PE PH PK PL PT QA RO RU SA \
        SE SK SV TR UA AE ZA BG BH BO BS BY CI CM CY DZ EE ET FJ GA GE GH GY HR HT IQ IS JM JO KE KZ LA LB LT LU LV MD \
        MG MK MM MN MO MT MU MW MZ NA NI NP OM PA PG PY RS RW SI SN SR SZ TN TT TZ UG UY UZ VE ZM ZW AF AL AM AO AZ BA \
        BB BF BJ BN BT BW BZ CD CG CU CV DJ DM ER GD GM GN GQ GW KG KI KM KN KP LC LI LR LS LY MC ME ML MR MV NE PS SB \
        SC SD SL SM SO SS ST SY TD TG TJ TL TM TO TV VC VU WS YE
        """.split(separator: " ").map(String.init)
    static let nonRegionalOrigins: [(String, Double)] = [
        ("CN", 40), ("KR", 12), ("JP", 12), ("VN", 10), ("TW", 8), ("DE", 6), ("IN", 5), ("TH", 3), ("MY", 2),
        ("IT", 2),
    ]
    static let chapterMixes: [String: [(Int, Double)]] = [
        "MX": [(87, 27), (85, 20), (84, 17), (90, 5), (27, 4), (94, 4), (7, 3), (8, 3), (22, 3), (39, 3), (73, 2)],
        "CA": [(27, 28), (87, 14), (84, 7), (44, 4), (39, 4), (76, 4), (48, 3), (85, 3), (71, 3), (30, 2)],
        "CN": [(85, 27), (84, 20), (94, 6), (95, 7), (39, 5), (61, 3), (62, 3), (73, 4), (64, 3), (87, 4)],
        "DE": [(87, 25), (84, 20), (30, 18), (90, 10), (85, 8), (29, 4)],
        "JP": [(87, 35), (84, 25), (85, 15), (90, 8)],
        "VN": [(85, 35), (84, 15), (94, 10), (64, 8), (61, 7), (62, 6)],
        "IE": [(30, 60), (29, 15), (90, 10)],
    ]
    static let defaultMix: [(Int, Double)] = [
        (84, 15), (85, 15), (87, 8), (30, 8), (90, 6), (29, 5), (71, 5), (39, 4), (61, 3), (94, 3), (27, 3), (62, 2),
        (73, 2), (40, 2), (3, 1), (9, 1), (22, 1), (44, 1), (72, 2), (76, 1),
    ]
    static let gspPartners: Set<String> = ["IN", "TH", "ID", "BR", "PH"]
    static let dutyRates: [Double] = [0.025, 0.04, 0.065, 0.1, 0.25, 0.325]
    /// Distinct HS10 suffixes per chapter (≈ 96 × 160 ≈ 15,000 codes).
    static let codesPerChapter = 160

    let partners: [String]
    let partnerChoice: WeightedChoice
    let originChoice: WeightedChoice
    /// Per partner index: (chapters, chooser).
    let chapterChoices: [([Int], WeightedChoice)]
    /// hsCodes[chapter][k]: 10-digit code text.
    let hsCodes: [[[UInt8]]]

    init(seed: UInt64) {
        let tailWeight = 100 - GeneratorModel.topPartners.reduce(0) { $0 + $1.1 }
        let harmonic = (1...GeneratorModel.tailPartners.count).reduce(0.0) { $0 + 1 / Double($1) }
        partners = GeneratorModel.topPartners.map(\.0) + GeneratorModel.tailPartners
        partnerChoice = WeightedChoice(
            GeneratorModel.topPartners.map(\.1)
                + (1...GeneratorModel.tailPartners.count).map { tailWeight / harmonic / Double($0) })
        originChoice = WeightedChoice(GeneratorModel.nonRegionalOrigins.map(\.1))
        var codes: [[[UInt8]]] = Array(repeating: [], count: 100)
        var random = SplitMix(seed: seed, stream: 0x5EED)
        for chapter in 1...97 where chapter != 77 {
            var seen = Set<Int>()
            while seen.count < GeneratorModel.codesPerChapter { seen.insert(random.below(100_000_000)) }
            codes[chapter] = seen.sorted().map { suffix in
                let text = String(suffix)
                return Array(
                    (chapter < 10 ? "0" : "") + String(chapter) + String(repeating: "0", count: 8 - text.count) + text
                ).map { $0.asciiValue ?? 48 }
            }
        }
        hsCodes = codes
        let allChapters = (1...97).filter { $0 != 77 }
        chapterChoices = partners.map { partner in
            let mix = GeneratorModel.chapterMixes[partner] ?? GeneratorModel.defaultMix
            let listed = Set(mix.map(\.0))
            let chapters = mix.map(\.0) + allChapters.filter { !listed.contains($0) }
            let weights = mix.map(\.1) + Array(repeating: 0.2, count: chapters.count - mix.count)
            return (chapters, WeightedChoice(weights))
        }
    }
}
