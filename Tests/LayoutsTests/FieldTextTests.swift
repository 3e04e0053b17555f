import Customs
import Delimited
import Testing
@testable import Layouts

/// The derivations layouts are made of, on good and hostile bytes.
struct FieldTextTests {
    static func bytes(_ text: String, _ body: (UnsafeRawBufferPointer) -> [UInt8]?) -> String? {
        Array(text.utf8).withUnsafeBytes { body($0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func monthOfDateAcceptsTheWrittenForms() {
        func month(_ text: String, _ order: Layout.SlashDateOrder = .monthDayYear) -> String? {
            FieldTextTests.bytes(text) { FieldText.monthOfDate($0, order: order) }
        }
        #expect(month("2024-03-15") == "202403")
        #expect(month("20240315") == "202403")
        #expect(month("2024/03/15") == "202403")
        #expect(month("03/15/2024") == "202403")
        #expect(month("15/03/2024", .dayMonthYear) == "202403")
        #expect(month("2024-03-15 00:00:00") == "202403")
        #expect(month("2024-03-15T10:00:00Z") == "202403")
        for bad in ["", "2024", "13/01/2024", "2024-13-01", "abc", "2024--01", "99999999999999", "-", "/03/2024"] {
            #expect(month(bad) == nil, "\(bad)")
        }
    }

    @Test func tariffPrefixIsTheSPIBeforeTheDigits() {
        func prefix(_ text: String) -> Int { Array(text.utf8).withUnsafeBytes { FieldText.tariffPrefixLength($0) } }
        #expect(prefix("S 8708.29.5160") == 2)
        #expect(prefix("S+8708.29.5160") == 2)
        #expect(prefix("KR 8471.30.0100") == 3)
        #expect(prefix("8708.29.5160") == 0)
        #expect(prefix("ABC") == 0, "all letters: no HTS number to strip from")
        #expect(prefix("") == 0)
    }

    @Test func yearMonths() {
        let yearMonth = { (year: String, month: String) -> String? in
            Array(year.utf8).withUnsafeBytes { y in
                Array(month.utf8).withUnsafeBytes { m in FieldText.yearMonth(year: y, month: m) }
            }
            .map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(yearMonth("2024", " 3") == "202403")
        #expect(yearMonth("2024", "03") == "202403")
        #expect(yearMonth("2024", "13") == nil)
        #expect(yearMonth("", "1") == nil)
        #expect(yearMonth("20x4", "1") == nil)
    }
}

/// The layouts as data: every canonical column they map resolves.
struct LayoutCatalogTests {
    @Test func censusRecordsAre688BytesAndEveryCanonicalSourceExists() throws {
        guard case let .fixedWidth(length, fields) = Layout.censusIMDB.format else {
            Issue.record("fixed width"); return
        }
        #expect(length == 688)
        #expect(fields.last.map { $0.first + $0.width - 1 } == 688)
        let plan = try LayoutPlan(layout: .censusIMDB, sourceNames: fields.map(\.name), path: "x")
        #expect(
            Array(plan.names.prefix(10)) == [
                "origin", "partner", "hs_code", "customs_value", "duty", "program", "reporter",
                "rate_provision", "period", "dutiable_value",
            ])
        #expect(
            plan.names.contains("gen_val_mo") && plan.names.contains("cnt_cha_yr") && !plan.names.contains("con_val_mo")
                && !plan.names.contains("dut_val_mo"))
    }

    @Test func aMissingRequiredFieldNamesTheFieldsItLookedFor() {
        #expect(throws: LayoutError.self) {
            _ = try LayoutPlan(layout: .aceLines, sourceNames: ["Country of Origin", "HTS Number"], path: "a.csv")
        }
        do {
            _ = try LayoutPlan(layout: .pedimento551, sourceNames: ["Fraccion"], path: "p.asc")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "p.asc: layout pedimento-551 needs a field for origin (one of: PaisOrigenDestino)"))
        }
    }

    @Test func hostileFixedWidthChunksNeverTrap() throws {
        guard case let .fixedWidth(_, fields) = Layout.censusIMDB.format else { Issue.record("fixed width"); return }
        let plan = try LayoutPlan(layout: .censusIMDB, sourceNames: fields.map(\.name), path: "x")
        let reader = LayoutChunkParser(layout: .censusIMDB, plan: plan, dropsMalformed: false)
        let batch = RecordBatch()
        var state: UInt64 = 7
        for size in [0, 1, 687, 688, 689, 1377, 5000] {
            var bytes = [UInt8](repeating: 0, count: size)
            for index in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
            reader.parse(CSVChunk(bytes: bytes, firstLineNumber: 1), into: batch)
            for record in 0..<batch.count where batch.malformation(record) == nil {
                #expect(batch.fieldCount(record) > 9)
            }
        }
    }
}

/// Layout amount fields are read with the money format (`MoneyFormat`), the
/// same rule as summarize's CSV plane and ingest: normalized to plain decimal
/// text when they are numbers, passed on unchanged (and then invalid) when not.
struct LayoutAmountTests {
    static let names = ["Country of Origin", "Country of Export", "HTS Number", "SPI", "Entered Value", "Duty"]

    static func amounts(_ records: String, format: MoneyFormat = .standard) throws -> [[String]] {
        let plan = try LayoutPlan(layout: .aceLines, sourceNames: names, path: "ace.csv")
        let parser = LayoutChunkParser(layout: .aceLines, plan: plan, dropsMalformed: false, moneyFormat: format)
        let batch = RecordBatch()
        parser.parse(CSVChunk(bytes: Array(records.utf8), firstLineNumber: 2), into: batch)
        let value = try #require(plan.names.firstIndex(of: "customs_value"))
        let duty = try #require(plan.names.firstIndex(of: "duty"))
        return (0..<batch.count).map { record in
            [value, duty].map { String(decoding: batch.field(record, $0), as: UTF8.self) }
        }
    }

    @Test func amountsFollowTheMoneyFormat() throws {
        let records = """
            CN,MX,8708.29.5160,S,"$1,234.50",$0.00
            CN,MX,8708.29.5160,, -$5 ,"USD 1,000"
            CN,MX,8708.29.5160,,"1,23",12A45
            CN,MX,8708.29.5160,,"$-1,234,567.891",US$7

            """
        #expect(
            try LayoutAmountTests.amounts(records) == [
                ["1234.50", "0.00"], ["-5", "1000"], ["1,23", "12A45"], ["-1234567.891", "7"],
            ])
        let comma = """
            CN,MX,8708.29.5160,S,"1.234,50","$0,00"
            CN,MX,8708.29.5160,S,"1,234.50",7

            """
        #expect(
            try LayoutAmountTests.amounts(comma, format: .decimalComma) == [["1234,50", "0,00"], ["1,234.50", "7"]])
    }
}
