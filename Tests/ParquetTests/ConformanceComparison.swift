import Testing
import TestSupport

/// Compares `roo cat` JSONL with a manifest's expected JSONL.
enum ConformanceComparison {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func compare(output: [UInt8], with testCase: ConformanceCase) throws {
        let gotLines = lines(output)
        guard let expectedBytes = FixturePaths.read(testCase.expectedPath) else {
            throw Mismatch(description: "cannot read \(testCase.expectedPath)")
        }
        let expectedLines = lines(expectedBytes)
        #expect(
            gotLines.count == testCase.rows, "\(testCase.id): \(gotLines.count) rows, manifest says \(testCase.rows)")
        if !testCase.truncated {
            #expect(gotLines.count == expectedLines.count, "\(testCase.id): row count")
        }
        var mismatches = 0
        var nulls: [String: (nulls: Int, present: Int)] = [:]
        for (row, line) in gotLines.enumerated() {
            guard case let .object(got)? = ScannedJSON.parse(line) else {
                throw Mismatch(description: "\(testCase.id) row \(row): output is not a JSON object: \(line)")
            }
            for (key, value) in got {
                var count = nulls[key] ?? (0, 0)
                if value == .null { count.nulls += 1 } else { count.present += 1 }
                nulls[key] = count
            }
            guard row < expectedLines.count, case let .object(expected)? = ScannedJSON.parse(expectedLines[row]) else {
                continue
            }
            #expect(got.map(\.0) == expected.map(\.0), "\(testCase.id) row \(row): column names/order")
            for ((key, value), (_, wanted)) in zip(got, expected)
            where !cellMatches(value, wanted, row: row, column: key, testCase) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(testCase.id) row \(row) column \(key): got \(value), expected \(wanted)")
                }
            }
        }
        #expect(mismatches == 0, "\(testCase.id): \(mismatches) cells differ")
        for (column, expected) in testCase.nullCounts {
            let got = nulls[column] ?? (0, 0)
            #expect(
                got.nulls == expected.nulls && got.present == expected.present,
                "\(testCase.id) column \(column): \(got) nulls/values, manifest checksums say \(expected)")
        }
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0x0a, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    static func cellMatches(
        _ got: ScannedJSON, _ expected: ScannedJSON, row: Int, column: String, _ testCase: ConformanceCase
    ) -> Bool {
        if let cell = testCase.definedCells.first(where: { $0.row == row && $0.column == column }) {
            if case let .string(text) = got { return cell.acceptable.contains(text) }
            return false
        }
        if got == expected { return true }
        guard case let .number(gotText) = got, case let .number(expectedText) = expected else { return false }
        // Integers must match as text (exact); floats as bit-identical Doubles.
        let isFloat = { (text: String) in text.contains { ".eE".contains($0) } }
        guard isFloat(gotText) || isFloat(expectedText), let a = Double(gotText), let b = Double(expectedText) else {
            return false
        }
        return a.bitPattern == b.bitPattern
    }
}
