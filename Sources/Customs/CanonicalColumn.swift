/// The columns roo understands (docs/semantics.md, Canonical columns), by canonical name.
public enum CanonicalColumn: String, CaseIterable, Sendable, Hashable {
    case origin
    case partner
    case hsCode = "hs_code"
    case customsValue = "customs_value"
    case duty
    case program
    case nonOriginatingValue = "non_originating_value"
    case reporter
    case rateProvision = "rate_provision"
    case period
    /// The dutiable part of the value (Census `dut_val_mo`): summed as `dutiable_value`.
    case dutiableValue = "dutiable_value"

    /// Position in `allCases` (for arrays indexed by column, without hashing).
    public var position: Int {
        switch self {
        case .origin: 0
        case .partner: 1
        case .hsCode: 2
        case .customsValue: 3
        case .duty: 4
        case .program: 5
        case .nonOriginatingValue: 6
        case .reporter: 7
        case .rateProvision: 8
        case .period: 9
        case .dutiableValue: 10
        }
    }

    /// Whether the column holds a money amount (converted to cents).
    public var isMoney: Bool {
        switch self {
        case .customsValue, .duty, .nonOriginatingValue, .dutiableValue: true
        default: false
        }
    }

    /// Whether the column holds a code or key compared as text (countries,
    /// HS and Schedule C codes with their leading zeros, programs, rate
    /// provisions): every column but the money ones and the period.
    public var isKey: Bool {
        switch self {
        case .origin, .partner, .hsCode, .program, .reporter, .rateProvision: true
        case .customsValue, .duty, .nonOriginatingValue, .period, .dutiableValue: false
        }
    }

    /// Columns every input must have.
    public static let required: [CanonicalColumn] = [.origin, .partner, .hsCode, .customsValue]

    /// What the column is for, for error messages.
    public var meaning: String {
        switch self {
        case .origin: "country of origin"
        case .partner: "country of export"
        case .hsCode: "HS / HTS tariff code"
        case .customsValue: "customs value, USD"
        case .duty: "calculated duty, USD"
        case .program: "special program indicator claimed"
        case .nonOriginatingValue: "value of non-originating materials"
        case .reporter: "importing country"
        case .rateProvision: "US Census rate provision code"
        case .period: "month (YYYYMM)"
        case .dutiableValue: "dutiable value, USD"
        }
    }
}

/// Canonical column → source column name (`--map canonical=source`,
/// `roo.toml [columns]`); unmapped columns default to their canonical name.
public struct ColumnMapping: Sendable, Equatable {
    public private(set) var sources: [CanonicalColumn: String] = [:]

    public init() {}

    /// Sets the source of `canonical` (a later assignment wins).
    public mutating func map(_ canonical: CanonicalColumn, to source: String) {
        sources[canonical] = source
    }

    /// Parses `canonical=source`.
    ///
    /// - Throws: `CustomsError` for a missing `=` or an unknown canonical name.
    public mutating func parse(_ assignment: String) throws(CustomsError) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw CustomsError("--map expects canonical=source, got \"\(assignment)\"")
        }
        let name = String(assignment[..<equals])
        let source = String(assignment[assignment.index(after: equals)...])
        guard let canonical = CanonicalColumn(rawValue: name) else {
            let known = CanonicalColumn.allCases.map(\.rawValue).joined(separator: ", ")
            throw CustomsError("unknown canonical column \"\(name)\" in --map (known: \(known))")
        }
        guard !source.isEmpty else { throw CustomsError("--map \(name)= needs a source column name") }
        map(canonical, to: source)
    }

    /// The source column name for `canonical`.
    public func source(for canonical: CanonicalColumn) -> String {
        sources[canonical] ?? canonical.rawValue
    }

    /// Whether `canonical` was mapped explicitly.
    public func isExplicit(_ canonical: CanonicalColumn) -> Bool { sources[canonical] != nil }
}

/// A usage or configuration error in the customs domain (exit 64).
public struct CustomsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
