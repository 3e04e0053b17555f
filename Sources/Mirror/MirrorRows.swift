import Customs
import Reports

/// The products of both sides joined (every product of either side, one row
/// each, never dropped), their growths and the coincident-growth flag; as
/// a table and as the sentence that leads it.
package struct MirrorRows: Sendable {
    /// One product.
    package struct Row: Sendable, Equatable {
        package var product: String
        package var upstream: MirrorEngine.Sums?
        package var downstream: MirrorEngine.Sums?
        package var coincident: Bool

        var presentIn: String {
            switch (upstream != nil, downstream != nil) {
            case (true, true): "both"
            case (true, false): "upstream"
            default: "downstream"
            }
        }
    }

    package let options: MirrorOptions
    /// Coincident products first, then by downstream target value, upstream target value (both
    /// descending) and product code.
    package let rows: [Row]

    init(options: MirrorOptions, upstream: [String: MirrorEngine.Sums], downstream: [String: MirrorEngine.Sums]) {
        self.options = options
        let threshold = options.threshold
        let products = Set(upstream.keys).union(downstream.keys)
        let rows = products.map { product -> Row in
            let up = upstream[product]
            let down = downstream[product]
            let coincident =
                up.map { threshold.isExceeded(base: $0.base, target: $0.target) } == true
                && down.map { threshold.isExceeded(base: $0.base, target: $0.target) } == true
            return Row(product: product, upstream: up, downstream: down, coincident: coincident)
        }
        self.rows = rows.sorted { a, b in
            if a.coincident != b.coincident { return a.coincident }
            let (downA, downB) = (a.downstream?.target ?? 0, b.downstream?.target ?? 0)
            if downA != downB { return downA > downB }
            let (upA, upB) = (a.upstream?.target ?? 0, b.upstream?.target ?? 0)
            if upA != upB { return upA > upB }
            return a.product.utf8.lexicographicallyPrecedes(b.product.utf8)
        }
    }

    /// The column names, in order.
    package var columns: [String] {
        let (base, year) = (options.base, options.year)
        return [
            "hs\(options.hsLevel)", "chapter_title", "present_in",
            "upstream_value_\(base)", "upstream_value_\(year)", "upstream_growth",
            "downstream_value_\(base)", "downstream_value_\(year)", "downstream_growth",
            "downstream_duty_free_share_\(year)", "downstream_claim_share_\(year)",
            "downstream_to_upstream_\(year)", "coincident_growth",
        ]
    }

    /// The table: money exact, growths and shares as ratios (empty over zero).
    package var table: SummaryTable {
        // Without duty (BACI downstream) the shares are unknown: empty, never 0.
        let classified = options.downstream.isClassified
        let cells = rows.map { row -> [Cell] in
            let up = row.upstream ?? MirrorEngine.Sums()
            let down = row.downstream ?? MirrorEngine.Sums()
            let digits = Array(row.product.utf8.prefix(2))
            let chapter =
                digits.count == 2 && digits.allSatisfy({ $0 &- 0x30 < 10 })
                ? Int(digits[0] - 0x30) * 10 + Int(digits[1] - 0x30) : nil
            return [
                .text(row.product), .text(chapter.map(ChapterTitles.title) ?? ""), .text(row.presentIn),
                .money(up.base), .money(up.target), .share(numerator: up.target &- up.base, denominator: up.base),
                .money(down.base), .money(down.target),
                .share(numerator: down.target &- down.base, denominator: down.base),
                classified ? .share(numerator: down.dutyFreeTarget, denominator: down.target) : .text(""),
                classified ? .share(numerator: down.preferenceTarget, denominator: down.target) : .text(""),
                .share(numerator: down.target, denominator: up.target),
                .text(row.coincident ? "true" : "false"),
            ]
        }
        return SummaryTable(name: .mirror, columns: columns, rows: cells)
    }
}

extension MirrorRows {
    /// What each column means (the workbook's answer sheet, the report).
    package static let definitions: [(String, String)] = [
        ("hsN", "the product: its first N HS digits (--hs-level), on both sides"),
        ("present_in", "both, upstream or downstream: a product of one side only is listed, never dropped"),
        ("upstream_value_YYYY", "the upstream side's customs value of the product in the base and the target year"),
        ("upstream_growth", "(target - base) / base; empty when the base year is 0"),
        ("downstream_value_YYYY", "the downstream side's customs value in the base and the target year"),
        ("downstream_growth", "(target - base) / base; empty when the base year is 0"),
        (
            "downstream_duty_free_share",
            "the downstream duty-free value / its customs value, target year (empty for a side without duty, BACI)"
        ),
        ("downstream_claim_share", "the downstream value claiming a preference program / its customs value"),
        ("downstream_to_upstream", "downstream value / upstream value, target year"),
        (
            "coincident_growth",
            "true when both sides grew by more than --threshold (a side rising from 0 counts as grown)"
        ),
    ]
}
