import Customs
import Reports
import Aggregation

/// `roo bench --plot FILE.svg`: speed-up vs threads (one line per strategy)
/// and throughput bars, as a self-contained SVG. Every mark carries its
/// numbers in `data-*` attributes, formatted as in the table.
enum BenchPlot {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

    static func svg(_ report: BenchReport) -> String {
        let rows = report.textRows()
        let strategies = orderedStrategies(report)
        let threads = Array(Set(report.cells.map(\.threads))).sorted()
        let width = 980.0
        let height = 460.0
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \
            \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <title>roo bench</title>
            <rect width="100%" height="100%" fill="white"/>
            \(machineLines(report.machine))

            """
        out += speedupPanel(
            report, rows: rows, strategies: strategies, threads: threads, origin: (60, 60), size: (380, 300))
        out += throughputPanel(
            report, rows: rows, strategies: strategies, threads: threads, origin: (540, 60), size: (400, 300))
        out += legend(strategies, y: 420)
        out += "</svg>\n"
        return out
    }

    /// The machine line, split before the input description so it fits.
    static func machineLines(_ machine: String) -> String {
        guard let range = machine.firstRange(of: "; input: ") else {
            return "<text x=\"10\" y=\"16\" font-size=\"11\">\(escape(machine))</text>"
        }
        let head = String(machine[..<range.lowerBound])
        let tail = String(machine[range.upperBound...])
        return
            "<text x=\"10\" y=\"16\" font-size=\"11\">\(escape(head))</text>\n<text x=\"10\" y=\"30\" "
            + "font-size=\"11\">input: \(escape(tail))</text>"
    }

    static func orderedStrategies(_ report: BenchReport) -> [Strategy] {
        Strategy.allCases.filter { strategy in report.cells.contains { $0.strategy == strategy } }
    }

    static func color(_ strategy: Strategy) -> String {
        palette[(Strategy.allCases.firstIndex(of: strategy) ?? 0) % palette.count]
    }

    static func speedupPanel(
        _ report: BenchReport, rows: [[String]], strategies: [Strategy], threads: [Int],
        origin: (x: Double, y: Double), size: (width: Double, height: Double)
    ) -> String {
        let maxThreads = Double(threads.last ?? 1)
        let maxSpeedup = max(maxThreads, report.cells.map(\.speedup).max() ?? 1) * 1.1
        func x(_ value: Double) -> Double {
            origin.x + (maxThreads <= 1 ? size.width / 2 : (value - 1) / (maxThreads - 1) * size.width)
        }
        func y(_ value: Double) -> Double { origin.y + size.height - value / maxSpeedup * size.height }
        var out = axes(
            origin: origin, size: size, title: "Speed-up over serial vs threads",
            xLabel: "threads", yLabel: "speed-up (×, serial at 1 thread = 1)")
        for tick in threads {
            out +=
                "<text x=\"\(fmt(x(Double(tick))))\" y=\"\(fmt(origin.y + size.height + 16))\" "
                + "text-anchor=\"middle\">\(tick)</text>\n"
        }
        for step in 0...4 {
            let value = maxSpeedup * Double(step) / 4
            out +=
                "<text x=\"\(fmt(origin.x - 6))\" y=\"\(fmt(y(value) + 4))\" "
                + "text-anchor=\"end\">\(String(format2: value))</text>\n"
        }
        out +=
            "<line x1=\"\(fmt(x(1)))\" y1=\"\(fmt(y(1)))\" x2=\"\(fmt(x(maxThreads)))\" y2=\"\(fmt(y(maxThreads)))\" "
            + "stroke=\"#bbb\" stroke-dasharray=\"4 3\"><title>ideal (linear) speed-up</title></line>\n"
        for strategy in strategies {
            let points = zip(report.cells, rows).filter { $0.0.strategy == strategy }.sorted {
                $0.0.threads < $1.0.threads
            }
            let path = points.map { "\(fmt(x(Double($0.0.threads)))),\(fmt(y($0.0.speedup)))" }.joined(separator: " ")
            out +=
                "<polyline class=\"series\" data-strategy=\"\(strategy.rawValue)\" points=\"\(path)\" fill=\"none\" "
                + "stroke=\"\(color(strategy))\" stroke-width=\"2\"/>\n"
            for (cell, text) in points {
                out +=
                    "<circle class=\"point\" data-strategy=\"\(strategy.rawValue)\" data-threads=\"\(cell.threads)\" "
                    + "data-speedup=\"\(text[7])\" cx=\"\(fmt(x(Double(cell.threads))))\" "
                    + "cy=\"\(fmt(y(cell.speedup)))\" r=\"4\" "
                    + "fill=\"\(color(strategy))\"><title>\(strategy.rawValue), "
                    + "\(Plural.count(cell.threads, "thread")): \(text[7])×</title></circle>\n"
            }
        }
        return out
    }

    static func throughputPanel(
        _ report: BenchReport, rows: [[String]], strategies: [Strategy], threads: [Int],
        origin: (x: Double, y: Double), size: (width: Double, height: Double)
    ) -> String {
        let maxRate = (report.cells.map(\.rowsPerSecond).max() ?? 1) * 1.1
        let groupWidth = size.width / Double(max(threads.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(strategies.count, 1))
        var out = axes(
            origin: origin, size: size, title: "Throughput by strategy and threads",
            xLabel: "threads", yLabel: "million lines per second")
        for step in 0...4 {
            let value = maxRate * Double(step) / 4
            let yValue = origin.y + size.height - Double(step) / 4 * size.height
            out +=
                "<text x=\"\(fmt(origin.x - 6))\" y=\"\(fmt(yValue + 4))\" "
                + "text-anchor=\"end\">\(String(format2: value / 1e6))</text>\n"
        }
        for (groupIndex, count) in threads.enumerated() {
            let groupX = origin.x + Double(groupIndex) * groupWidth + groupWidth * 0.1
            out +=
                "<text x=\"\(fmt(groupX + groupWidth * 0.4))\" y=\"\(fmt(origin.y + size.height + 16))\" "
                + "text-anchor=\"middle\">\(count)</text>\n"
            for (index, strategy) in strategies.enumerated() {
                guard let position = report.cells.firstIndex(where: { $0.strategy == strategy && $0.threads == count })
                else { continue }
                let cell = report.cells[position]
                let barHeight = cell.rowsPerSecond / maxRate * size.height
                out +=
                    "<rect class=\"bar\" data-strategy=\"\(strategy.rawValue)\" data-threads=\"\(count)\" "
                    + "data-rows-per-second=\"\(rows[position][5])\" "
                    + "x=\"\(fmt(groupX + Double(index) * barWidth))\" "
                    + "y=\"\(fmt(origin.y + size.height - barHeight))\" width=\"\(fmt(barWidth * 0.9))\" "
                    + "height=\"\(fmt(barHeight))\" fill=\"\(color(strategy))\"><title>\(strategy.rawValue), "
                    + "\(Plural.count(count, "thread")): \(rows[position][5]) lines/s</title></rect>\n"
            }
        }
        return out
    }

    static func axes(
        origin: (x: Double, y: Double), size: (width: Double, height: Double), title: String, xLabel: String,
        yLabel: String
    ) -> String {
        let bottom = origin.y + size.height
        return """
            <text x="\(fmt(origin.x + size.width / 2))" y="\(fmt(origin.y - 14))" text-anchor="middle" font-size="14" \
            font-weight="bold">\(escape(title))</text>
            <line x1="\(fmt(origin.x))" y1="\(fmt(bottom))" x2="\(fmt(origin.x + size.width))" y2="\(fmt(bottom))" \
            stroke="black"/>
            <line x1="\(fmt(origin.x))" y1="\(fmt(origin.y))" x2="\(fmt(origin.x))" y2="\(fmt(bottom))" stroke="black"/>
            <text x="\(fmt(origin.x + size.width / 2))" y="\(fmt(bottom + 34))" \
            text-anchor="middle">\(escape(xLabel))</text>
            <text x="\(fmt(origin.x - 44))" y="\(fmt(origin.y + size.height / 2))" text-anchor="middle" \
            transform="rotate(-90 \(fmt(origin.x - 44)) \(fmt(origin.y + size.height / 2)))">\(escape(yLabel))</text>

            """
    }

    static func legend(_ strategies: [Strategy], y: Double) -> String {
        var out = "<g class=\"legend\">\n"
        for (index, strategy) in strategies.enumerated() {
            let x = 60.0 + Double(index) * 150
            out +=
                "<rect x=\"\(fmt(x))\" y=\"\(fmt(y - 10))\" width=\"12\" height=\"12\" "
                + "fill=\"\(color(strategy))\"/><text x=\"\(fmt(x + 18))\" "
                + "y=\"\(fmt(y))\">\(strategy.rawValue)</text>\n"
        }
        return out + "</g>\n"
    }

    static func fmt(_ value: Double) -> String { String(format2: value) }

    static func escape(_ text: String) -> String { HTMLReport.escaped(text) }
}

extension BenchReport {
    /// The SVG chart of this report.
    package func svg() -> String { BenchPlot.svg(self) }
}
