/// The trade bloc whose partners' duty-free imports are examined (SPEC §1.3).
public struct Region: Sendable, Equatable {
    /// Alpha-2 codes (normalized) in the region.
    public var members: Set<String>
    /// Whether this is the USMCA preset (which also sets default preference programs).
    public var isUSMCA: Bool

    /// US, CA, MX.
    public static let usmca = Region(members: ["US", "CA", "MX"], isUSMCA: true)

    public init(members: Set<String>, isUSMCA: Bool = false) {
        self.members = members
        self.isUSMCA = isUSMCA
    }

    /// Parses `usmca` or a comma list of codes.
    public static func parse(_ text: String) throws(CustomsError) -> Region {
        if text.lowercased() == "usmca" { return .usmca }
        let codes = text.split(separator: ",").compactMap { CountryKey.normalize(String($0)) }
        guard !codes.isEmpty else { throw CustomsError("--region needs usmca or a comma list of country codes") }
        return Region(members: Set(codes))
    }

    public func contains(_ key: String) -> Bool { members.contains(key) }

    /// Default `--preference-programs`: S, S+ for USMCA; none for a custom list.
    public var defaultPreferencePrograms: Set<String> { isUSMCA ? ["S", "S+"] : [] }
}
