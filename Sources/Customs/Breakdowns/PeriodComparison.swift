/// `--compare A:B`: two years (`2024:2025`) or two months (`202403:202503`)
/// whose lines a run keeps, with each table's money split by the two
/// (docs/semantics.md, Comparing two periods).
public struct PeriodComparison: Hashable, Sendable {
    /// `.year` or `.month`.
    public let grain: PeriodGrain
    /// The base period A and the compared period B, as keys of `grain` (YYYY or YYYYMM).
    public let base: Int
    public let current: Int

    /// Reads `A:B`: two years or two months (YYYYMM, month 01–12), different, of the same kind.
    ///
    /// - Throws: `PeriodComparisonError` saying what to give instead.
    public init(parsing text: String) throws(PeriodComparisonError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let a = PeriodComparison.key(parts[0]), let b = PeriodComparison.key(parts[1]),
            a.grain == b.grain
        else { throw .malformed(text) }
        guard a.key != b.key else { throw .samePeriod(text) }
        grain = a.grain
        base = a.key
        current = b.key
    }

    /// A year (4 digits, 1000–9999) or a month (6 digits, YYYYMM with MM 01–12).
    private static func key(_ text: String) -> (grain: PeriodGrain, key: Int)? {
        guard text.utf8.allSatisfy({ $0 &- 0x30 < 10 }), let value = Int(text) else { return nil }
        switch text.utf8.count {
        case 4 where value >= 1000: return (.year, value)
        case 6 where value / 100 >= 1000 && (1...12).contains(value % 100): return (.month, value)
        default: return nil
        }
    }

    /// `A:B` as `--compare` takes it.
    public var text: String { "\(base):\(current)" }

    /// The label of a period in column names: `2024` or `202403`.
    public static func label(_ key: Int) -> String { String(key) }

    /// The months (YYYYMM) of A and of B, the lines the run keeps.
    public var months: [ClosedRange<Int>] {
        [base, current].map { key in grain == .year ? (key * 100 + 1)...(key * 100 + 12) : key...key }
    }

    /// Which of the two periods a group's period text (made at grain `finer`,
    /// at least as fine as `grain`) falls in: 0 for A, 1 for B, nil for neither.
    public func side(ofPeriod text: String, from finer: PeriodGrain) -> Int? {
        let coarse = grain.coarsening(text, from: finer)
        if coarse == grain.text(key: base) { return 0 }
        if coarse == grain.text(key: current) { return 1 }
        return nil
    }
}

/// Why a `--compare` value was refused.
public enum PeriodComparisonError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case samePeriod(String)

    public var description: String {
        switch self {
        case let .malformed(text):
            "--compare takes two years (2024:2025) or two months (202403:202503), got \""
                + KeyText.escapingControls(text) + "\""
        case let .samePeriod(text): "--compare \(text) compares a period with itself: give two different periods"
        }
    }
}
