import CPrefetch
import Customs
import Parallel

/// One aggregated group with its keys as text.
public struct GroupRow: Sendable {
    public var origin: String
    /// The HS chapter (the first two digits of `detail[0]`).
    public var chapter: Int
    public var partner: String
    /// The cell detail, one text per component of the run's `DetailPlan`
    /// (the HS code at the plan's width first).
    public var detail: [String]
    public var measures: Measures

    /// - Parameter detail: nil for the chapter alone (`[hs_chapter]`).
    public init(origin: String, chapter: Int, partner: String, detail: [String]? = nil, measures: Measures) {
        self.origin = origin
        self.chapter = chapter
        self.partner = partner
        self.detail = detail ?? [SummaryTable.chapterText(chapter)]
        self.measures = measures
    }
}

/// The `totals` inputs besides the measures.
public struct TotalsInput: Sendable {
    public var files: Int
    public var linesRead: Int64
    public var linesFiltered: Int64
    /// Per `RejectionReason`, in its order.
    public var rejected: [Int64]
    public var linesAggregated: Int64
    /// Aggregated lines whose origin or partner code had no conversion to
    /// alpha-2 (`--country-codes census|iso3|m49`); nil (no column) for alpha-2 input.
    public var unmappedCountryCodes: Int64?
    /// Aggregated lines whose text HS code has an odd number of digits
    /// (3, 5, 7, 9: probably a lost leading zero; `--pad-hs`).
    public var oddHSCodes: Int64
    /// The optional measures every table prints (the inputs map their columns).
    public var optionalMeasures: OptionalMeasures = []

    public init(
        files: Int, linesRead: Int64, linesFiltered: Int64, rejected: [Int64], linesAggregated: Int64,
        unmappedCountryCodes: Int64? = nil, oddHSCodes: Int64 = 0, optionalMeasures: OptionalMeasures = []
    ) {
        self.optionalMeasures = optionalMeasures
        self.oddHSCodes = oddHSCodes
        self.files = files
        self.linesRead = linesRead
        self.linesFiltered = linesFiltered
        self.rejected = rejected
        self.linesAggregated = linesAggregated
        self.unmappedCountryCodes = unmappedCountryCodes
    }
}

/// Overflow while summing measures across groups (exit 65).
public struct MeasureOverflow: Error, Sendable, CustomStringConvertible {
    public var table: TableName
    public var description: String { "sum overflows Int64 cents in table \(table.rawValue)" }
}

extension SummaryTable {
    public static let measureColumns = [
        "lines", "customs_value", "duty", "duty_free_lines", "duty_free_value",
        "preference_value", "non_regional_value", "non_regional_share", "claim_share", "effective_duty_rate",
    ]

    /// The columns of `optional` after `measureColumns`: `dutiable_value`, then `eligible_value`, `utilization`.
    public static func optionalColumns(_ optional: OptionalMeasures) -> [String] {
        (optional.contains(.dutiableValue) ? ["dutiable_value"] : [])
            + (optional.contains(.eligibility) ? ["eligible_value", "utilization"] : [])
    }

    /// The cells of `optionalColumns(optional)`: `utilization` = eligible preference value / eligible value.
    static func optionalCells(_ measures: Measures, _ optional: OptionalMeasures) -> [Cell] {
        var cells: [Cell] = []
        appendOptionalCells(measures, optional, to: &cells)
        return cells
    }

    static func appendOptionalCells(_ measures: Measures, _ optional: OptionalMeasures, to cells: inout [Cell]) {
        if optional.contains(.dutiableValue) { cells.append(.money(measures.dutiableValue)) }
        if optional.contains(.eligibility) {
            cells.append(.money(measures.eligibleValue))
            cells.append(.share(numerator: measures.eligiblePreferenceValue, denominator: measures.eligibleValue))
        }
    }

    static func measureCells(_ measures: Measures, _ optional: OptionalMeasures) -> [Cell] {
        var cells: [Cell] = []
        appendMeasureCells(measures, optional, to: &cells)
        return cells
    }

    /// Appends the cells of `measureColumns` and `optionalColumns(optional)`.
    static func appendMeasureCells(_ measures: Measures, _ optional: OptionalMeasures, to cells: inout [Cell]) {
        appendStandardMeasureCells(measures, to: &cells)
        appendOptionalCells(measures, optional, to: &cells)
    }

