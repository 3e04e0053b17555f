import Customs
import Reports
import RooSupport

/// Everything the summary tables are built from, before they are built:
/// exact Int64-cent measures per (origin, partner, cell detail: the HS chapter or the `--by`
/// breakdown) and the totals
/// counters, with the semantic options they were computed under.
///
/// Aggregates of any split of the input (by file, by row group) merge to the
/// aggregate of the whole input: every field is an exact integer sum, so
/// merging is associative and commutative and the tables come out byte for
/// byte the same (`roo summarize --partial`, `roo merge`).
package struct ExactAggregate: Sendable {
    package var groups: [GroupRow]
    package var totals: TotalsInput
    package var semantics: SemanticOptions
    /// The months (YYYYMM) the inputs cover, first to last: from the
    /// period column (Parquet footer statistics, or the CSV values read),
    /// within `--from/--to`; nil when no input says.
    package var periods: ClosedRange<Int>?

    package init(
        groups: [GroupRow], totals: TotalsInput, semantics: SemanticOptions, periods: ClosedRange<Int>? = nil
    ) {
        self.groups = groups
        self.totals = totals
        self.semantics = semantics
        self.periods = periods
    }

    /// The summary tables (docs/semantics.md, Tables), built by up to `threads` workers (the same tables);
    /// only those of `only` when given.
    ///
    /// - Throws: `RooError(.dataError)` when a sum overflows Int64.
    package func tables(top: Int?, threads: Int = 1, only: Set<TableName>? = nil) throws -> [SummaryTable] {
        do {
            let members = Set(semantics.value(of: "region").split(separator: ",").map(String.init))
            return try SummaryTable.buildAll(
                groups: groups, totals: totals, top: top, members: members, by: semantics.by,
                compare: semantics.compare, threads: threads, only: only)
        } catch let error as MeasureOverflow {
            throw RooError(.dataError, error.description)
        }
    }

    /// The (origin, HS chapter, partner) cells the readable views list flows
    /// from (`Flows`), when `detail` is keyed otherwise (`--by`); nil when
    /// `detail` is that table.
    ///
    /// - Throws: `RooError(.dataError)` when a sum overflows Int64.
    package func flowCells() throws -> SummaryTable? {
        guard semantics.by != .standard else { return nil }
        let cells = groups.map { group in
            var cell = group
            cell.detail = [SummaryTable.chapterText(group.chapter)]
            return cell
        }
        do {
            return try SummaryTable.detailTable(
                cells, by: .standard, plan: DimensionSet.standard.plan, top: nil, distinct: false)
        } catch let error as MeasureOverflow {
            throw RooError(.dataError, error.description)
        }
    }

    /// Aggregated lines whose period key is empty (no readable period) when a
    /// `--by` period is a key; 0 otherwise. Wrapping sum: line counts of one run fit.
    package func linesWithoutPeriod() -> Int64 {
        let plan = semantics.plan
        guard let grain = plan.periodGrain, let index = plan.index(of: .period(grain)) else { return 0 }
        return groups.reduce(0) { $1.detail[index].isEmpty ? $0 &+ $1.measures.lines : $0 }
    }

    /// Per bloc partner and period, for the report's line charts (nil without a period in the aggregate).
    package func periodSeries() -> PeriodSeries? {
        let members = Set(semantics.value(of: "region").split(separator: ",").map(String.init))
        return PeriodSeries.make(groups, plan: semantics.plan, members: members)
    }

    /// The options every part was computed with (an entry only some inputs say, `SemanticOptions.saidByInputs`,
    /// from those that say it).
    ///
    /// - Throws: `RooError(.usage)` naming the option and two parts that differ.
    static func agreedSemantics(_ parts: [ExactAggregate], names: [String]) throws -> SemanticOptions {
        guard let first = parts.first else { throw RooError(.usage, "nothing to merge") }
        let agreed = first.semantics.filled(from: parts.map(\.semantics))
        for (index, part) in parts.enumerated() {
            if let difference = agreed.firstDifference(from: part.semantics) {
                // The name of the part the agreed value came from: the first that has it.
                let source = parts.firstIndex { $0.semantics.value(of: difference.option) == difference.mine } ?? 0
                throw RooError(
                    .usage,
                    "partials were computed with different --\(SemanticOptions.optionName(difference.option)): "
                        + "\(names[source]) has \"\(difference.mine)\", \(names[index]) has \"\(difference.theirs)\"")
            }
        }
        return agreed
    }

    /// The sum of `parts` (in any order: the result is the same).
    ///
    /// - Parameter names: one name per part, for errors (file paths).
    /// - Throws: `RooError(.usage)` naming the first option on which two
    ///   parts differ; `RooError(.dataError)` when a sum overflows Int64.
    /// - Complexity: O(total groups) expected.
    package static func merged(_ parts: [ExactAggregate], names: [String]) throws -> ExactAggregate {
        guard let first = parts.first else { throw RooError(.usage, "nothing to merge") }
        let semantics = try agreedSemantics(parts, names: names)
        // Keys by bytes, as the interner compares them (not String's canonical equivalence).
        struct Key: Hashable {
            var origin: [UInt8]
            var chapter: Int
            var partner: [UInt8]
            var detail: [[UInt8]]
        }
        var sums: [Key: (group: GroupRow, sums: MeasureSums)] = [:]
        var totals = TotalsInput(
            files: 0, linesRead: 0, linesFiltered: 0,
            rejected: Array(repeating: 0, count: RejectionReason.allCases.count),
            linesAggregated: 0, unmappedCountryCodes: first.totals.unmappedCountryCodes.map { _ in 0 })
        let overflow = RooError(.dataError, "a sum overflows Int64 cents while merging partials")
        for part in parts {
            for group in part.groups {
                let key = Key(
                    origin: Array(group.origin.utf8), chapter: group.chapter, partner: Array(group.partner.utf8),
                    detail: group.detail.map { Array($0.utf8) })
                sums[key, default: (group, MeasureSums())].sums.add(group.measures)
            }
            let other = part.totals
            func add(_ a: inout Int64, _ b: Int64) throws {
                let (sum, overflowed) = a.addingReportingOverflow(b)
                guard !overflowed else { throw overflow }
                a = sum
            }
            let (files, filesOverflow) = totals.files.addingReportingOverflow(other.files)
            guard !filesOverflow else { throw overflow }
            totals.files = files
            try add(&totals.linesRead, other.linesRead)
            try add(&totals.linesFiltered, other.linesFiltered)
            for reason in totals.rejected.indices where reason < other.rejected.count {
                try add(&totals.rejected[reason], other.rejected[reason])
            }
            try add(&totals.linesAggregated, other.linesAggregated)
            try add(&totals.oddHSCodes, other.oddHSCodes)
            // A part without a column summed 0 for it: its lines are in neither sum, as in one run.
            totals.optionalMeasures.formUnion(other.optionalMeasures)
            if var unmapped = totals.unmappedCountryCodes {
                try add(&unmapped, other.unmappedCountryCodes ?? 0)
                totals.unmappedCountryCodes = unmapped
            }
        }
        // Exact sums: whether a group overflows does not depend on the order of the partials.
        let groups = try sums.map { entry -> GroupRow in
            guard let measures = entry.value.sums.exact else { throw overflow }
            var group = entry.value.group
            group.measures = measures
            return group
        }
        // Periods: the union of the parts' ranges, unknown when a part does not know its own.
        let ranges = parts.map(\.periods)
        let periods =
            ranges.contains { $0 == nil }
            ? nil
            : ranges.compactMap { $0 }.reduce(nil) { (union: ClosedRange<Int>?, next) in
                union.map { min($0.lowerBound, next.lowerBound)...max($0.upperBound, next.upperBound) } ?? next
            }
        return ExactAggregate(groups: groups, totals: totals, semantics: semantics, periods: periods)
    }
}
