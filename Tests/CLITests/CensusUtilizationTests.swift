import Testing
import TestSupport

/// One Census IMDB month written record by record, with the channel tables
/// and USMCA utilization of Mexico and Canada computed by hand from those
/// records (docs/semantics.md, Measures and Channels).
struct CensusUtilizationTests {
    /// One 688-byte `IMP_DETL.TXT` record of January 2024: text fields left-aligned, the 22 monthly
    /// measures right-aligned in 15 bytes (con_val, dut_val, cal_dut are the 4th to 6th), year to date after.
    static func record(
        _ commodity: String, _ country: String, _ spi: String, _ rateProvision: String, value: Int, dutiable: Int,
        duty: Int
    ) -> String {
        func left(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        func number(_ value: Int) -> String {
            let text = String(value)
            return String(repeating: " ", count: 15 - text.count) + text
        }
        let head = left(commodity, 10) + country + left(spi, 2) + "2323" + rateProvision + "2024" + "01"
        var monthly = Array(repeating: 0, count: 22)
        (monthly[0], monthly[3], monthly[4], monthly[5]) = (1, value, dutiable, duty)
        return head + (monthly + monthly).map(number).joined()
    }

    /// MX (2010): a USMCA claim on a dutiable-at-MFN line (18), a dutiable line without claim (61), an MFN-free
    /// line (10) and an S claim on an MFN-free line. CA (1220): an S+ claim (18), a chapter 99 line (69) and an
    /// FTZ entry (00). CN (5700): a dutiable line (69).
    static let month =
        [
            record("8708295160", "2010", "S", "18", value: 1000, dutiable: 0, duty: 0),
            record("8703231000", "2010", "", "61", value: 400, dutiable: 400, duty: 10),
            record("8471300100", "2010", "", "10", value: 300, dutiable: 0, duty: 0),
            record("8471300100", "2010", "S", "10", value: 200, dutiable: 0, duty: 0),
            record("2709000000", "1220", "S+", "18", value: 500, dutiable: 0, duty: 0),
            record("4407100000", "1220", "", "69", value: 100, dutiable: 100, duty: 25),
            record("2716000000", "1220", "", "00", value: 50, dutiable: 0, duty: 0),
            record("8517130000", "5700", "", "69", value: 700, dutiable: 700, duty: 175),
        ].joined(separator: "\r\n") + "\r\n"

    static func summarize(_ arguments: [String]) throws -> [String] {
        let path = FixturePaths.temporaryDirectory() + "/IMP_DETL.TXT"
        #expect(FixturePaths.write(Array(month.utf8), to: path))
        let run = try CLITests.roo(["summarize", path, "--layout", "census-imdb", "--quiet"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func theRecordsAreOfTheLayout() {
        let records = CensusUtilizationTests.month.split(separator: "\r\n")
        #expect(records.count == 8 && records.allSatisfy { $0.utf8.count == 688 })
    }

    /// by_channel: free = rate provision 10-19 (the layout's rule), eligible = listed codes other than 10.
    @Test func byChannelOfTheMonth() throws {
        let lines = try CensusUtilizationTests.summarize(["--by", "partner,channel", "--table", "by_channel"])
        #expect(
            lines == [
                "channel,lines,customs_value,duty,duty_free_lines,duty_free_value,preference_value,non_regional_value,"
                    + "non_regional_share,claim_share,effective_duty_rate,dutiable_value,eligible_value,utilization",
                // MX 1000 (S) + CA 500 (S+): both claimed, free, eligible.
                "program_free,2,1500.00,0.00,2,1500.00,1500.00,0.00,0.000000,1.000000,0.000000,0.00,1500.00,1.000000",
                // MX 400 + CA 100 + CN 700, duty 10 + 25 + 175; dutiable value as declared.
                "dutiable,3,1200.00,210.00,0,0.00,0.00,0.00,,0.000000,0.175000,1200.00,1200.00,0.000000",
                "mfn_free,1,300.00,0.00,1,300.00,0.00,0.00,0.000000,0.000000,0.000000,0.00,0.00,",
                // An S claim on an MFN-free line: in claim_share, never in utilization.
                "claimed_on_mfn_free,1,200.00,0.00,1,200.00,200.00,0.00,0.000000,1.000000,0.000000,0.00,0.00,",
                // 00 is not free (10-19) but is eligible.
                "ftz_bonded,1,50.00,0.00,0,0.00,0.00,0.00,,0.000000,0.000000,0.00,50.00,0.000000",
            ], "\(lines)")
    }

    /// Utilization of MX and CA: S/S+ value on eligible lines / eligible value.
    @Test func utilizationOfMexicoAndCanada() throws {
        let lines = try CensusUtilizationTests.summarize(["--table", "by_partner"])
        // MX: 1900 in all, 1200 claimed (claim share 0.631579); eligible 1000 + 400 = 1400, of which 1000 claimed.
        #expect(
            lines.contains(
                "MX,Mexico,4,1900.00,10.00,3,1500.00,1200.00,0.00,0.000000,0.631579,0.005263,400.00,1400.00,0.714286"),
            "\(lines)")
        // CA: 650 in all, every line eligible (18, 69, 00), 500 claimed.
        #expect(
            lines.contains(
                "CA,Canada,3,650.00,25.00,1,500.00,500.00,0.00,0.000000,0.769231,0.038462,100.00,650.00,0.769231"),
            "\(lines)")
        let bloc = try CensusUtilizationTests.summarize(["--table", "through_bloc"])
        // The bloc row: MX and CA together, eligible 2050 of which 1500 claimed.
        #expect(bloc.contains { $0.hasPrefix("bloc,") && $0.hasSuffix(",500.00,2050.00,0.731707") }, "\(bloc)")
    }
}
