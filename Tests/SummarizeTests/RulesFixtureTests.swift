import Reports
import Summarize
import TestSupport
import Testing

/// Exact numbers on `Fixtures/rules.parquet`: three copies of one line per
/// rejection reason and per classification edge (see scripts/fixtures/variants.py).
struct RulesFixtureTests {
    static let path = FixturePaths.fixtures + "/rules.parquet"

    static func tables(_ configure: (inout SummarizeOptions) -> Void = { _ in }) throws -> [SummaryTable] {
        var options = SummarizeOptions(inputs: [path])
        options.threads = 2
        configure(&options)
        return try SummarizeEngine.run(options)
    }

    static func csv(_ tables: [SummaryTable], _ name: TableName) -> String {
        tables.first { $0.name == name }.map { OutputFormat.csv.render($0) } ?? ""
    }

    @Test func totalsCountEveryReasonAndKeepTheInvariant() throws {
        let totals = RulesFixtureTests.csv(try RulesFixtureTests.tables(), .totals)
        #expect(
            totals == """
                files,lines_read,lines_filtered,lines_rejected,missing_origin,missing_partner,missing_hs,bad_hs,\
                missing_value,invalid_value,missing_duty,lines_aggregated,hs_odd_length,lines,customs_value,duty,\
                duty_free_lines,duty_free_value,preference_value,non_regional_value,non_regional_share,claim_share,\
                effective_duty_rate
                1,69,0,39,6,6,6,9,3,6,3,30,0,30,4608.39,75.00,27,1608.39,1563.00,739.14,0.459553,0.339164,0.016275

                """)
    }

    @Test func detailAppliesEveryRuleExactly() throws {
        let detail = RulesFixtureTests.csv(try RulesFixtureTests.tables(), .detail)
        #expect(
            detail == """
                origin,origin_name,hs_chapter,chapter_title,partner,partner_name,lines,customs_value,duty,\
                duty_free_lines,duty_free_value,preference_value,non_regional_value,non_regional_share,claim_share,\
                effective_duty_rate
                MX,Mexico,87,Vehicles (non-rail) & parts,MX,Mexico,9,1800.00,0.00,9,1800.00,1800.00,750.75,\
                0.417083,1.000000,0.000000
                '=SUM(A1),,12,"Oilseeds, misc. grains, fodder",'-X,,3,15.00,0.00,3,15.00,0.00,15.00,1.000000,\
                0.000000,0.000000
                CN,China,87,Vehicles (non-rail) & parts,MX,Mexico,3,3.00,0.00,3,3.00,3.00,3.00,1.000000,\
                1.000000,0.000000
                DE,Germany,30,Pharmaceuticals,DE,Germany,6,3000.39,75.00,3,0.39,0.00,0.39,1.000000,0.000000,0.024997
                US,United States,98,US special provisions,CA,Canada,3,30.00,0.00,3,30.00,0.00,0.00,0.000000,\
                0.000000,0.000000
                CA,Canada,27,Mineral fuels & oils,CA,Canada,6,-240.00,0.00,6,-240.00,-240.00,-30.00,0.125000,\
                1.000000,0.000000

                """)
    }

    @Test func customRegionAndPrograms() throws {
        // Region without MX: Mexican-origin duty-free value becomes non-regional; no default preference programs.
        let tables = try RulesFixtureTests.tables { $0.region = .init(members: ["US", "CA"]) }
        let byOrigin = RulesFixtureTests.csv(tables, .byOrigin)
        #expect(byOrigin.contains("\nMX,Mexico,9,1800.00,0.00,9,1800.00,0.00,1800.00,1.000000,0.000000,0.000000\n"))
    }

    @Test func topKeepsTheFirstRows() throws {
        let tables = try RulesFixtureTests.tables { $0.top = 2 }
        #expect(tables.first { $0.name == .detail }?.rows.count == 2)
        #expect(tables.first { $0.name == .totals }?.rows.count == 1)
    }
}