    /// Appends the cells of `measureColumns`.
    static func appendStandardMeasureCells(_ measures: Measures, to cells: inout [Cell]) {
        cells.append(.integer(measures.lines))
        cells.append(.money(measures.customsValue))
        cells.append(.money(measures.duty))
        cells.append(.integer(measures.dutyFreeLines))
        cells.append(.money(measures.dutyFreeValue))
        cells.append(.money(measures.preferenceValue))
        cells.append(.money(measures.nonRegionalValue))
        cells.append(.share(numerator: measures.nonRegionalValue, denominator: measures.dutyFreeValue))
        cells.append(.share(numerator: measures.preferenceValue, denominator: measures.customsValue))
        cells.append(.share(numerator: measures.duty, denominator: measures.customsValue))
    }

    public static func chapterText(_ chapter: Int) -> String {
        chapter < 10 ? "0\(chapter)" : String(chapter)
    }

    /// Every table from the aggregated groups, sorted (non_regional_value desc, customs_value desc, keys by bytes)
    /// and cut to `top` rows per keyed table. The `detail` table is keyed by `by` (in its order); with
    /// `compare`, every table gains the money of each period (`comparing`).
    ///
    /// - Throws: `MeasureOverflow` when a sum overflows (a period's too).
    /// - Complexity: O(g log g) for g groups.
    /// - Parameters:
    ///   - members: the region's alpha-2 codes (for `through_bloc`).
    ///   - by: the detail table's keys; each group's `detail` follows `by.plan(comparing: compare)`.
    ///   - threads: the workers that build the tables side by side (the same tables for any number).
    ///   - only: the tables to build (in their usual order), every table when nil; a table left out is not
    ///     summed, so it cannot fail the run.
    public static func buildAll(
        groups: [GroupRow], totals: TotalsInput, top: Int?, members: Set<String>, by: DimensionSet = .standard,
        compare: PeriodComparison? = nil, threads: Int = 1, only: Set<TableName>? = nil
    ) throws -> [SummaryTable] {
        let plan = by.plan(comparing: compare)
        let tables = try build(
            groups, totals: totals, top: top, members: members, by: by, plan: plan, threads: threads, only: only)
        guard let compare, let grain = plan.periodGrain, let index = plan.index(of: .period(grain)) else {
            return tables
        }
        var sides: [[GroupRow]] = [[], []]
        for group in groups {
            if let side = compare.side(ofPeriod: group.detail[index], from: grain) { sides[side].append(group) }
        }
        let base = try build(
            sides[0], totals: totals, top: nil, members: members, by: by, plan: plan, threads: threads, only: only)
        let current = try build(
            sides[1], totals: totals, top: nil, members: members, by: by, plan: plan, threads: threads, only: only)
        return try tables.map { table in
            try comparing(
                table, base: base.first { $0.name == table.name }, current: current.first { $0.name == table.name },
                compare)
        }
    }

