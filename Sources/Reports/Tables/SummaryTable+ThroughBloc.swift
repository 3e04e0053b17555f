import Customs

/// The `through_bloc` table: the answer roo exists for — how much
/// non-regional content enters duty-free **through** the bloc's partners,
/// and of what kind.
///
/// Rows: one per region member that appears as partner (country of export),
/// by non-regional value; `bloc`, all bloc partners together (the
/// headline); `direct`, partners outside the bloc (context, never summed
/// into the headline). Columns (money in USD, exact cents):
///
/// * `lines`, `customs_value`, `duty_free_value`, `preference_value`: as in the other tables;
/// * `claim_share` = preference_value / customs_value;
/// * `non_regional_value`: duty-free value of non-bloc origin, plus the
///   declared non-originating value of duty-free bloc-origin lines (clamped
///   to the line's value) — as in the other tables;
/// * `pass_through_value`: duty-free value of lines whose origin is outside
///   the region, shipped from a bloc partner (0 in `direct`);
/// * `declared_non_originating_value`: the clamped non-originating value of
///   duty-free lines whose origin is in the region;
/// * `non_regional_share` = non_regional_value / duty_free_value;
/// * the run's optional measures (`optionalColumns`) last, as in the other tables.
///
/// For member rows and `bloc`, `non_regional_value = pass_through_value +
/// declared_non_originating_value`; in `direct` the rest of
/// non_regional_value is duty-free value of non-bloc goods shipped from
/// outside the bloc.
extension SummaryTable {
    public static let throughBlocColumns = [
        "route", "route_name", "lines", "customs_value", "duty_free_value", "preference_value", "claim_share",
        "non_regional_value", "pass_through_value", "declared_non_originating_value", "non_regional_share",
    ]

    /// Sums of one row, exact until the end.
    struct RouteSums {
        var all = MeasureSums()
        var passThrough: Int128 = 0
        var declared: Int128 = 0

        /// Adds a group's measures; `viaBloc`: shipped from a bloc partner (only then is
        /// non-bloc origin pass-through).
        mutating func add(_ measures: Measures, originInRegion: Bool, viaBloc: Bool) {
            all.add(measures)
            if originInRegion {
                declared += Int128(measures.nonRegionalValue)
            } else if viaBloc {
                passThrough += Int128(measures.dutyFreeValue)
            }
        }
    }

    /// The `through_bloc` table of `groups` for a region of `members` (alpha-2).
    ///
    /// - Throws: `MeasureOverflow` when a row's exact sum does not fit Int64 cents.
    /// - Complexity: O(g + m log m) for g groups and m members seen as partner.
    public static func throughBloc(
        _ groups: [GroupRow], members: Set<String>, optional: OptionalMeasures = []
    ) throws -> SummaryTable {
        var byMember: [[UInt8]: (code: String, sums: RouteSums)] = [:]
        var bloc = RouteSums()
        var direct = RouteSums()
        // By index: each group read in place, not copied.
        for index in groups.indices {
            let origin = groups[index].origin
            let partner = groups[index].partner
            let measures = groups[index].measures
            let route = FlowRoute(origin: origin, partner: partner, members: members)
            let originInRegion = members.contains(origin)
            if route.isThroughBloc {
                byMember[Array(partner.utf8), default: (partner, RouteSums())].sums.add(
                    measures, originInRegion: originInRegion, viaBloc: true)
                bloc.add(measures, originInRegion: originInRegion, viaBloc: true)
            } else {
                // Shipped from outside the bloc: declared content is still declared; the rest is direct, not
                // pass-through.
                direct.add(measures, originInRegion: originInRegion, viaBloc: false)
            }
        }
        func row(_ route: String, _ name: String, _ sums: RouteSums) throws -> (
            route: String, cells: [Cell], nonRegional: Int64
        ) {
            guard let measures = sums.all.exact, let passThrough = Int64(exactly: sums.passThrough),
                let declared = Int64(exactly: sums.declared)
            else {
                throw MeasureOverflow(table: .throughBloc)
            }
            let cells: [Cell] = [
                .text(route), .text(name), .integer(measures.lines), .money(measures.customsValue),
                .money(measures.dutyFreeValue),
                .money(measures.preferenceValue),
                .share(numerator: measures.preferenceValue, denominator: measures.customsValue),
                .money(measures.nonRegionalValue), .money(passThrough), .money(declared),
                .share(numerator: measures.nonRegionalValue, denominator: measures.dutyFreeValue),
            ]
            return (route, cells + optionalCells(measures, optional), measures.nonRegionalValue)
        }
        let memberRows = try byMember.values.map { try row($0.code, CountryNames.name(alpha2: $0.code), $0.sums) }
            .sorted { a, b in
                a.nonRegional != b.nonRegional
                    ? a.nonRegional > b.nonRegional : KeyText.precedesBytewise(a.route, b.route)
            }
        let rows =
            memberRows.map(\.cells) + [
                try row("bloc", "All bloc partners", bloc).cells,
                try row("direct", "Direct, from outside the bloc", direct).cells,
            ]
        return SummaryTable(
            name: .throughBloc, columns: throughBlocColumns + optionalColumns(optional), rows: rows)
    }
}
