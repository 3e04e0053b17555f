import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of `roo generate` (docs/cli.md, generate).
package struct GenerateOptions: Sendable {
    /// Most rows one run writes (10^12: a 10 TB extract; far past any real year of lines).
    package static let rowCountMax = 1_000_000_000_000
    /// Most rows per row group: one row group per thread is held in memory
    /// (about 100 bytes a row), and readers take at most 2^28 rows per group.
    package static let rowGroupRowCountMax = 10_000_000

    package var rows: Int
    package var seed: UInt64 = 1
    package var year = 2024
    package var output: String
    package var rowGroupRows = 1_000_000
    package var passThroughShare = 0.08
    package var threads = 1
    package var codec = CompressionCodec.zstd
    package var zstdLevel: Int32 = 3
    /// Parquet data page version (1 or 2).
    package var dataPageVersion = 1

    package init(rows: Int, output: String) {
        self.rows = rows
        self.output = output
    }
}

/// One generated row group as columns (canonical names, the shape of docs/cli.md, generate).
package struct GeneratedRows {
    static let columnNames = [
        "reporter", "period", "origin", "partner", "hs_code", "customs_value", "duty", "program",
        "non_originating_value", "rate_provision",
    ]

    var count = 0
    var period: [Int32] = []
    var origin: [Int] = []  // partner-table index or origin code index (see originCodes)
    var originCodes: [String] = []
    var partner: [Int] = []
    var hsCode: [(chapter: Int, code: Int)] = []
    var value: [Int64] = []
    var duty: [Int64] = []
    var program: [UInt8] = []  // 0 none, 1 S, 2 S+, 3 A
    var nonOriginating: [Int64?] = []
    var rateProvision: [UInt8] = []  // 10, 18, 61, 69

    /// Generates rows `first ..< first + count` of stream `group` (deterministic).
    static func make(model: GeneratorModel, options: GenerateOptions, group: Int, count: Int) -> GeneratedRows {
        var random = SplitMix(seed: options.seed, stream: UInt64(group) + 1)
        var rows = GeneratedRows()
        rows.count = count
        rows.originCodes = model.partners
        for _ in 0..<count { rows.append(model: model, options: options, random: &random) }
        return rows
    }

    private mutating func append(model: GeneratorModel, options: GenerateOptions, random: inout SplitMix) {
        let partnerIndex = model.partnerChoice.pick(&random)
        let partnerCode = model.partners[partnerIndex]
        let regional = partnerCode == "MX" || partnerCode == "CA"
        var originIndex = partnerIndex
        if regional && random.unit() < options.passThroughShare {
            let origin = GeneratorModel.nonRegionalOrigins[model.originChoice.pick(&random)].0
            originIndex = model.partners.firstIndex(of: origin) ?? partnerIndex
        }
        let (chapters, chooser) = model.chapterChoices[partnerIndex]
        let chapter = chapters[chooser.pick(&random)]
        let code = random.below(GeneratorModel.codesPerChapter)
        let cents = max(1, Int64((exp(9.2 + 1.7 * random.normal()) * 100).rounded()))
        var programCode: UInt8 = 0
        var dutyCents: Int64 = 0
        var nonOriginatingCents: Int64?
        var provision: UInt8 = 10
        if regional && random.unit() < 0.47 {
            programCode = random.unit() < 0.85 ? 1 : 2
            provision = 18
            if random.unit() < 0.8 { nonOriginatingCents = Int64((Double(cents) * 0.6 * random.unit()).rounded()) }
        } else if GeneratorModel.gspPartners.contains(partnerCode) && random.unit() < 0.2 {
            programCode = 3
            provision = 18
        } else if random.unit() >= (partnerCode == "CN" ? 0.12 : 0.45) {
            var rate = GeneratorModel.dutyRates[random.below(GeneratorModel.dutyRates.count)]
            if partnerCode == "CN" { rate = max(rate, 0.25) }
            dutyCents = Int64((Double(cents) * rate).rounded())
            provision = partnerCode == "CN" ? 69 : 61
        }
        period.append(Int32(options.year * 100 + 1 + random.below(12)))
        origin.append(originIndex)
        partner.append(partnerIndex)
        hsCode.append((chapter, code))
        value.append(cents)
        duty.append(dutyCents)
        program.append(programCode)
        nonOriginating.append(nonOriginatingCents)
        rateProvision.append(provision)
    }

    static let programTexts: [[UInt8]] = [[], Array("S".utf8), Array("S+".utf8), Array("A".utf8)]

    /// The Parquet columns (canonical names; DECIMAL(18,2) on INT64 money).
    static var writerColumns: [WriterColumn] {
        let money = LogicalType.decimal(scale: 2, precision: 18)
        return [
            WriterColumn(name: "reporter", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "period", physicalType: .int32, isOptional: false),
            WriterColumn(name: "origin", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "partner", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "hs_code", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "customs_value", physicalType: .int64, logicalType: money, isOptional: false),
            WriterColumn(name: "duty", physicalType: .int64, logicalType: money, isOptional: false),
            WriterColumn(name: "program", physicalType: .byteArray, logicalType: .string, isOptional: true),
            WriterColumn(name: "non_originating_value", physicalType: .int64, logicalType: money, isOptional: true),
            WriterColumn(name: "rate_provision", physicalType: .byteArray, logicalType: .string, isOptional: false),
        ]
    }

    func columnData(model: GeneratorModel) -> [ColumnData] {
        func strings(_ values: [[UInt8]], validity: [Bool]? = nil) -> ColumnData {
            var offsets = [0]
            offsets.reserveCapacity(values.count + 1)
            var bytes: [UInt8] = []
            for value in values {
                bytes += value
                offsets.append(bytes.count)
            }
            return ColumnData(.byteArray(offsets: offsets, bytes: bytes), validity: validity)
        }
        let partnerBytes = model.partners.map { Array($0.utf8) }
        let programPresent = program.map { $0 != 0 }
        return [
            strings(Array(repeating: Array("US".utf8), count: count)),
            ColumnData(.int32(period)),
            strings(origin.map { partnerBytes[$0] }),
            strings(partner.map { partnerBytes[$0] }),
            strings(hsCode.map { model.hsCodes[$0.chapter][$0.code] }),
            ColumnData(.int64(value)),
            ColumnData(.int64(duty)),
            strings(program.filter { $0 != 0 }.map { GeneratedRows.programTexts[Int($0)] }, validity: programPresent),
            ColumnData(.int64(nonOriginating.compactMap { $0 }), validity: nonOriginating.map { $0 != nil }),
            strings(rateProvision.map { Array(String($0).utf8) }),
        ]
    }

    /// CSV text of the rows (no header); money as exact decimals, nulls empty.
    func csv(model: GeneratorModel, into out: inout [UInt8]) {
        func money(_ cents: Int64) {
            out.append(contentsOf: String(cents / 100).utf8)
            out.append(UInt8(ascii: "."))
            let fraction = cents % 100
            if fraction < 10 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: String(fraction).utf8)
        }
        let comma = UInt8(ascii: ",")
        for row in 0..<count {
            out.append(contentsOf: "US,".utf8)
            out.append(contentsOf: String(period[row]).utf8)
            out.append(comma)
            out.append(contentsOf: model.partners[origin[row]].utf8)
            out.append(comma)
            out.append(contentsOf: model.partners[partner[row]].utf8)
            out.append(comma)
            out.append(contentsOf: model.hsCodes[hsCode[row].chapter][hsCode[row].code])
            out.append(comma)
            money(value[row])
            out.append(comma)
            money(duty[row])
            out.append(comma)
            out.append(contentsOf: GeneratedRows.programTexts[Int(program[row])])
            out.append(comma)
            if let amount = nonOriginating[row] { money(amount) }
            out.append(comma)
            out.append(contentsOf: String(rateProvision[row]).utf8)
            out.append(UInt8(ascii: "\n"))
        }
    }
}