    /// `buildAll` without the comparison (the tables `only` names, every table when nil): each table is made
    /// from the groups alone, so the tables are built
    /// side by side by up to `threads` workers (the detail table, the longest, claimed first), in table order;
    /// the first failing table in that order is the error, whatever the thread count.
    private static func build(
        _ groups: [GroupRow], totals: TotalsInput, top: Int?, members: Set<String>, by: DimensionSet,
        plan: DetailPlan, threads: Int, only: Set<TableName>?
    ) throws -> [SummaryTable] {
        let optional = totals.optionalMeasures
        /// A table of sums by one key of a group (`key` of its index), its key cells from the key text.
        func byKey(
            _ name: TableName, _ columns: [String], key: @escaping @Sendable (Int) -> String,
            cells: @escaping @Sendable (String) -> [Cell]
        ) -> (Set<TableName>, @Sendable () throws -> [SummaryTable]) {
            (
                [name],
                {
                    [
                        keyed(
                            name, columns, try marginal(groups, table: name, single: key), top: top, optional: optional
                        ) { cells($0[0]) }
                    ]
                }
            )
        }
        // Each job with the tables it makes, in table order.
        let jobs: [(Set<TableName>, @Sendable () throws -> [SummaryTable])] = [
            (
                [.detail],
                { [try detailTable(groups, by: by, plan: plan, top: top, distinct: true, optional: optional)] }
            ),
            byKey(.byPartner, ["partner", "partner_name"], key: { groups[$0].partner }) {
                [.text($0), .text(CountryNames.name(alpha2: $0))]
            },
            byKey(.byChapter, ["hs_chapter", "chapter_title"], key: { chapterText(groups[$0].chapter) }) {
                [.text($0), .text(ChapterTitles.title(Int($0) ?? 0))]
            },
            byKey(.byOrigin, ["origin", "origin_name"], key: { groups[$0].origin }) {
                [.text($0), .text(CountryNames.name(alpha2: $0))]
            },
            (
                [.byPeriod, .byProgram, .byChannel],
                {
                    try detailMarginals(groups, by: by, plan: plan).map { table in
                        // A time series reads in time order, every period kept.
                        let byTime = table.name == .byPeriod
                        return keyed(
                            table.name, [table.column], table.rows, top: byTime ? nil : top, byKeys: byTime,
                            optional: optional
                        ) { [.text($0[0])] }
                    }
                }
            ),
            (
                [.totals],
                {
                    var sums = MeasureSums()
                    for index in groups.indices { sums.add(groups[index].measures) }
                    guard let all = sums.exact else { throw MeasureOverflow(table: .totals) }
                    return [totalsTable(totals, all)]
                }
            ),
            ([.throughBloc], { [try throughBloc(groups, members: members, optional: optional)] }),
        ]
        let wanted = jobs.filter { names, _ in only.map { !$0.isDisjoint(with: names) } ?? true }
        return try ParallelMap.ordered(wanted.count, workers: threads) { try wanted[$0].1() }.flatMap { $0 }
            .filter { only?.contains($0.name) ?? true }
    }

    /// The `detail` table of `groups` (each `detail` following `plan`) keyed by `by`, sorted and cut to `top`.
    ///
    /// Safe because: a row reads `groups` through its own buffer at a position of `kept`, which
    /// `sortedOrder` drew from `groups.indices`.
    ///
    /// When the groups are distinct (no two with the same origin, partner and
    /// detail, as an aggregate's are) and `by` names every part of a group's
    /// key (origin, partner and each plan component at its own width or
    /// grain), each group is one row and is taken as it is; otherwise the rows
    /// are sums (`marginal`).
    ///
    /// - Throws: `MeasureOverflow` when a row's sum overflows.
    /// - Complexity: O(g log g) for g groups.
    public static func detailTable(
        _ groups: [GroupRow], by: DimensionSet, plan: DetailPlan, top: Int?, distinct: Bool,
        optional: OptionalMeasures = []
    ) throws -> SummaryTable {
        // The key texts of the group at an index (the group read in place, not copied).
        let keys = { @Sendable (index: Int) in
            by.dimensions.map { dimension in
                dimension == .hs(digits: 2)
                    ? chapterText(groups[index].chapter)
                    : plan.text(
                        of: dimension, origin: groups[index].origin, partner: groups[index].partner,
                        values: groups[index].detail)
            }
        }
        let columns = by.dimensions.flatMap(detailColumns)
        let keyCells = { @Sendable (keys: [String]) in
            var cells: [Cell] = []
            for (dimension, key) in zip(by.dimensions, keys) { appendDetailCells(dimension, key, to: &cells) }
            return cells
        }
        guard distinct && isOneRowPerGroup(by: by, plan: plan) else {
            let rows = try marginal(groups, table: .detail, key: keys)
            return keyed(.detail, columns, rows, top: top, optional: optional, keyCells: keyCells)
        }
        // One row per group: the rows are the groups themselves, their key texts made when a row is
        // written (or when two rows tie on their sums), never held for the whole table.
        let order = sortedOrder(count: groups.count, byKeys: false) {
            groups[$0].measures
        } keys: {
            keys($0)
        }
        let kept = top.map { Array(order.prefix(max($0, 0))) } ?? order
        let width = columns.count + measureColumns.count + optionalColumns(optional).count
        return SummaryTable(
            name: .detail, columns: columns + measureColumns + optionalColumns(optional),
            rows: TableRows(count: kept.count) { row in
                var cells: [Cell] = []
                cells.reserveCapacity(width)
                groups.withUnsafeBufferPointer { groups in
                    // Rows are read in sorted order, so each group is a cache miss: fetch one a few rows ahead.
                    // Safe because: `kept` holds indices of `groups`, so the address is inside the buffer (and a
                    // prefetch never reads it).
                    let ahead = row + SummaryTable.groupPrefetchDistance
                    if ahead < kept.count, let base = groups.baseAddress { roo_prefetch_read(base + kept[ahead]) }
                    for (dimension, key) in zip(by.dimensions, keys(kept[row])) {
                        appendDetailCells(dimension, key, to: &cells)
                    }
                    appendMeasureCells(groups[kept[row]].measures, optional, to: &cells)
                }
                return cells
            })
    }

