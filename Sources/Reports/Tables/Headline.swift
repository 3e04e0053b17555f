/// The answer roo states first, on every surface (terminal, report,
/// workbook): how much non-regional content entered duty-free through the
/// bloc's partners, split into goods made outside the bloc shipped from a
/// partner (pass-through) and non-originating materials declared in bloc
/// goods, with the partners' shares, the period, the region and the
/// programs. Built from the `through_bloc` table, so it always agrees with it.
public struct Headline: Sendable, Equatable {
    /// One bloc partner's part.
    public struct Partner: Sendable, Equatable {
        public var code: String
        public var name: String
        public var nonRegionalCents: Int64
        public var passThroughCents: Int64
        public var declaredCents: Int64
    }

    /// What the numbers were computed under, in words.
    public struct Context: Sendable, Equatable {
        /// `2024-01 to 2024-12`, or nil when the inputs do not say.
        public var period: String?
        /// Alpha-2 codes of the region.
        public var region: [String]
        /// Whether the region is the USMCA bloc.
        public var isUSMCA: Bool
        /// Preference programs that count as claims.
        public var programs: [String]

        public init(period: String?, region: [String], isUSMCA: Bool, programs: [String]) {
            self.period = period
            self.region = region
            self.isUSMCA = isUSMCA
            self.programs = programs
        }
    }

    /// The number in each period of `--compare A:B` (`through_bloc`'s compared columns of the bloc row).
    public struct Comparison: Sendable, Equatable {
        /// The periods as the column names spell them (`2025`, `202503`).
        public var current: String
        public var base: String
        public var currentCents: Int64
        public var baseCents: Int64

        public init(current: String, base: String, currentCents: Int64, baseCents: Int64) {
            self.current = current
            self.base = base
            self.currentCents = currentCents
            self.baseCents = baseCents
        }
    }

    public var nonRegionalCents: Int64
    public var passThroughCents: Int64
    public var declaredCents: Int64
    /// Duty-free value shipped from bloc partners (the base of the share).
    public var dutyFreeCents: Int64
    public var partners: [Partner]
    public var context: Context
    /// The number in each compared period, nil without `--compare`.
    public var comparison: Comparison?

    /// The headline of `tables` (nil when they hold no `through_bloc`).
    public init?(tables: [SummaryTable], context: Context) {
        guard let table = tables.first(where: { $0.name == .throughBloc }) else { return nil }
        func money(_ row: [Cell], _ column: String) -> Int64 {
            guard let index = table.columns.firstIndex(of: column), index < row.count,
                case let .money(cents) = row[index]
            else { return 0 }
            return cents
        }
        func text(_ row: [Cell], _ index: Int) -> String {
            guard index < row.count, case let .text(value) = row[index] else { return "" }
            return value
        }
        guard let bloc = table.rows.first(where: { text($0, 0) == "bloc" }) else { return nil }
        nonRegionalCents = money(bloc, "non_regional_value")
        passThroughCents = money(bloc, "pass_through_value")
        declaredCents = money(bloc, "declared_non_originating_value")
        dutyFreeCents = money(bloc, "duty_free_value")
        partners = table.rows.filter { text($0, 0) != "bloc" && text($0, 0) != "direct" }.map { row in
            Partner(
                code: text(row, 0), name: text(row, 1), nonRegionalCents: money(row, "non_regional_value"),
                passThroughCents: money(row, "pass_through_value"),
                declaredCents: money(row, "declared_non_originating_value"))
        }
        self.context = context
        comparison = Headline.comparison(in: table.columns) { money(bloc, $0) }
    }

    /// The compared non-regional value columns of `columns` (`non_regional_value_B`, then `_A`, as
    /// `SummaryTable.comparedColumns` orders them), read by `money`; nil when there are none.
    static func comparison(in columns: [String], money: (String) -> Int64) -> Comparison? {
        let prefix = "non_regional_value_"
        let periods = columns.filter { $0.hasPrefix(prefix) && !$0.hasSuffix("_change") && !$0.hasSuffix("_growth") }
        guard periods.count == 2 else { return nil }
        return Comparison(
            current: String(periods[0].dropFirst(prefix.count)), base: String(periods[1].dropFirst(prefix.count)),
            currentCents: money(periods[0]), baseCents: money(periods[1]))
    }

