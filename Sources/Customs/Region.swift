/// The trade bloc whose partners' duty-free imports are examined.
public struct Region: Sendable, Equatable {
    /// Alpha-2 codes (normalized) in the region.
    public var members: Set<String>
    /// Whether this is the USMCA bloc (which also sets default preference programs).
    public var isUSMCA: Bool

    /// US, CA, MX.
    public static let usmca = Region(members: ["US", "CA", "MX"], isUSMCA: true)

    /// The blocs `--region` knows by name.
    public static let named: [(name: String, region: Region)] = [("usmca", .usmca)]

    public init(members: Set<String>, isUSMCA: Bool = false) {
        self.members = members
        self.isUSMCA = isUSMCA
    }

    /// Parses a bloc name (`usmca`) or a comma list of codes. The codes are
    /// only normalized here; `resolved(codes:)` checks and converts them
    /// once the inputs' code system is known.
    ///
    /// - Throws: `CustomsError` for an empty list or a word that is neither
    ///   a bloc nor a country code (with the closest bloc name).
    public static func parse(_ text: String) throws(CustomsError) -> Region {
        let trimmed = text.trimmingSpaces
        if let bloc = named.first(where: { $0.name == trimmed.lowercased() }) { return bloc.region }
        let codes = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard !codes.isEmpty, codes.allSatisfy({ !$0.isEmpty }) else {
            throw CustomsError(
                "--region needs a bloc name (\(named.map(\.name).joined(separator: ", "))) or a comma list of country "
                    + "codes, got \"\(text)\""
            )
        }
        if codes.count == 1, !CountryCodes.looksLikeCode(codes[0]),
            let bloc = NameSuggestion.closest(to: codes[0], among: named.map(\.name))
        {
            throw CustomsError(
                "--region \(codes[0]) is neither a bloc nor a country code; did you mean --region \(bloc)?")
        }
        return Region(members: Set(codes.compactMap { CountryKey.normalize($0) }))
    }

    /// The region with every member checked and converted to alpha-2 for
    /// inputs whose codes are `codes` (`CountryCodes.alpha2(for:in:)`); a
    /// list equal to a named bloc becomes that bloc (with its default
    /// preference programs).
    ///
    /// - Returns: the region and, when the list was recognized as a bloc, a
    ///   note saying so.
    /// - Throws: `CustomsError` naming each unknown code with a suggestion.
    public func resolved(codes: CountryCodeSystem) throws(CustomsError) -> (region: Region, note: String?) {
        if isUSMCA { return (self, nil) }
        var converted: Set<String> = []
        for member in members.sorted() {
            converted.insert(try CountryCodes.alpha2(for: member, in: codes, option: "--region"))
        }
        if let bloc = Region.named.first(where: { $0.region.members == converted }) {
            let programs = bloc.region.defaultPreferencePrograms.sorted().joined(separator: ", ")
            let list = converted.sorted().joined(separator: ",")
            return (
                bloc.region,
                "--region \(list) is the \(bloc.name.uppercased()) bloc: its preference programs (\(programs)) apply "
                    + "unless --preference-programs is given"
            )
        }
        return (Region(members: converted), nil)
    }

    public func contains(_ key: String) -> Bool { members.contains(key) }

    /// Default `--preference-programs`: S, S+ for USMCA; none for a custom list.
    public var defaultPreferencePrograms: Set<String> { isUSMCA ? ["S", "S+"] : [] }
}

/// Country codes given on the command line (`--region`, `--reporter`):
/// checked against the code tables roo knows, never taken on trust.
public enum CountryCodes {
    /// Whether `text` has the shape of a code of some system (2 or 3
    /// letters, or 4 digits), as opposed to a word such as a bloc name.
    public static func looksLikeCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.count == 4 { return bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return (bytes.count == 2 || bytes.count == 3) && bytes.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7a }
    }

    /// Codes people write that ISO 3166-1 spells otherwise.
    static let commonMistakes = ["UK": "GB", "EL": "GR"]

    /// The alpha-2 code of `code` (normalized): a known ISO alpha-2 code as
    /// it is, or a code of the inputs' system (`codes`: alpha-3, Schedule C)
    /// converted.
    ///
    /// - Parameter option: the option being checked, for the message.
    /// - Throws: `CustomsError` with a suggestion: the alpha-2 of an alpha-3
    ///   or Schedule C code given for alpha-2 inputs (or the
    ///   `--country-codes` that would read it), else the closest code.
    public static func alpha2(
        for code: String, in codes: CountryCodeSystem, option: String
    ) throws(CustomsError) -> String {
        let normalized = CountryKey.normalize(code) ?? code
        if !CountryNames.name(alpha2: normalized).isEmpty { return normalized }
        if codes != .iso2, let converted = codes.alpha2(normalized) { return converted }
        var message = "\(option): \"\(KeyText.display(Array(code.utf8)))\" is not a known country code"
        if let alpha2 = CountryNames.alpha2(alpha3: normalized) {
            message +=
                codes == .iso3
                ? ""
                : "; it is the alpha-3 code of \(alpha2): give \(alpha2), or --country-codes iso3 if the inputs use "
                    + "alpha-3 codes"
        } else if let alpha2 = ScheduleC.alpha2(normalized) {
            message +=
                "; it is the Census Schedule C code of \(alpha2): give \(alpha2), or --country-codes census if the "
                + "inputs use Schedule C"
        } else if let alpha2 = commonMistakes[normalized] {
            message += "; did you mean \(alpha2) (\(CountryNames.name(alpha2: alpha2)))?"
        } else {
            message += " (ISO 3166-1 alpha-2\(codes == .iso2 ? "" : ", or \(codes.rawValue) codes as the inputs use"))"
        }
        throw CustomsError(message)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
