import Customs
import Layouts

/// What `roo mirror` compares (docs/mirror.md): the trade of one country
/// with an upstream supplier (Mexico's imports from China) against the
/// downstream trade that may carry it on (US imports from Mexico), product
/// by product, in a base year and a target year.
package struct MirrorOptions: Sendable {
    /// One side of the comparison: its inputs, how they are read, and whose lines it counts.
    package struct Side: Sendable {
        package var inputs: [String]
        package var layout: Layout?
        package var countryCodes: CountryCodeSystem?
        /// `--upstream-map` / `--downstream-map`: canonical columns read from other source columns.
        package var mapping = ColumnMapping()
        /// Only the lines of this importing country (`--upstream-reporter`), when given.
        package var reporter: String?
        /// The country whose goods the side counts, alpha-2: upstream the lines' origin (`CN`),
        /// downstream the country they were shipped from, their partner (`MX`).
        package var country: String

        /// Whether the side's lines can be classified duty-free: not for a source without duty (BACI).
        package var isClassified: Bool { layout?.withoutDuty == nil }

        package init(inputs: [String], country: String) {
            self.inputs = inputs
            self.country = country
        }
    }

    package var upstream: Side
    package var downstream: Side
    /// HS digits of a product, 2 to 6.
    package var hsLevel = 6
    /// The base and the target year (`--base`, `--year`).
    package var base: Int
    package var year: Int
    package var threshold = GrowthThreshold.fiftyPercent
    package var moneyFormat = MoneyFormat.standard
    package var threads = 1

    package init(upstream: Side, downstream: Side, base: Int, year: Int) {
        self.upstream = upstream
        self.downstream = downstream
        self.base = base
        self.year = year
    }
}

/// `--threshold`: the growth both sides must exceed for `coincident_growth`,
/// kept exactly as thousandths of a percent (`50` = 50,000; `12.5%` = 12,500).
package struct GrowthThreshold: Sendable, Equatable {
    package let thousandthsOfPercent: Int64

    package static let fiftyPercent = GrowthThreshold(thousandthsOfPercent: 50_000)

    init(thousandthsOfPercent: Int64) { self.thousandthsOfPercent = thousandthsOfPercent }

    /// `50`, `50%`, `12.5` or `0.125%`: a percent of at most three decimals, 0 to 1,000,000.
    package init?(parsing text: String) {
        var body = Substring(text)
        if body.hasSuffix("%") { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), parts.count == 1 || (1...3).contains(parts[1].count),
            parts[0].count <= 7, let whole = Int64(parts[0])
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] + String(repeating: "0", count: 3 - parts[1].count) : "000"
        guard let thousandths = Int64(fraction), whole <= 1_000_000 else { return nil }
        thousandthsOfPercent = whole * 1000 + thousandths
    }

    /// `50%`, `12.5%`.
    package var text: String {
        let whole = thousandthsOfPercent / 1000
        var fraction = String(thousandthsOfPercent % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole)" + (fraction.isEmpty ? "" : "." + fraction) + "%"
    }

    /// Whether a value that went from `base` to `target` cents grew by more than the threshold;
    /// a value that rose from zero (or less) to more than zero did.
    ///
    /// - Complexity: O(1), in 128-bit integers (no rounding).
    package func isExceeded(base: Int64, target: Int64) -> Bool {
        guard base > 0 else { return target > 0 && target > base }
        let change = Int128(target) - Int128(base)
        return change * 100_000 > Int128(thousandthsOfPercent) * Int128(base)
    }
}
