@testable import Generate
import Parquet
import TestSupport
import Testing

struct GenerateTests {
    static func generate(
        rows: Int, seed: UInt64, threads: Int, output: String, rowGroupRows: Int = 20_000
    ) throws -> [UInt8] {
        var options = GenerateOptions(rows: rows, output: output)
        options.seed = seed
        options.threads = threads
        options.rowGroupRows = rowGroupRows
        _ = try GenerateEngine.run(options)
        return FixturePaths.read(output) ?? []
    }

    @Test func sameSeedSameBytesWhateverTheThreads() throws {
        let directory = FixturePaths.temporaryDirectory()
        let one = try GenerateTests.generate(rows: 60_000, seed: 7, threads: 1, output: directory + "/a.parquet")
        let two = try GenerateTests.generate(rows: 60_000, seed: 7, threads: 3, output: directory + "/b.parquet")
        let again = try GenerateTests.generate(rows: 60_000, seed: 7, threads: 2, output: directory + "/c.parquet")
        let other = try GenerateTests.generate(rows: 60_000, seed: 8, threads: 2, output: directory + "/d.parquet")
        #expect(one.count > 100_000)
        #expect(one == two)
        #expect(one == again)
        #expect(one != other)
        let csv = try GenerateTests.generate(rows: 5_000, seed: 7, threads: 1, output: directory + "/a.csv")
        let csvAgain = try GenerateTests.generate(rows: 5_000, seed: 7, threads: 2, output: directory + "/b.csv")
        #expect(csv == csvAgain)
        #expect(
            String(decoding: csv.prefix(120), as: UTF8.self).hasPrefix(
                "reporter,period,origin,partner,hs_code,customs_value,duty,program,non_originating_value,"
                    + "rate_provision\nUS,2024"
            ))
        #expect(csv.filter { $0 == 0x0a }.count == 5_001)
        let zst = try GenerateTests.generate(rows: 5_000, seed: 7, threads: 2, output: directory + "/a.csv.zst")
        #expect(zst.prefix(4) == [0x28, 0xb5, 0x2f, 0xfd])
        #expect(zst.count < csv.count / 2)
        #expect(FixturePaths.list(directory).allSatisfy { !$0.contains("tmp-") })
    }

    @Test func distributionsFollowTheSpecification() {
        let model = GeneratorModel(seed: 1)
        var options = GenerateOptions(rows: 200_000, output: "unused.parquet")
        options.seed = 1
        let rows = GeneratedRows.make(model: model, options: options, group: 0, count: 200_000)
        var partnerLines: [String: Int] = [:]
        var regionalLines = 0
        var passThrough = 0
        var claims = 0
        var nullNonOriginating = 0
        var distinctCodes = Set<Int>()
        for row in 0..<rows.count {
            let partner = model.partners[rows.partner[row]]
            partnerLines[partner, default: 0] += 1
            distinctCodes.insert(rows.hsCode[row].chapter * 1000 + rows.hsCode[row].code)
            guard partner == "MX" || partner == "CA" else { continue }
            regionalLines += 1
            if rows.origin[row] != rows.partner[row] { passThrough += 1 }
            if rows.program[row] == 1 || rows.program[row] == 2 {
                claims += 1
                if rows.nonOriginating[row] == nil { nullNonOriginating += 1 }
            }
        }
        func share(_ count: Int, _ total: Int) -> Double { Double(count) / Double(total) }
        #expect(abs(share(partnerLines["MX", default: 0], rows.count) - 0.155) < 0.01)
        #expect(abs(share(partnerLines["CN", default: 0], rows.count) - 0.134) < 0.01)
        #expect(abs(share(partnerLines["CA", default: 0], rows.count) - 0.126) < 0.01)
        #expect(partnerLines.count >= 180)
        #expect(abs(share(passThrough, regionalLines) - 0.08) < 0.01)
        #expect(abs(share(claims, regionalLines) - 0.47) < 0.02)
        #expect(abs(share(nullNonOriginating, claims) - 0.2) < 0.02)
        #expect(distinctCodes.count > 10_000)
        #expect(rows.period.allSatisfy { $0 >= 202401 && $0 <= 202412 })
    }
}