    /// Rows between the prefetch of a detail row's group and its use (`detailTable`).
    static let groupPrefetchDistance = 16

    /// Whether `by` holds every part of a group key of `plan`: origin,
    /// partner, the HS code at the plan's width (which fixes the chapter)
    /// and every other component as it is.
    static func isOneRowPerGroup(by: DimensionSet, plan: DetailPlan) -> Bool {
        let dimensions = Set(by.dimensions)
        guard dimensions.contains(.origin), dimensions.contains(.partner) else { return false }
        return plan.components.allSatisfy { component in
            switch component {
            case let .hs(digits): dimensions.contains(.hs(digits: digits))
            case let .period(grain): dimensions.contains(.period(grain))
            case .program: dimensions.contains(.program)
            case .reporter: dimensions.contains(.reporter)
            case .channel: dimensions.contains(.channel)
            case let .column(name): dimensions.contains(.column(name))
            }
        }
    }

    /// The columns of `dimension` in the detail table: a country or the chapter with its name.
    static func detailColumns(_ dimension: Dimension) -> [String] {
        switch dimension {
        case .origin: ["origin", "origin_name"]
        case .partner: ["partner", "partner_name"]
        case .hs(digits: 2): ["hs_chapter", "chapter_title"]
        case let .column(name): [name]
        default: [dimension.name]
        }
    }

    /// Why the detail table of `by` cannot be written (nil when it can): a
    /// `col:NAME` key whose column name is another column of the table
    /// (a key's, a measure's, or one `compare` adds), which a spreadsheet
    /// or DuckDB would read as one.
    public static func columnNameConflict(by: DimensionSet, compare: PeriodComparison? = nil) -> String? {
        var taken = Set(measureColumns + optionalColumns([.dutiableValue, .eligibility]))
        for dimension in by.dimensions where dimension.sourceColumn == nil {
            taken.formUnion(detailColumns(dimension))
        }
        if let compare { taken.formUnion(comparedColumns(compare)) }
        for case let .column(name) in by.dimensions where taken.contains(name) {
            return "--by \(Dimension.column(name).name): the detail table already has a column named "
                + "\"\(KeyText.escapingControls(name))\"; rename the column in the file, or leave the other key out"
        }
        return nil
    }

    /// Appends the cells of `dimension`'s key `key` (as `detailColumns` names them).
    static func appendDetailCells(_ dimension: Dimension, _ key: String, to cells: inout [Cell]) {
        cells.append(.text(key))
        switch dimension {
        case .origin, .partner: cells.append(.text(CountryNames.name(alpha2: key)))
        case .hs(digits: 2): cells.append(.text(ChapterTitles.title(Int(key) ?? 0)))
        default: break
        }
    }

    /// The marginal tables of the detail's own keys, each when `by` has that
    /// key (`names(by:)`): `by_period` (at the finest period in `by`),
    /// `by_program`, `by_channel`.
    ///
    /// - Parameter plan: the plan of the groups' detail (`by`'s, with `--compare`'s period).
    static func detailMarginals(_ groups: [GroupRow], by: DimensionSet, plan: DetailPlan) throws -> [(
        name: TableName, column: String, rows: [(keys: [String], measures: Measures)]
    )] {
        let built = names(by: by)
        var tables: [(name: TableName, column: String, rows: [(keys: [String], measures: Measures)])] = []
        if built.contains(.byPeriod), let grain = by.plan.periodGrain {
            let period = Dimension.period(grain)
            tables.append(
                (
                    .byPeriod, grain.name,
                    try marginal(groups, table: .byPeriod) { index in
                        plan.text(
                            of: period, origin: groups[index].origin, partner: groups[index].partner,
                            values: groups[index].detail)
                    }
                ))
        }
        for (name, component) in [(TableName.byProgram, DetailPlan.Component.program), (.byChannel, .channel)] {
            guard built.contains(name), let index = plan.index(of: component) else { continue }
            tables.append((name, component.name, try marginal(groups, table: name) { groups[$0].detail[index] }))
        }
        return tables
    }
}
