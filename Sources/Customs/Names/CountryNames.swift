/// ISO 3166-1 English short names and alpha-3 → alpha-2 conversion.
public enum CountryNames {
    private static let byAlpha2: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.alpha2, $0.name) })
    private static let alpha2ByAlpha3: [String: String] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.alpha3, $0.alpha2) })

    /// The names of the two-letter codes `AA`…`ZZ` at `(first − A) × 26 + (second − A)`, `""` for no country.
    private static let byLetters: [String] = {
        var names = Array(repeating: "", count: 26 * 26)
        for entry in table {
            let letters = Array(entry.alpha2.utf8)
            guard letters.count == 2, let index = letterIndex(letters[0], letters[1]) else { continue }
            names[index] = entry.name
        }
        return names
    }()

    /// The index of two capital ASCII letters in `byLetters`, nil for anything else.
    @inline(__always)
    private static func letterIndex(_ first: UInt8, _ second: UInt8) -> Int? {
        let a = first &- UInt8(ascii: "A")
        let b = second &- UInt8(ascii: "A")
        return a < 26 && b < 26 ? Int(a) * 26 + Int(b) : nil
    }

    /// The English short name of an alpha-2 code (`"MX"` → `"Mexico"`), or `""` when unknown. Two capital
    /// letters (every code, once per row of a table of millions) are read by position, not hashed.
    public static func name(alpha2 code: String) -> String {
        var utf8 = code.utf8.makeIterator()
        if let first = utf8.next(), let second = utf8.next(), utf8.next() == nil,
            let index = letterIndex(first, second)
        {
            return byLetters[index]
        }
        return byAlpha2[code] ?? ""
    }

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
