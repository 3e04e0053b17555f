import Customs
import Reports
import RooSupport
import Summarize

/// `roo mirror`: each side summarized by the summarize engine (keys: the
/// side's country column and the HS level; `--compare base:year`), the
/// side's country picked out, and the two joined product by product
/// (`MirrorRows`). Exact cents throughout; the same bytes for every thread count.
package enum MirrorEngine {
    /// A side's sums for one product in the base and the target year.
    package struct Sums: Equatable, Sendable {
        package var base: Int64 = 0
        package var target: Int64 = 0
        package var dutyFreeTarget: Int64 = 0
        package var preferenceTarget: Int64 = 0

        /// Adds `other`'s sums (nothing for nil).
        mutating func add(_ other: Sums?) {
            guard let other else { return }
            base += other.base
            target += other.target
            dutyFreeTarget += other.dutyFreeTarget
            preferenceTarget += other.preferenceTarget
        }
    }

    /// The comparison's rows and the words that lead it.
    ///
    /// - Parameters:
    ///   - outputs: the files the run will write: one that is an input of either side is refused (exit 73).
    ///   - notice: the records a layout skipped, one line per input.
    ///   - warning: each side's warnings, prefixed with the side (`upstream: …`).
    /// - Throws: `RooError`: usage (64), bad data (65), missing input (66), an output that is an input (73).
    package static func run(
        _ options: MirrorOptions, outputs: [String] = [], notice: (String) -> Void = { _ in },
        warning: (String) -> Void = { _ in }
    ) throws -> MirrorRows {
        let upstream = try sums(
            of: options.upstream, key: "origin", valuesOnly: true, options: options, outputs: outputs, notice: notice,
            warning: { warning("upstream: " + sideOptions($0, role: "upstream")) })
        let downstream = try sums(
            of: options.downstream, key: "partner", valuesOnly: !options.downstream.isClassified, options: options,
            outputs: outputs,
            notice: notice, warning: { warning("downstream: " + sideOptions($0, role: "downstream")) })
        return MirrorRows(options: options, upstream: upstream, downstream: downstream)
    }

    /// Summarize's advice in a side's words: `--map` and `--country-codes` are that side's own options.
    static func sideOptions(_ text: String, role: String) -> String {
        text.replacingOccurrences(of: "--map ", with: "--\(role)-map ")
            .replacingOccurrences(of: "--country-codes ", with: "--\(role)-country-codes ")
    }

    /// The summarize options of one side: its inputs by `key` and the HS level, in the two years.
    static func summarizeOptions(
        _ side: MirrorOptions.Side, key: String, valuesOnly: Bool, options: MirrorOptions
    ) throws -> SummarizeOptions {
        var summarize = SummarizeOptions(inputs: side.inputs)
        summarize.layout = side.layout
        summarize.mapping = side.mapping
        summarize.countryCodes = side.countryCodes
        summarize.reporter = side.reporter
        summarize.moneyFormat = options.moneyFormat
        summarize.valuesOnly = valuesOnly
        summarize.threads = options.threads
        summarize.allowEmpty = true
        do {
            summarize.by = try DimensionSet(parsing: "\(key),hs\(options.hsLevel)")
            summarize.compare = try PeriodComparison(parsing: "\(options.base):\(options.year)")
        } catch {
            throw RooError(.usage, "\(error)")
        }
        return summarize
    }

    /// The products of the side's country (`side.country` in column `key`), with their sums.
    ///
    /// - Throws: `RooError(.dataError)` when no line of the two years has that country, naming the countries seen.
    static func sums(
        of side: MirrorOptions.Side, key: String, valuesOnly: Bool, options: MirrorOptions, outputs: [String],
        notice: (String) -> Void, warning: (String) -> Void
    ) throws -> [String: Sums] {
        let summarize = try summarizeOptions(side, key: key, valuesOnly: valuesOnly, options: options)
        try OutputTargets.check(outputs: outputs, inputs: side.inputs)
        let tables: [SummaryTable]
        do {
            tables = try SummarizeEngine.summarize(summarize, notice: notice, warning: warning).tables
        } catch var error as RooError {
            // The summarize engine's advice names summarize's options: here each side has its own.
            error.message = MirrorEngine.sideOptions(error.message, role: key == "origin" ? "upstream" : "downstream")
            throw error
        }
        guard let detail = tables.first(where: { $0.name == .detail }) else { return [:] }
        let column = Dictionary(detail.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func money(_ row: [Cell], _ name: String) -> Int64 {
            guard let index = column[name], case let .money(cents) = row[index] else { return 0 }
            return cents
        }
        func text(_ row: [Cell], _ name: String) -> String {
            guard let index = column[name], case let .text(value) = row[index] else { return "" }
            return value
        }
        let (base, year) = (options.base, options.year)
        var products: [String: Sums] = [:]
        var seen: [String: Int64] = [:]
        for row in detail.rows {
            let country = text(row, key)
            let sums = Sums(
                base: money(row, "customs_value_\(base)"), target: money(row, "customs_value_\(year)"),
                dutyFreeTarget: money(row, "duty_free_value_\(year)"),
                preferenceTarget: money(row, "preference_value_\(year)"))
            seen[country, default: 0] += sums.base + sums.target
            guard country == side.country else { continue }
            products[text(row, "hs\(options.hsLevel)"), default: Sums()].add(sums)
        }
        let short = products.keys.filter { $0.utf8.count < options.hsLevel }.sorted()
        if let first = short.first {
            let level = max(2, short.map(\.utf8.count).min() ?? 2)
            let verb = short.count == 1 ? "it meets" : "they meet"
            warning(
                "\(Plural.count(short.count, "product", grouped: true)) of fewer than \(options.hsLevel) digits (e.g. "
                    + "\(KeyText.display(Array(first.utf8)))): \(verb) none of the other side's "
                    + "\(options.hsLevel)-digit products; give --hs-level \(level) to compare at their level")
        }
        guard !products.isEmpty else {
            let largest = seen.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map {
                KeyText.display(Array($0.key.utf8))
            }
            let role = key == "origin" ? "origin" : "partner (shipped from)"
            throw RooError(
                .dataError,
                "\(side.inputs.joined(separator: ", ")): no line of \(base) or \(year) has \(role) \(side.country)"
                    + (largest.isEmpty
                        ? " (no line of those years at all)" : " (the largest: \(largest.joined(separator: ", ")))"))
        }
        return products
    }
}
