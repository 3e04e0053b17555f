import Customs
import Testing

/// `--by` lists: what they accept, what they refuse, and the cell detail they need.
struct DimensionSetTests {
    @Test func theStandardListIsTodaysDetailTable() throws {
        #expect(DimensionSet.standard.text == "origin,hs2,partner")
        #expect(try DimensionSet(parsing: "origin, hs2 ,partner") == .standard)
        #expect(DimensionSet.standard.plan.isChapterOnly)
    }

    @Test func everyNameRoundTrips() throws {
        for name in Dimension.names {
            #expect(Dimension(name: name)?.name == name)
        }
        #expect(Dimension.names.count == 14)
        #expect(Dimension.names.last == "col:NAME")
        #expect(try DimensionSet(parsing: "channel,hs6").plan.components == [.hs(digits: 6), .channel])
    }

    @Test(arguments: ["hs3", "hs12", "hs06", "hs", "months", "", "col:", "Col:district", "HS4"])
    func unknownNamesAreRefused(_ name: String) {
        #expect(throws: DimensionSetError.unknown(name)) { try DimensionSet(parsing: "origin,\(name)") }
    }

    /// `col:NAME` keys come after the other components, in `--by` order, each once.
    @Test func sourceColumnsAreComponentsInTheirOrder() throws {
        let set = try DimensionSet(parsing: "col:port,channel,col:district,hs4")
        #expect(set.plan.components == [.hs(digits: 4), .channel, .column("port"), .column("district")])
        #expect(set.text == "col:port,channel,col:district,hs4")
        let values = ["8703", "mfn_free", "2304", "23"]
        #expect(set.plan.text(of: .column("district"), origin: "CN", partner: "MX", values: values) == "23")
        #expect(throws: DimensionSetError.repeated("col:port")) { try DimensionSet(parsing: "col:port,col:port") }
    }

    @Test func aRepeatedNameIsRefused() {
        #expect(throws: DimensionSetError.repeated("hs6")) { try DimensionSet(parsing: "hs6,month,hs6") }
        #expect(DimensionSetError.repeated("hs6").description == "--by names hs6 twice")
    }

    @Test func thePlanHoldsTheFinestHSAndPeriodOnce() throws {
        let plan = try DimensionSet(parsing: "year,hs4,program,month,hs6").plan
        #expect(plan.components == [.hs(digits: 6), .period(.month), .program])
        #expect(!plan.isChapterOnly)
        // The chapter is always there: a period alone still keys on HS two digits.
        #expect(try DimensionSet(parsing: "quarter,partner").plan.components == [.hs(digits: 2), .period(.quarter)])
        let values = ["870323", "2024-11", "S"]
        #expect(plan.text(of: .hs(digits: 4), origin: "CN", partner: "MX", values: values) == "8703")
        #expect(plan.text(of: .period(.quarter), origin: "CN", partner: "MX", values: values) == "2024-Q4")
        #expect(plan.text(of: .period(.year), origin: "CN", partner: "MX", values: values) == "2024")
        #expect(plan.text(of: .program, origin: "CN", partner: "MX", values: values) == "S")
        #expect(plan.text(of: .partner, origin: "CN", partner: "MX", values: values) == "MX")
    }

    @Test func periodsCoarsenByCalendar() {
        for (month, quarter) in [(202401, "2024-Q1"), (202403, "2024-Q1"), (202404, "2024-Q2"), (202412, "2024-Q4")] {
            #expect(PeriodGrain.quarter.text(key: PeriodGrain.quarter.key(month: month)) == quarter)
            let text = PeriodGrain.month.text(key: month)
            #expect(PeriodGrain.quarter.coarsening(text, from: .month) == quarter)
        }
        #expect(PeriodGrain.month.text(key: 202403) == "2024-03")
        #expect(PeriodGrain.year.coarsening("2024-Q3", from: .quarter) == "2024")
        // No period (empty) stays empty at every grain.
        #expect(PeriodGrain.year.coarsening("", from: .month) == "")
    }
}
