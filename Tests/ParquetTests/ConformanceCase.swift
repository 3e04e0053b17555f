import Testing
import TestSupport

/// One file of the conformance corpus with what its manifest expects.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    struct DefinedCell: Sendable {
        var row: Int
        var column: String
        var acceptable: [String]
    }

    /// `corpus/relative-path`, e.g. `generated/files/x.parquet`.
    var id: String
    var path: String
    var expect: String
    var expectedPath: String
    var rows: Int
    var truncated: Bool
    var definedCells: [DefinedCell]
    /// Column name → (null_count, non_null_count) over all rows.
    var nullCounts: [String: (nulls: Int, present: Int)]

    var testDescription: String { id }

    static func load() -> [ConformanceCase] {
        ["parquet-testing", "generated"].flatMap { corpus -> [ConformanceCase] in
            let directory = FixturePaths.conformance + "/" + corpus
            guard let bytes = FixturePaths.read(directory + "/manifest.json"),
                let manifest = ScannedJSON.parse(String(decoding: bytes, as: UTF8.self))
            else { return [] }
            var entries: [ScannedJSON] = []
            for section in ["files", "unsupported_codec"] {
                if case let .array(items)? = manifest[section] { entries.append(contentsOf: items) }
            }
            return entries.compactMap { entry in make(entry, corpus: corpus, directory: directory) }
        }
    }

    private static func make(_ entry: ScannedJSON, corpus: String, directory: String) -> ConformanceCase? {
        guard case let .string(file)? = entry["file"], case let .string(expect)? = entry["expect"],
            case let .string(expected)? = entry["expected_file"]
        else { return nil }
        var cells: [DefinedCell] = []
        if case let .array(items)? = entry["implementation_defined_cells"] {
            for item in items {
                guard case let .number(row)? = item["row"], case let .string(column)? = item["column"],
                    case let .string(value)? = item["expected"], let rowIndex = Int(row)
                else { continue }
                var acceptable = [value]
                if case let .array(alternatives)? = item["also_acceptable"] {
                    for alternative in alternatives {
                        if case let .string(text)? = alternative["value"] { acceptable.append(text) }
                    }
                }
                cells.append(DefinedCell(row: rowIndex, column: column, acceptable: acceptable))
            }
        }
        var counts: [String: (Int, Int)] = [:]
        if case let .object(members)? = entry["checksums"] {
            for (column, sums) in members {
                if case let .number(nulls)? = sums["null_count"], case let .number(present)? = sums["non_null_count"],
                    let nullCount = Int(nulls), let presentCount = Int(present)
                {
                    counts[column] = (nullCount, presentCount)
                }
            }
        }
        var rows = 0
        if case let .number(text)? = entry["rows"] { rows = Int(text) ?? 0 }
        return ConformanceCase(
            id: corpus + "/" + file, path: directory + "/" + file, expect: expect,
            expectedPath: directory + "/" + expected,
            rows: rows, truncated: entry["expected_truncated"] == .bool(true), definedCells: cells, nullCounts: counts
        )
    }
}
