import Customs

/// The `totals` columns in words, for the readable views' data-quality
/// parts: what was read, filtered, rejected (per reason) and summarized.
public enum CounterLabels {
    /// The label of a `totals` column, or the column name when it has none.
    ///
    /// - Complexity: O(1).
    public static func label(_ column: String) -> String {
        labels[column] ?? column
    }

    /// Whether `column` is one rejection reason's count (shown under `lines_rejected`).
    public static func isRejectionReason(_ column: String) -> Bool {
        RejectionReason.allCases.contains { $0.name == column }
    }

    static let labels: [String: String] = [
        "files": "Files read",
        "lines_read": "Lines read",
        "lines_filtered": "Lines filtered out (--reporter, --from, --to)",
        "lines_rejected": "Lines rejected",
        RejectionReason.missingOrigin.name: "no country of origin",
        RejectionReason.missingPartner.name: "no partner (country of export)",
        RejectionReason.missingHS.name: "no HS code",
        RejectionReason.badHS.name: "HS code without a chapter 01–99",
        RejectionReason.missingValue.name: "no customs value",
        RejectionReason.invalidValue.name: "customs value not a number (NaN, infinite)",
        RejectionReason.missingDuty.name: "no duty, when duty decides duty-free",
        "lines_aggregated": "Lines summarized",
        "unmapped_country_codes": "Summarized lines with a country code not converted to alpha-2",
        "hs_odd_length": "Summarized lines with an HS code of odd length (a lost leading zero?)",
        "lines": "Lines in the tables",
        "customs_value": "Customs value, US$",
        "duty": "Duty, US$",
        "duty_free_lines": "Duty-free lines",
        "duty_free_value": "Duty-free value, US$",
        "preference_value": "Preference value, US$",
        "non_regional_value": "Non-regional value, every route (through the bloc and direct), US$",
        "non_regional_share": "Non-regional share of the duty-free value, every route",
        "claim_share": "Share of the customs value claiming a preference program",
        "effective_duty_rate": "Duty ÷ customs value",
    ]
}
