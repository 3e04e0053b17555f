import Customs
import Synchronization

/// What a run saw besides its sums, for the warnings that keep a user's
/// mistake from passing silently: the program codes present, an odd-length
/// HS code, the reporter codes and months present, and the first rejected
/// line of each reason. Workers fill a `Local` per work unit and merge it
/// once per unit (one lock per unit, nothing per line). Every "example" is
/// chosen deterministically (smallest bytes, or earliest in input order), so
/// warnings are the same for every strategy and thread count.
final class Observations: Sendable {
    /// Distinct values kept per kind (beyond, a value is not remembered).
    static let distinctValuesMax = 256

    /// The first rejected line of one reason.
    struct Example: Sendable {
        /// Position in input order: (input, work unit, row).
        var order: (input: Int, unit: Int, row: Int)
        /// `file: row group G, row R` or `file: line L`.
        var location: String
        var column: String
        /// The raw value, empty when null or absent.
        var value: String
    }

    /// One work unit's observations.
    struct Local {
        var programs: Set<[UInt8]> = []
        var reporters: Set<[UInt8]> = []
        var oddHSCode: [UInt8]?
        var months: ClosedRange<Int>?
        /// Months of the text inputs' period column (every line, for the period covered).
        var textMonths: ClosedRange<Int>?
        /// Whether a text input without a readable period was read.
        var textWithoutPeriod = false
        /// The optional measures the text inputs read have columns for.
        var textMeasures: OptionalMeasures = []
        /// Whether a text input read has a program column.
        var textReadsPrograms = false

        mutating func program(_ bytes: [UInt8]) {
            if programs.count < Observations.distinctValuesMax { programs.insert(bytes) }
        }

        mutating func reporter(_ bytes: [UInt8]) {
            if reporters.count < Observations.distinctValuesMax { reporters.insert(bytes) }
        }

        /// Keeps the smallest odd-length code (allocates only when it is smaller).
        mutating func oddHS(_ bytes: UnsafeRawBufferPointer) {
            if oddHSCode.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { oddHSCode = Array(bytes) }
        }

        /// Lines of a year-only period (YYYY00) that a month filter left out although some of the year's
        /// months pass it: the filter's months do not cover the year (a year wholly outside it is no news).
        var yearOnlyFiltered: Int64 = 0

        /// The period filter's flag of a line of month `month` under `rules` (the run filters by period),
        /// with the month observed and a year-only period left out by a partial cover counted.
        ///
        /// - Complexity: O(1); twelve more filter tests for a year-only line left out.
        mutating func periodFlag(_ month: Int?, rules: LineRules) -> UInt8 {
            guard let month else { return rules.periodFlag(month: nil) }
            self.month(month)
            let flag = rules.periodFlag(month: month)
            if flag != 0 && PeriodText.isYearOnly(month)
                && PeriodText.span(month).contains(where: { rules.periodFlag(month: $0) == 0 })
            {
                yearOnlyFiltered += 1
            }
            return flag
        }

        /// Widens `months` to `month`'s months (a year-only period's twelve).
        mutating func month(_ month: Int) { Local.widen(&months, PeriodText.span(month)) }

        /// Widens `textMonths` to `month`'s months (a year-only period's twelve).
        mutating func textMonth(_ month: Int) { Local.widen(&textMonths, PeriodText.span(month)) }

        private static func widen(_ range: inout ClosedRange<Int>?, _ span: ClosedRange<Int>) {
            range = range.map { min($0.lowerBound, span.lowerBound)...max($0.upperBound, span.upperBound) } ?? span
        }
    }

    private struct State {
        var local = Local()
        var examples: [RejectionReason: Example] = [:]
    }

    private let state = Mutex(State())

    /// Merges one unit's observations.
    ///
    /// Safe because: the only pointer is `odd.withUnsafeBytes`, scoped to the
    /// call that copies the bytes; the loops iterate arrays by element.
    func merge(_ local: Local) {
        state.withLock { state in
            for program in local.programs { state.local.program(program) }
            for reporter in local.reporters { state.local.reporter(reporter) }
            if let odd = local.oddHSCode { odd.withUnsafeBytes { state.local.oddHS($0) } }
            if let months = local.months {
                state.local.month(months.lowerBound)
                state.local.month(months.upperBound)
            }
            if let months = local.textMonths {
                state.local.textMonth(months.lowerBound)
                state.local.textMonth(months.upperBound)
            }
            if local.textWithoutPeriod { state.local.textWithoutPeriod = true }
            state.local.yearOnlyFiltered += local.yearOnlyFiltered
            state.local.textMeasures.formUnion(local.textMeasures)
            if local.textReadsPrograms { state.local.textReadsPrograms = true }
        }
    }

    /// Whether an example of `reason` at `order` would replace the current one.
    func wantsExample(_ reason: RejectionReason, at order: (input: Int, unit: Int, row: Int)) -> Bool {
        state.withLock { state in state.examples[reason].map { order < $0.order } ?? true }
    }

    /// Keeps `example` of `reason` when it comes first in input order.
    func example(_ reason: RejectionReason, _ example: Example) {
        state.withLock { state in
            if state.examples[reason].map({ example.order < $0.order }) ?? true { state.examples[reason] = example }
        }
    }

    /// Everything seen so far.
    var seen: (local: Local, examples: [RejectionReason: Example]) {
        state.withLock { ($0.local, $0.examples) }
    }
}
