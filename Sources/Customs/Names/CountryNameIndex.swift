/// Country names → ISO 3166-1 alpha-2, for sources that write countries by name (USITC DataWeb:
/// `China`, `South Korea`, `Korea, South`): every US Census Schedule C name and every ISO 3166-1 short
/// name, each also by its parts around a parenthesis (`South Korea (Republic of Korea)` → `South Korea`
/// and `Republic of Korea`), plus the inverted Census forms DataWeb writes (`Korea, South`).
///
/// Names are compared by their letters and digits only, ASCII case-insensitively (`Korea, South` =
/// `KOREA SOUTH`); a name that two tables give different codes is no name here (it stays unmapped and
/// is counted, never guessed).
public enum CountryNameIndex {
    /// Inverted and short forms of the Census and DataWeb country lists that neither table spells.
    static let aliases: [(name: String, alpha2: String)] = [
        ("Korea, South", "KR"), ("Korea, North", "KP"), ("Korea", "KR"), ("Burma", "MM"),
        ("Congo (Kinshasa)", "CD"), ("Congo (Brazzaville)", "CG"), ("Ivory Coast", "CI"), ("Macau", "MO"),
        ("Macao", "MO"), ("Vatican City", "VA"), ("Swaziland", "SZ"), ("Macedonia", "MK"), ("Cape Verde", "CV"),
        ("Czechia", "CZ"), ("Turkiye", "TR"), ("Laos", "LA"), ("Syria", "SY"), ("Tanzania", "TZ"),
        ("Moldova", "MD"), ("Micronesia", "FM"), ("Russia", "RU"), ("Vietnam", "VN"), ("Iran", "IR"),
        ("Bolivia", "BO"), ("Venezuela", "VE"), ("Brunei", "BN"), ("Taiwan", "TW"),
    ]

    private static let byKey: [String: String] = {
        var found: [String: String] = [:]
        var ambiguous = Set<String>()
        func add(_ name: String, _ alpha2: String) {
            let key = CountryNameIndex.key(name)
            guard !key.isEmpty, !ambiguous.contains(key) else { return }
            if let known = found[key], known != alpha2 {
                found[key] = nil
                ambiguous.insert(key)
            } else {
                found[key] = alpha2
            }
        }
        func addWithParts(_ name: String, _ alpha2: String) {
            add(name, alpha2)
            guard let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close else { return }
            add(String(name[..<open]), alpha2)
            add(String(name[name.index(after: open)..<close]), alpha2)
        }
        for entry in ScheduleC.codes { addWithParts(entry.name, entry.alpha2) }
        for entry in CountryNames.table { addWithParts(entry.name, entry.alpha2) }
        for alias in aliases { found[key(alias.name)] = alias.alpha2 }
        return found
    }()

    /// The comparison form of a name (`NameKey`).
    static func key(_ name: String) -> String { NameKey.of(name) }

    /// The alpha-2 code of a country name (`"South Korea"` → `"KR"`), if the tables hold it unambiguously.
    ///
    /// - Complexity: O(name length) (hash lookup).
    public static func alpha2(name: String) -> String? { byKey[key(name)] }
}
