import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `roo bench` runs on the bundled sample; its SVG is valid XML with one
/// series per strategy whose numbers equal the table's.
struct BenchCLITests {
    final class Collector: NSObject, XMLParserDelegate {
        var series: [String] = []
        var points: [String: String] = [:]  // "strategy/threads" -> speedup
        var bars: [String: String] = [:]  // "strategy/threads" -> rows/s

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let key = "\(attributes["data-strategy"] ?? "")/\(attributes["data-threads"] ?? "")"
            switch (name, attributes["class"]) {
            case ("polyline", "series"?): series.append(attributes["data-strategy"] ?? "")
            case ("circle", "point"?): points[key] = attributes["data-speedup"]
            case ("rect", "bar"?): bars[key] = attributes["data-rows-per-second"]
            default: break
            }
        }
    }

    @Test func benchTableAndPlotAgree() throws {
        let svgPath = FixturePaths.temporaryDirectory() + "/bench.svg"
        let run = try CLITests.roo([
            "bench", SummarizeCLITests.sample, "--repeat", "1", "--threads", "1,2", "--format", "csv", "--plot",
            svgPath,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            lines.first == [
                "strategy", "threads", "median_s", "min_s", "max_s", "rows_per_s", "mb_per_s", "speedup", "efficiency",
                "peak_rss_mb", "matches_serial",
            ])
        let rows = lines.dropFirst()
        #expect(rows.count == 11)  // serial at 1 thread + 5 strategies × 2 thread counts
        #expect(rows.allSatisfy { $0.last == "yes" })
        let data = try #require(FileManager.default.contents(atPath: svgPath))
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG must be well-formed XML")
        #expect(
            collector.series == [
                "serial", "concurrent-perform", "work-queue", "shared-atomic", "locked-merge", "task-group",
            ])
        for row in rows {
            let key = "\(row[0])/\(row[1])"
            #expect(collector.points[key] == row[7], "speed-up of \(key)")
            #expect(collector.bars[key] == row[5], "rows/s of \(key)")
        }
    }
}
