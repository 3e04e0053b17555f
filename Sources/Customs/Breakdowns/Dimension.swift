/// A key of the `detail` table (`--by`): one of the ways analysts cut
/// imports (docs/semantics.md, Breakdowns).
public enum Dimension: Hashable, Sendable {
    case origin
    case partner
    /// The first `digits` digits of the HS code: 2 (chapter), 4 (heading), 6 (subheading), 8, 10.
    case hs(digits: Int)
    /// The line's month, quarter or year (from the period column).
    case period(PeriodGrain)
    /// The program claimed (SPI), trimmed; no program reads as `none`.
    case program
    /// The reporting (importing) country.
    case reporter
    /// How the line entered: MFN-free, claimed, dutiable, ... (`DutyFreeChannel`, from the rate provision).
    case channel
    /// Any source column by its name in the file (`col:district`): its text, trimmed of spaces.
    case column(String)

    /// The prefix of a source column's name in `--by` (`col:district`).
    public static let columnPrefix = "col:"

    /// The HS widths `--by` accepts.
    public static let hsWidths = [2, 4, 6, 8, 10]

    /// The name `--by` takes and the partial records (`hs6`, `month`).
    public var name: String {
        switch self {
        case .origin: "origin"
        case .partner: "partner"
        case let .hs(digits): "hs\(digits)"
        case let .period(grain): grain.name
        case .program: "program"
        case .reporter: "reporter"
        case .channel: "channel"
        case let .column(name): Dimension.columnPrefix + name
        }
    }

    /// The source column's name of a `col:NAME` key, nil for the other keys.
    public var sourceColumn: String? {
        if case let .column(name) = self { return name }
        return nil
    }

    /// Every name `--by` accepts, for help and errors.
    public static var names: [String] {
        ["origin", "partner"] + hsWidths.map { "hs\($0)" } + PeriodGrain.allCases.reversed().map(\.name) + [
            "program", "reporter", "channel", Dimension.columnPrefix + "NAME",
        ]
    }

    /// The dimension named `name` (as `names` lists them), nil for any other.
    public init?(name: String) {
        if let grain = PeriodGrain.allCases.first(where: { $0.name == name }) {
            self = .period(grain)
            return
        }
        switch name {
        case "origin": self = .origin
        case "partner": self = .partner
        case "program": self = .program
        case "reporter": self = .reporter
        case "channel": self = .channel
        default:
            if name.hasPrefix(Dimension.columnPrefix) {
                let column = String(name.dropFirst(Dimension.columnPrefix.count))
                guard !column.isEmpty else { return nil }
                self = .column(column)
                return
            }
            guard name.hasPrefix("hs"), let digits = Int(name.dropFirst(2)), Dimension.hsWidths.contains(digits),
                name == "hs\(digits)"
            else { return nil }
            self = .hs(digits: digits)
        }
    }
}

/// The period a `Dimension.period` key names, coarsest first.
public enum PeriodGrain: Int, CaseIterable, Comparable, Sendable {
    case year, quarter, month

    public var name: String {
        switch self {
        case .year: "year"
        case .quarter: "quarter"
        case .month: "month"
        }
    }

    public static func < (a: PeriodGrain, b: PeriodGrain) -> Bool { a.rawValue < b.rawValue }

    /// The key of month `month` (YYYYMM) at this grain: YYYYMM, YYYY×10 + quarter, or YYYY.
    public func key(month: Int) -> Int {
        switch self {
        case .month: month
        case .quarter: month / 100 * 10 + (month % 100 + 2) / 3
        case .year: month / 100
        }
    }

    /// The text of a key made by `key(month:)`: `2024-03`, `2024-Q1`, `2024`.
    public func text(key: Int) -> String {
        switch self {
        case .month: "\(key / 100)-\(key % 100 < 10 ? "0" : "")\(key % 100)"
        case .quarter: "\(key / 10)-Q\(key % 10)"
        case .year: String(key)
        }
    }

    /// The text of this grain's period containing the period `text` of grain
    /// `finer` (at least as fine): `2024-03` at quarter is `2024-Q1`.
    /// Text that no key made ("" for no period) is kept as it is.
    public func coarsening(_ text: String, from finer: PeriodGrain) -> String {
        guard finer != self, let key = finer.parse(text) else { return text }
        let month: Int =
            switch finer {
            case .month: key
            case .quarter: key / 10 * 100 + (key % 10) * 3
            case .year: key * 100 + 12
            }
        return self.text(key: self.key(month: month))
    }

    /// The key of text made by `text(key:)`, nil for any other text.
    func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch self {
        case .year: return parts.count == 1 ? Int(parts[0]) : nil
        case .month:
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
            return year * 100 + month
        case .quarter:
            guard parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("Q"),
                let quarter = Int(parts[1].dropFirst())
            else { return nil }
            return year * 10 + quarter
        }
    }
}
