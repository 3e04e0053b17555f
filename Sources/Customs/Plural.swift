/// Counts with their noun, in the number the count needs: `1 row`,
/// `2 rows`, `0 files`, `1 entry`, `3 entries`. Every message that prints a
/// count with a noun goes through here, so none reads "1 rows" or "file(s)".
public enum Plural {
    /// `count` and `noun`, the noun made plural unless `count` is exactly 1.
    ///
    /// - Parameters:
    ///   - count: any integer (negative counts take the plural, as 0 does).
    ///   - noun: the singular (`"row"`, `"entry"`, `"row group"`).
    ///   - plural: the plural when the English rules of `plural(of:)` do
    ///     not give it.
    ///   - grouped: write the count with thousands separators (`12,345 lines`),
    ///     as warnings do; messages that tools read keep plain digits.
    /// - Returns: e.g. `"1 row"`, `"12 rows"`.
    /// - Complexity: O(noun length + digits).
    public static func count<Count: BinaryInteger>(
        _ count: Count, _ noun: String, plural: String? = nil, grouped: Bool = false
    ) -> String {
        (grouped ? number(count) : "\(count)") + " " + word(count, noun, plural: plural)
    }

    /// `value` with thousands separators (`12,345`, `-1,000`).
    ///
    /// - Complexity: O(digits).
    public static func number<Value: BinaryInteger>(_ value: Value) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `noun` in the number `count` needs, without the count (for "12 of 30 runs").
    public static func word<Count: BinaryInteger>(_ count: Count, _ noun: String, plural: String? = nil) -> String {
        count == 1 ? noun : plural ?? Plural.plural(of: noun)
    }

    /// The regular English plural of the last word of `noun`: `-s`, `-es`
    /// after s, x, z, ch and sh, `-ies` after a consonant and y.
    ///
    /// - Complexity: O(noun length).
    public static func plural(of noun: String) -> String {
        let lower = noun.lowercased()
        if ["s", "x", "z", "ch", "sh"].contains(where: { lower.hasSuffix($0) }) { return noun + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        return noun + "s"
    }
}
