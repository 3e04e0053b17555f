/// UN M49 numeric country codes as UN Comtrade and CEPII BACI write them
/// (`--country-codes m49`): every ISO 3166-1 numeric code, plus the codes
/// Comtrade uses instead of ISO's for five reporters (251 France, 579 Norway,
/// 699 India, 757 Switzerland, 842 USA). Groups and "nes" areas (0 World,
/// 490 Other Asia nes, 97 EU, …) and historical codes have no alpha-2.
public enum M49 {
    private static let byCode: [Int: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0.alpha2) })

    /// The alpha-2 code of an M49 code of one to three digits, leading zeros
    /// ignored (`"4"`, `"04"` and `"004"` are Afghanistan), if any.
    ///
    /// - Complexity: O(1).
    public static func alpha2(_ code: String) -> String? {
        let utf8 = code.utf8
        guard (1...3).contains(utf8.count), utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return byCode[utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }]
    }

    /// Every code of the table, in code order (for tests and documentation).
    public static var codes: [(code: Int, alpha2: String)] { table }
}
