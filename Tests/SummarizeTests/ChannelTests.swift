import Aggregation
import Customs
import Reports
import RooSupport
@testable import Summarize
import TestSupport
import Testing

/// `--by channel` and `by_channel`: how lines entered, from the rate provision and the claim, summed by hand.
struct ChannelTests {
    /// One line per channel (two MFN-free, two dutiable), a rate provision with spaces and leading zero.
    static let lines = """
        origin,partner,hs_code,customs_value,duty,program,rate_provision
        CN,MX,870829,100.00,0,S,10
        CN,MX,870829,50.00,0,,10
        CN,MX,870830,25.00,1.00,,61
        CN,MX,870323,10.00,0,S,18
        DE,CA,870899,7.00,0,,19
        DE,DE,300490,3.00,0,,00
        MX,MX,870829,2.00,0,S+,11
        CN,MX,870829,4.00,0,,
        CN,MX,870829,6.00,0.60,,69
        CN,MX,870829,8.00,0,, 010

        """

    static func csv() -> String {
        let path = FixturePaths.temporaryDirectory() + "/channels.csv"
        #expect(FixturePaths.write(Array(lines.utf8), to: path))
        return path
    }

    static func tables(_ by: String, _ path: String, strategy: Strategy = .serial, threads: Int = 1) throws
        -> [TableName: [String]]
    {
        var options = SummarizeOptions(inputs: [path])
        options.by = try DimensionSet(parsing: by)
        options.strategy = strategy
        options.threads = threads
        var tables: [TableName: [String]] = [:]
        for table in try SummarizeEngine.run(options) {
            tables[table.name] = OutputFormat.csv.render(table).split(separator: "\n").map(String.init)
        }
        return tables
    }

    @Test func byChannelAddsUpByHand() throws {
        let tables = try ChannelTests.tables("origin,channel", ChannelTests.csv())
        #expect(
            tables[.byChannel] == [
                "channel,lines,customs_value,duty,duty_free_lines,duty_free_value,preference_value,"
                    + "non_regional_value,non_regional_share,claim_share,effective_duty_rate,eligible_value,"
                    + "utilization",
                "claimed_on_mfn_free,1,100.00,0.00,1,100.00,100.00,100.00,1.000000,1.000000,0.000000,0.00,",
                "mfn_free,2,58.00,0.00,2,58.00,0.00,58.00,1.000000,0.000000,0.000000,0.00,",
                "program_free,1,10.00,0.00,1,10.00,10.00,10.00,1.000000,1.000000,0.000000,10.00,1.000000",
                "chapter99_free,1,7.00,0.00,1,7.00,0.00,7.00,1.000000,0.000000,0.000000,7.00,0.000000",
                "unknown,1,4.00,0.00,1,4.00,0.00,4.00,1.000000,0.000000,0.000000,0.00,",
                "ftz_bonded,1,3.00,0.00,1,3.00,0.00,3.00,1.000000,0.000000,0.000000,3.00,0.000000",
                "dutiable,2,31.00,1.60,0,0.00,0.00,0.00,,0.000000,0.051613,31.00,0.000000",
                "other_free,1,2.00,0.00,1,2.00,2.00,0.00,0.000000,1.000000,0.000000,2.00,1.000000",
            ])
        #expect(
            tables[.detail]?.contains(
                "CN,China,dutiable,2,31.00,1.60,0,0.00,0.00,0.00,,0.000000,0.051613,31.00,0.000000") == true)
        // Eligible: every listed code but 10 (and not the unreadable one); utilization = claimed / eligible.
        #expect(
            tables[.totals]?.last?.hasSuffix(",53.00,0.226415") == true, "\(tables[.totals] ?? [])")
        #expect(tables[.byPeriod] == nil && tables[.byProgram] == nil)
    }

    @Test func everyStrategyAgreesOnChannels() throws {
        let path = ChannelTests.csv()
        let baseline = try ChannelTests.tables("channel,hs6,program", path)
        for strategy in Strategy.allCases {
            #expect(try ChannelTests.tables("channel,hs6,program", path, strategy: strategy, threads: 3) == baseline)
        }
    }

    @Test func aChannelNeedsARateProvisionColumn() throws {
        let path = FixturePaths.temporaryDirectory() + "/no-provision.csv"
        let text = "origin,partner,hs_code,customs_value,duty\nCN,MX,8708,1.00,0\n"
        #expect(FixturePaths.write(Array(text.utf8), to: path))
        #expect {
            _ = try ChannelTests.tables("channel", path)
        } throws: { error in
            "\(error)".contains("rate_provision") && (error as? RooError)?.status == .usage
        }
    }

    @Test func aMarginalTableWithoutItsKeyIsRefused() throws {
        var options = SummarizeOptions(inputs: [ChannelTests.csv()])
        options.by = try DimensionSet(parsing: "origin,hs4")
        let output = SummaryOutput(table: .byChannel)
        #expect {
            try SummarizeEngine.summarize(options, to: output) { _ in }
        } throws: { error in
            "\(error)".contains("add channel to --by (e.g. --by origin,hs4,channel)")
                && (error as? RooError)?.status == .usage
        }
    }

    @Test func channelsOfRateProvisionCodes() {
        #expect(DutyFreeChannel(rateProvision: 10).claimed(true) == .claimedOnMFNFree)
        #expect(DutyFreeChannel(rateProvision: 18).claimed(true) == .programFree)
        #expect(DutyFreeChannel(rateProvision: 12) == .unknown)
        #expect(DutyFreeChannel(rateProvision: nil) == .unknown)
        #expect(Set(DutyFreeChannel.allCases.map(\.name)).count == DutyFreeChannel.allCases.count)
    }
}

/// The cell-detail ids of `--by`, against the text rule written out (pad to the width, cut to the plan's).
struct DetailKeysTests {
    @Test func integerHSCodesArePaddedThenCut() throws {
        for digits in [4, 6, 10] {
            let plan = DetailPlan(components: [.hs(digits: digits)])
            let interner = DetailInterner(plan: plan)
            let keys = DetailKeys(interner: interner)
            for (code, width) in [
                (Int64(8_703_230_190), 10), (101_110_000, 10), (87, 2), (870_323, 6), (123_456_789_012, 10), (5, 10),
            ] {
                let text = String(repeating: "0", count: max(0, width - String(code).count)) + String(code)
                let id = try keys.hsID(integer: code, width: width)
                #expect(interner.values()[Int(id)] == [String(text.prefix(digits))], "\(code) at width \(width)")
            }
        }
    }

    @Test func rateProvisionTextIsReadOncePerValue() {
        let plan = DetailPlan(components: [.hs(digits: 2), .channel])
        let channel = DetailKeys(interner: DetailInterner(plan: plan))
        for (text, expected) in [
            (" 10", DutyFreeChannel.mfnFree), ("010", .mfnFree), ("61", .dutiable), ("x", .unknown),
        ] {
            for _ in 0..<2 {
                let id = Array(text.utf8).withUnsafeBytes { channel.channelID(rateProvision: $0) }
                #expect(id == UInt32(expected.rawValue), "\(text)")
            }
        }
    }
}
