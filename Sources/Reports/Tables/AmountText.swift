/// Money for people, shared by the readable views (terminal, report): whole
/// US dollars with thousands separators. Exact cents stay in the tables.
public enum AmountText {
    /// Cents as whole dollars, rounded half away from zero: `-1,234,568`.
    ///
    /// - Complexity: O(digits).
    public static func wholeDollars(_ cents: Int64) -> String {
        // magnitude / 100 + rounding fits UInt64 and, divided by 100, Int64.
        let rounded = (cents.magnitude + 50) / 100
        return (cents < 0 && rounded > 0 ? "-" : "") + Headline.grouped(Int64(rounded))
    }
}
