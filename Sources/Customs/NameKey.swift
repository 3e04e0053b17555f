/// The form in which names are compared when spelling and punctuation vary (a layout's field names:
/// `Country of Origin` = `country_of_origin`; country names: `Korea, South` = `KOREA SOUTH`).
public enum NameKey {
    /// `name` with ASCII letters lower-cased, digits kept, every other ASCII byte dropped, non-ASCII kept
    /// as is.
    ///
    /// - Complexity: O(name length).
    public static func of(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.lowercased().unicodeScalars
        where (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar.value > 0x7f {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
