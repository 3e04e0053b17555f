/// US Census Schedule C country codes (the 4-digit `cty_code` of the IMDB
/// files and the trade API) with their ISO 3166-1 alpha-2 equivalents.
public enum ScheduleC {
    private static let byCode: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0.alpha2) })

    /// The alpha-2 code of a Schedule C code (`"5700"` → `"CN"`), if any.
    public static func alpha2(_ code: String) -> String? { byCode[code] }

    /// Every code of the table, in code order (for tests and documentation).
    public static var codes: [(code: String, alpha2: String, name: String)] { table }
}
