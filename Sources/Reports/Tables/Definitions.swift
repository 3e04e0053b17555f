/// What every measure means, in one place: the report's "how to read this",
/// the workbook's summary sheet and the docs say these words (the docs at
/// greater length), and the oracle computes them independently.
public enum Definitions {
    /// (term, meaning) in reading order: the headline's terms first.
    public static let terms: [(term: String, meaning: String)] = [
        (
            "non-regional value through the bloc",
            "Duty-free value entering through a bloc partner (the country of export is a member of the region) that is "
                + "not regional content: pass-through plus declared non-originating value."
        ),
        (
            "pass-through value",
            "Duty-free value of lines whose country of origin is outside the region, shipped from a bloc partner (e.g. "
                + "goods made in China exported from Mexico)."
        ),
        (
            "declared non-originating value",
            "On duty-free lines whose origin is in the region, the value of non-originating materials the importer "
                + "declared, clamped to the line's value."
        ),
        (
            "direct imports from outside the bloc",
            "Lines shipped from a country outside the region. Their duty-free non-bloc value is non-regional too, but "
                + "it does not pass through the bloc: shown apart, never added to the headline."
        ),
        (
            "duty-free",
            "Duty equal to 0 (or, when chosen, a Census rate provision 10–19, or a listed duty-free program)."
        ),
        ("preference value", "Customs value of lines claiming a preference program (S, S+ for USMCA)."),
        ("claim share", "Preference value ÷ customs value."),
        ("non-regional share", "Non-regional value ÷ duty-free value."),
        ("effective duty rate", "Duty ÷ customs value: the duty actually paid per dollar imported."),
        ("money", "US dollars as declared, summed exactly in cents; rounded only in sentences."),
    ]
}