    /// With `--compare A:B`, the number in each period: `Through the bloc in 2025: US$1.20 billion,
    /// against US$1.00 billion in 2024 (+20.0%).`; nil without it.
    public var comparisonSentence: String? {
        guard let comparison else { return nil }
        let change =
            comparison.baseCents == 0
            ? "none in \(comparison.base)"
            : (comparison.currentCents >= comparison.baseCents ? "+" : "")
                // Fits: the table computed the same change with overflow checks (`non_regional_value_change`).
                + Headline.percent(comparison.currentCents &- comparison.baseCents, of: comparison.baseCents)
        let against =
            comparison.baseCents == 0 ? "" : ", against \(Headline.dollars(comparison.baseCents)) in \(comparison.base)"
        let amount = Headline.dollars(comparison.currentCents)
        return "Through the bloc in \(comparison.current): \(amount)\(against) (\(change))."
    }

    /// `the USMCA partners (Mexico, Canada)` or `the bloc partners (CA, MX)`.
    public var partnersPhrase: String {
        let names = partners.map { $0.name.isEmpty ? $0.code : $0.name }.joined(separator: ", ")
        let who =
            context.isUSMCA ? "the USMCA partners" : "the bloc partners (\(context.region.joined(separator: ", ")))"
        return names.isEmpty ? who : "\(who) (\(names))"
    }

    /// The sentence: the number, its definition, its two parts, the period
    /// and the programs.
    public var sentence: String {
        "\(Headline.dollars(nonRegionalCents)) \(claim): "
            + "\(Headline.dollars(passThroughCents)) \(passThroughPhrase), and \(Headline.dollars(declaredCents)) "
            + "\(declaredPhrase)."
    }

    /// What the number is, after it: `of non-regional content entered
    /// duty-free through the USMCA partners (Mexico, Canada) in 2024 (23.4%
    /// of the duty-free value shipped from them)`.
    public var claim: String {
        let period = context.period.map { " in \($0)" } ?? ""
        let share =
            dutyFreeCents > 0
            ? " (\(Headline.percent(nonRegionalCents, of: dutyFreeCents)) of the duty-free value shipped from them)"
            : ""
        return "of non-regional content entered duty-free through \(partnersPhrase)\(period)\(share)"
    }

    /// What the pass-through part is, after its amount.
    public var passThroughPhrase: String { "of goods made outside the bloc and shipped from there" }

    /// What the declared part is, after its amount: `of non-originating
    /// materials declared in preference claims (S, S+)`.
    public var declaredPhrase: String {
        "of non-originating materials declared in \(programsPhrase)"
    }

    /// `preference claims (S, S+)`, or `preference claims` when no program is listed.
    public var programsPhrase: String {
        context.programs.isEmpty
            ? "preference claims" : "preference claims (\(context.programs.joined(separator: ", ")))"
    }

    /// The per-partner split: `Mexico US$208.5 million (pass-through US$71.0 million, declared US$137.5 million); …`.
    public var partnerLines: [String] {
        partners.map { partner in
            "\(partner.name.isEmpty ? partner.code : partner.name) \(Headline.dollars(partner.nonRegionalCents)) "
                + "(pass-through \(Headline.dollars(partner.passThroughCents)), declared "
                + "\(Headline.dollars(partner.declaredCents)))"
        }
    }

    /// Cents in words for a sentence: `US$2.09 billion`, `US$382.4 million`,
    /// `US$12,345` (whole dollars below a million). Exact cents are in the tables.
    public static func dollars(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let dollars = Double(cents.magnitude) / 100
        if dollars >= 1e9 { return "\(sign)US$" + fixed(dollars / 1e9, 2) + " billion" }
        if dollars >= 1e6 { return "\(sign)US$" + fixed(dollars / 1e6, 1) + " million" }
        return "\(sign)US$" + grouped(Int64((dollars).rounded()))
    }

    /// `part / whole` as a percentage with one decimal (`23.4%`).
    public static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole != 0 else { return "" }
        return fixed(Double(part) / Double(whole) * 100, 1) + "%"
    }

    /// `value` with `decimals` decimals and thousands separators; a negative
    /// value keeps its sign (`-14.3`), one that rounds to zero has none.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value.magnitude * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = String(scaled % Int64(scale))
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + grouped(whole)
            + (decimals > 0 ? "." + String(repeating: "0", count: decimals - fraction.count) + fraction : "")
    }

    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
