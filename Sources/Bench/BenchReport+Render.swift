import RooSupport
import TextFormats

extension BenchReport {
    /// Output formats of `roo bench`.
    package enum Format: String, Sendable, CaseIterable {
        case md
        case csv
        case json
    }

    static let columns = [
        "strategy", "threads", "median_s", "min_s", "max_s", "rows_per_s", "mb_per_s",
        "speedup", "efficiency", "peak_rss_mb", "matches_serial",
    ]

    /// The table cells as text (shared by every format and the plot).
    func textRows() -> [[String]] {
        cells.map { cell in
            [
                cell.strategy.rawValue, String(cell.threads), BenchReport.seconds(cell.medianSeconds),
                BenchReport.seconds(cell.seconds.min() ?? 0), BenchReport.seconds(cell.seconds.max() ?? 0),
                String(Int64(cell.rowsPerSecond.rounded())), String(format2: cell.megabytesPerSecond),
                String(format2: cell.speedup), String(format2: cell.efficiency),
                String(format2: cell.peakResidentMegabytes),
                cell.matchesSerial ? "yes" : "NO",
            ]
        }
    }

    /// Seconds with three decimals.
    package static func formatSeconds(_ value: Double) -> String { seconds(value) }

    static func seconds(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        guard thousandths.isFinite, thousandths < 1e15 else { return "0.000" }
        let whole = Int64(thousandths)
        let fraction = String(whole % 1000)
        return String(whole / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    package func rendered(_ format: Format) -> String {
        let rows = textRows()
        switch format {
        case .md:
            return machine + "\n\n"
                + MarkdownTable.render(header: BenchReport.columns, rows: rows).joined(separator: "\n") + "\n"
        case .csv:
            return ([BenchReport.columns] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .json:
            let cellValues: [JSONValue] = zip(cells, rows).map { cell, text in
                .object([
                    ("strategy", .string(cell.strategy.rawValue)), ("threads", .integer(Int64(cell.threads))),
                    ("median_s", .raw(text[2])), ("min_s", .raw(text[3])), ("max_s", .raw(text[4])),
                    ("runs_s", .array(cell.seconds.map { .raw(BenchReport.seconds($0)) })),
                    ("rows_per_s", .raw(text[5])), ("mb_per_s", .raw(text[6])), ("speedup", .raw(text[7])),
                    ("efficiency", .raw(text[8])), ("peak_rss_mb", .raw(text[9])),
                    ("matches_serial", .bool(cell.matchesSerial)),
                ])
            }
            return JSONValue.object([
                ("machine", .string(machine)), ("rows", .integer(rows.count > 0 ? self.rows : 0)),
                ("compressed_bytes", .integer(compressedBytes)), ("cells", .array(cellValues)),
            ]).rendered(indent: 2) + "\n"
        }
    }
}
