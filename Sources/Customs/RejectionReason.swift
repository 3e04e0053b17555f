/// Why a line is not aggregated (docs/semantics.md, Rejections); a line takes the first failing
/// reason in declaration order.
public enum RejectionReason: Int, CaseIterable, Sendable {
    case missingOrigin
    case missingPartner
    case missingHS
    case badHS
    case missingValue
    case invalidValue
    case missingDuty

    /// The column name in `totals`.
    public var name: String {
        switch self {
        case .missingOrigin: "missing_origin"
        case .missingPartner: "missing_partner"
        case .missingHS: "missing_hs"
        case .badHS: "bad_hs"
        case .missingValue: "missing_value"
        case .invalidValue: "invalid_value"
        case .missingDuty: "missing_duty"
        }
    }

    /// The canonical column whose value makes a line fail this rule.
    public var column: CanonicalColumn {
        switch self {
        case .missingOrigin: .origin
        case .missingPartner: .partner
        case .missingHS, .badHS: .hsCode
        case .missingValue, .invalidValue: .customsValue
        case .missingDuty: .duty
        }
    }
}
