/// ISO 3166-1 English short names and alpha-3 → alpha-2 conversion.
public enum CountryNames {
    private static let byAlpha2: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.alpha2, $0.name) })
    private static let alpha2ByAlpha3: [String: String] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.alpha3, $0.alpha2) })

    /// The English short name of an alpha-2 code (`"MX"` → `"Mexico"`), or `""` when unknown.
    public static func name(alpha2 code: String) -> String { byAlpha2[code] ?? "" }

    /// The alpha-2 code for an alpha-3 code (`"CHN"` → `"CN"`), if any.
    public static func alpha2(alpha3 code: String) -> String? { alpha2ByAlpha3[code] }
}

/// HS 2022 chapter short titles (plus US chapters 98 and 99).
public enum ChapterTitles {
    /// Title of chapter 1...99, or `""`.
    public static func title(_ chapter: Int) -> String {
        chapter >= 1 && chapter < table.count ? table[chapter] : ""
    }
}
