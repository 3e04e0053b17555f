import Customs

/// Per bloc partner and period: the non-regional value through the partner
/// and its claim share (preference ÷ customs value), for the report's line
/// charts. Built when the groups carry a period (`--by` month, quarter or
/// year, or `--compare`); lines without a readable period are left out.
public struct PeriodSeries: Sendable, Equatable {
    /// One partner's sums in one period, exact cents.
    public struct Point: Sendable, Equatable {
        public var nonRegionalCents: Int64
        public var preferenceCents: Int64
        public var customsCents: Int64

        public init(nonRegionalCents: Int64, preferenceCents: Int64, customsCents: Int64) {
            self.nonRegionalCents = nonRegionalCents
            self.preferenceCents = preferenceCents
            self.customsCents = customsCents
        }
    }

    /// One bloc partner's points, one per period of `periods`.
    public struct Line: Sendable, Equatable {
        public var partner: String
        public var name: String
        public var points: [Point]
    }

    public var grain: PeriodGrain
    /// The periods, in time order (their text sorts so).
    public var periods: [String]
    /// The bloc partners with lines, largest non-regional value first (then by code).
    public var lines: [Line]

    /// The colors the partners' lines are drawn in (report and workbook), largest partner first.
    public static let colors = ["d0682b", "2f6aad", "3b8a4e", "8a4e9c", "9c7a2f"]

    /// The lines a chart draws: the largest partners, one per color.
    public var drawnLines: [Line] { Array(lines.prefix(PeriodSeries.colors.count)) }

    /// Whether there is anything to draw: two periods or more and a line through the bloc.
    public var isDrawable: Bool { periods.count >= 2 && !lines.isEmpty }

    /// The series of `groups` (each `detail` following `plan`), nil without a
    /// period component, a dated line through the bloc, or when a sum overflows Int64.
    ///
    /// - Complexity: O(groups + partners × periods).
    public static func make(_ groups: [GroupRow], plan: DetailPlan, members: Set<String>) -> PeriodSeries? {
        guard let grain = plan.periodGrain, let index = plan.index(of: .period(grain)) else { return nil }
        var sums: [String: [String: MeasureSums]] = [:]
        var periods = Set<String>()
        for group in groups where members.contains(group.partner) && !group.detail[index].isEmpty {
            let period = group.detail[index]
            periods.insert(period)
            sums[group.partner, default: [:]][period, default: MeasureSums()].add(group.measures)
        }
        guard !periods.isEmpty else { return nil }
        let ordered = periods.sorted(by: KeyText.precedesBytewise)
        var lines: [(line: Line, total: Int64)] = []
        for (partner, byPeriod) in sums {
            var points: [Point] = []
            var total: Int64 = 0
            for period in ordered {
                guard let measures = (byPeriod[period] ?? MeasureSums()).exact else { return nil }
                points.append(
                    Point(
                        nonRegionalCents: measures.nonRegionalValue, preferenceCents: measures.preferenceValue,
                        customsCents: measures.customsValue))
                let (sum, overflow) = total.addingReportingOverflow(measures.nonRegionalValue)
                if overflow { return nil }
                total = sum
            }
            lines.append((Line(partner: partner, name: CountryNames.name(alpha2: partner), points: points), total))
        }
        lines.sort { a, b in
            a.total != b.total
                ? a.total > b.total : KeyText.precedesBytewise(a.line.partner, b.line.partner)
        }
        return PeriodSeries(grain: grain, periods: ordered, lines: lines.map(\.line))
    }
}
