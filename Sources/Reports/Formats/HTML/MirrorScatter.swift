import Customs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scatter of `roo mirror`'s report: each product both sides had in
/// the base year, at (upstream growth, downstream growth), on log scales of
/// target / base (×1/16 to ×256, beyond drawn at the edge); the threshold as
/// dashed lines, the coincident products in red.
enum MirrorScatter {
    static let (width, height, left, right, top, bottom) = (640, 440, 60, 20, 20, 50)
    /// log2 of target / base at the plot's edges.
    static let (lowest, highest) = (-4.0, 8.0)

    /// The figure, or a sentence when no product has a base on both sides.
    ///
    /// - Complexity: O(rows).
    static func figure(_ table: SummaryTable, threshold: Int64) -> String {
        guard let up = table.columns.firstIndex(of: "upstream_growth"),
            let down = table.columns.firstIndex(of: "downstream_growth"),
            let product = table.columns.indices.first, let flag = table.columns.firstIndex(of: "coincident_growth")
        else { return "" }
        var points: [(x: Double, y: Double, label: String, coincident: Bool)] = []
        for row in table.rows {
            guard let x = ratio(row[up]), let y = ratio(row[down]) else { continue }
            points.append((x, y, CellText.plain(row[product]), CellText.plain(row[flag]) == "true"))
        }
        var html =
            "<section id=\"scatter\"><h2>Growth on both sides</h2>\n<p>Each point is a product both sides "
            + "imported in the base year: how many times its base-year value it reached in the target year, "
            + "upstream across, downstream up. Red: both grew by more than the threshold (dashed).</p>\n"
        guard !points.isEmpty else {
            return html + "<p>No product has a base-year value on both sides: nothing to plot.</p>\n</section>\n"
        }
        let line = log2(1 + Double(threshold) / 100_000)
        html += "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"growth scatter\">\n"
        html += axes() + thresholdLines(line)
        for point in points.sorted(by: { !$0.coincident && $1.coincident }) {
            html +=
                "<circle class=\"point\(point.coincident ? " coincident" : "")\" cx=\"\(x(point.x))\" "
                + "cy=\"\(y(point.y))\" r=\"3\"><title>\(HTMLText.escaped(point.label))</title></circle>\n"
        }
        return html + "</svg>\n</section>\n"
    }

    /// log2(target / base) from a growth cell (target - base over base); nil when the base is not positive.
    static func ratio(_ cell: Cell) -> Double? {
        guard case let .share(change, base) = cell, base > 0 else { return nil }
        let ratio = (Double(change) + Double(base)) / Double(base)
        return ratio > 0 ? min(max(log2(ratio), lowest), highest) : lowest
    }

    static func x(_ value: Double) -> Int {
        left + Int(((value - lowest) / (highest - lowest) * Double(width - left - right)).rounded())
    }

    static func y(_ value: Double) -> Int {
        height - bottom - Int(((value - lowest) / (highest - lowest) * Double(height - top - bottom)).rounded())
    }

    static func axes() -> String {
        var svg =
            "<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" "
            + "y2=\"\(height - bottom)\"/>\n<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" "
            + "y2=\"\(height - bottom)\"/>\n"
        for power in stride(from: Int(lowest), through: Int(highest), by: 2) {
            let label = power >= 0 ? "×\(1 << power)" : "×1/\(1 << -power)"
            svg +=
                "<text x=\"\(x(Double(power)))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(label)</text>\n"
                + "<text x=\"\(left - 6)\" y=\"\(y(Double(power)) + 4)\" text-anchor=\"end\">\(label)</text>\n"
        }
        return svg
            + "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">upstream: "
            + "target year / base year</text>\n<text x=\"14\" y=\"\((top + height - bottom) / 2)\" "
            + "transform=\"rotate(-90 14 \((top + height - bottom) / 2))\" text-anchor=\"middle\">downstream: "
            + "target year / base year</text>\n"
    }

    static func thresholdLines(_ value: Double) -> String {
        let (across, up) = (x(value), y(value))
        return "<line class=\"threshold\" x1=\"\(across)\" y1=\"\(top)\" x2=\"\(across)\" y2=\"\(height - bottom)\"/>\n"
            + "<line class=\"threshold\" x1=\"\(left)\" y1=\"\(up)\" x2=\"\(width - right)\" y2=\"\(up)\"/>\n"
    }
}
