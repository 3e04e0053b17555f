import Customs
import Delimited

extension Layout {
    /// Every layout `--layout` accepts besides `csv` (the plain canonical CSV).
    public static let catalog: [Layout] = [
        censusIMDB, aceLines, pedimento551, censusAPI, comtrade, comtradeConsignment, baci, dataweb,
    ]

    /// The layout named `name`, if any.
    public static func named(_ name: String) -> Layout? { catalog.first { $0.name == name } }

    /// US Census IMDB monthly `IMP_DETL.TXT` (docs/layouts.md): fixed width,
    /// 688 bytes, whole-dollar measures, Schedule C countries, no country of
    /// export (partner = origin), duty-free by rate provision.
    public static let censusIMDB = Layout(censusFields: censusIMDBFields)

    /// The 52 fields of an `IMP_DETL.TXT` record, by byte position (Census IMDB record layout).
    /// A table of its own: held only inside `Format`'s enum payload, whose
    /// spare-bit tagging hides the pointer, LeakSanitizer took it for a leak.
    public static let censusIMDBFields: [FixedWidthField] = {
        var fields: [FixedWidthField] = []
        var position = 1
        func add(_ name: String, _ width: Int) {
            fields.append(FixedWidthField(name: name, first: position, width: width))
            position += width
        }
        for (name, width) in [
            ("commodity", 10), ("cty_code", 4), ("cty_subco", 2), ("dist_entry", 2), ("dist_unlad", 2),
            ("rate_prov", 2), ("year", 4), ("month", 2),
        ] {
            add(name, width)
        }
        let measures = [
            "cards", "con_qy1", "con_qy2", "con_val", "dut_val", "cal_dut", "con_cha", "con_cif", "gen_qy1", "gen_qy2",
            "gen_val", "gen_cha", "gen_cif", "air_val", "air_wgt", "air_cha", "ves_val", "ves_wgt", "ves_cha",
            "cnt_val", "cnt_wgt", "cnt_cha",
        ]
        for suffix in ["_mo", "_yr"] { for measure in measures { add(measure + suffix, 15) } }
        precondition(position == 689, "IMP_DETL.TXT records are 688 bytes")
        return fields
    }()
}

extension Layout {
    /// The census layout around its field table.
    init(censusFields fields: [FixedWidthField]) {
        var extraTypes: [String: ColumnType] = [:]
        for field in fields where field.width == 15 { extraTypes[field.name] = .int64 }  // the 44 measures
        self.init(
            name: "census-imdb",
            summary: "US Census IMDB IMP_DETL.TXT (fixed width, 688 bytes; .ZIP read directly)",
            format: .fixedWidth(recordLength: 688, fields: fields),
            columns: [
                Column(canonical: .origin, source: .field(["cty_code"]), type: .string, isRequired: true),
                Column(canonical: .partner, source: .field(["cty_code"]), type: .string, isRequired: true),
                Column(canonical: .hsCode, source: .field(["commodity"]), type: .string, isRequired: true),
                Column(canonical: .customsValue, source: .field(["con_val_mo"]), type: .int64, isRequired: true),
                Column(canonical: .duty, source: .field(["cal_dut_mo"]), type: .int64, isRequired: true),
                Column(
                    canonical: .program, source: .program(spi: ["cty_subco"], tariff: [], none: ["00"]), type: .string,
                    isRequired: true),
                Column(canonical: .reporter, source: .constant("US"), type: .string, isRequired: true),
                Column(canonical: .rateProvision, source: .field(["rate_prov"]), type: .string, isRequired: true),
                Column(
                    canonical: .period, source: .yearMonth(year: ["year"], month: ["month"]), type: .int64,
                    isRequired: true),
                Column(canonical: .dutiableValue, source: .field(["dut_val_mo"]), type: .int64, isRequired: true),
            ],
            extraTypes: extraTypes,
            keeps: [],
            countryCodes: .census,
            dutyFreeByRateProvision: true,
            dutyFreePrograms: nil,
            zipMember: "IMP_DETL.TXT",
            basisFields: (consumption: "con_val_mo", general: "gen_val_mo"))
    }

    /// Importers' ACE entry-summary line extracts (docs/layouts.md): CSV, ISO
    /// alpha-2 countries, the SPI in its own column or as an HTS prefix.
    public static let aceLines: Layout = {
        let tariff = ["HTS Number", "HTSUS Number", "HTS Number - Full", "HTS Number Full", "Tariff Number", "HTS"]
        return Layout(
            name: "ace-lines",
            summary: "CBP ACE entry summary line extract (CSV; SPI column or HTS prefix \"S 8708.29.5160\")",
            format: .delimited(nil),
            columns: [
                Column(
                    canonical: .origin,
                    source: .field([
                        "Country of Origin", "Country of Origin Code", "Line Country of Origin Code", "COO",
                    ]),
                    type: .string, isRequired: true),
                Column(
                    canonical: .partner,
                    source: .field([
                        "Country of Export", "Country of Export Code", "Exporting Country",
                        "Line Country of Export Code",
                    ]), type: .string, isRequired: true),
                Column(canonical: .hsCode, source: .tariffNumber(tariff), type: .string, isRequired: true),
                Column(
                    canonical: .customsValue,
                    source: .amount(["Entered Value", "Line Entered Value", "Line Tariff Goods Value Amount"]),
                    type: .decimal(scale: 2), isRequired: true),
                Column(
                    canonical: .duty,
                    source: .amount(["Duty", "Duty Amount", "Line Duty Amount", "Line Tariff Duty Amount"]),
                    type: .decimal(scale: 2), isRequired: true),
                Column(
                    canonical: .program,
                    source: .program(
                        spi: ["SPI", "SPI Code", "Line SPI Code", "Special Program Indicator"],
                        tariff: tariff, none: []), type: .string, isRequired: true),
                Column(canonical: .reporter, source: .constant("US"), type: .string, isRequired: true),
                Column(
                    canonical: .period,
                    source: .monthOfDate(["Entry Date", "Entry Summary Date", "Date of Entry"], .monthDayYear),
                    type: .int64, isRequired: false),
            ],
            extraTypes: [:],
            keeps: [],
            countryCodes: .iso2,
            dutyFreeByRateProvision: false,
            dutyFreePrograms: nil,
            zipMember: nil)
    }()

    /// Mexican SAT Data Stage item file, record 551 (docs/layouts.md):
    /// pipe-delimited, alpha-3 countries, USD values, no duty column.
    public static let pedimento551: Layout = Layout(
        name: "pedimento-551",
        summary: "Mexican SAT Data Stage 551 item file (pipe-delimited, alpha-3 countries, USD values)",
        format: .delimited(.unquoted(delimiter: UInt8(ascii: "|"))),
        columns: [
            Column(canonical: .origin, source: .field(["PaisOrigenDestino"]), type: .string, isRequired: true),
            Column(canonical: .partner, source: .field(["PaisCompradorVendedor"]), type: .string, isRequired: true),
            Column(
                canonical: .hsCode, source: .joined([["Fraccion"], ["SubdivisionFraccion", "NICO"]]), type: .string,
                isRequired: true),
            Column(
                canonical: .customsValue, source: .amount(["ValorDolares"]), type: .decimal(scale: 2),
                isRequired: true),
            Column(canonical: .program, source: .field(["ClaveDocumento"]), type: .string, isRequired: true),
            Column(canonical: .reporter, source: .constant("MX"), type: .string, isRequired: true),
            Column(
                canonical: .period, source: .monthOfDate(["FechaPagoReal", "FechaPago"], .dayMonthYear), type: .int64,
                isRequired: false),
        ],
        extraTypes: [:],
        keeps: [Keep(field: ["TipoOperacion"], values: ["1"], meaning: "TipoOperacion is not 1 (not an import)")],
        countryCodes: .iso3,
        dutyFreeByRateProvision: false,
        dutyFreePrograms: ["IN"],
        zipMember: nil)

    /// A response of the US Census International Trade API, imports by HS
    /// (`timeseries/intltrade/imports/hs`; docs/layouts.md): a JSON array of
    /// rows, the first the variable names; Schedule C countries, whole-dollar
    /// monthly values, duty-free by rate provision (`RP`); totals and groups
    /// of countries (`CTY_CODE` `-`, `0001`–`0028`, `1XXX`–`7XXX`) skipped and counted.
    public static let censusAPI = Layout(
        name: "census-api",
        summary: "US Census International Trade API imports/hs response (JSON rows; CTY_CODE, I_COMMODITY, RP, ...)",
        format: .jsonRows,
        columns: [
            Column(canonical: .origin, source: .field(["CTY_CODE"]), type: .string, isRequired: true),
            Column(canonical: .partner, source: .field(["CTY_CODE"]), type: .string, isRequired: true),
            Column(canonical: .hsCode, source: .field(["I_COMMODITY"]), type: .string, isRequired: true),
            Column(canonical: .customsValue, source: .field(["CON_VAL_MO"]), type: .int64, isRequired: true),
            Column(canonical: .duty, source: .field(["CAL_DUT_MO"]), type: .int64, isRequired: false),
            Column(canonical: .reporter, source: .constant("US"), type: .string, isRequired: true),
            Column(canonical: .rateProvision, source: .field(["RP"]), type: .string, isRequired: true),
            Column(
                canonical: .period,
                source: .firstPresent([
                    .monthOfDate(["time"], .monthDayYear), .yearMonth(year: ["YEAR"], month: ["MONTH"]),
                ]), type: .int64, isRequired: true),
            Column(canonical: .dutiableValue, source: .field(["DUT_VAL_MO"]), type: .int64, isRequired: false),
        ],
        extraTypes: [
            "GEN_VAL_MO": .int64, "CON_VAL_MO": .int64, "DUT_VAL_MO": .int64, "CAL_DUT_MO": .int64,
            "GEN_VAL_YR": .int64, "CON_VAL_YR": .int64, "DUT_VAL_YR": .int64, "CAL_DUT_YR": .int64,
        ],
        keeps: [
            Keep(
                field: ["CTY_CODE"], values: ["-", "00??", "?XXX"],
                meaning: "CTY_CODE is a total or a group of countries (-, 0001-0028, 1XXX-7XXX), not a country",
                skipsMatches: true)
        ],
        countryCodes: .census,
        dutyFreeByRateProvision: true,
        dutyFreePrograms: nil,
        zipMember: nil,
        basisFields: (consumption: "CON_VAL_MO", general: "GEN_VAL_MO"),
        singleValued: (["COMM_LVL"], "each product would be counted once per commodity level: ask for one COMM_LVL"),
        withoutProgram: "the Census API has no special program indicator (SPI)")

    /// UN Comtrade data as its API and bulk downloads write it (docs/layouts.md): CSV, M49
    /// countries, imports only, the totals over consignment country, customs procedure and mode of
    /// transport kept (each flow once), World and TOTAL rows skipped; values only (no duty).
    public static let comtrade = Layout(
        name: "comtrade",
        summary: "UN Comtrade API/bulk CSV (reporterCode, partnerCode, cmdCode, flowCode, period, primaryValue, ...)",
        format: .delimited(nil),
        columns: [
            Column(canonical: .origin, source: .field(["partnerCode"]), type: .string, isRequired: true),
            Column(canonical: .partner, source: .field(["partnerCode"]), type: .string, isRequired: true),
            Column(canonical: .hsCode, source: .field(["cmdCode"]), type: .string, isRequired: true),
            Column(
                canonical: .customsValue, source: .amount(["primaryValue"]), type: .decimal(scale: 2),
                isRequired: true),
            Column(canonical: .reporter, source: .field(["reporterCode"]), type: .string, isRequired: true),
            Column(
                canonical: .period, source: .firstPresent([.field(["period"]), .year(["refYear"])]), type: .int64,
                isRequired: true),
        ],
        extraTypes: [:],
        keeps: [
            Keep(field: ["flowCode"], values: ["M"], meaning: "flowCode is not M (not imports; RM re-imports too)"),
            Keep(field: ["partnerCode"], values: ["0"], meaning: "partnerCode is 0 (World)", skipsMatches: true),
            Keep(field: ["cmdCode"], values: ["TOTAL"], meaning: "cmdCode is TOTAL", skipsMatches: true),
            Keep(
                field: ["partner2Code"], values: ["0"],
                meaning: "partner2Code is not 0 (a breakdown by consignment country of a flow counted in its total)",
                isRequired: false),
            Keep(
                field: ["customsCode"], values: ["C00"],
                meaning: "customsCode is not C00 (a breakdown by customs procedure)", isRequired: false),
            Keep(
                field: ["motCode"], values: ["0"], meaning: "motCode is not 0 (a breakdown by mode of transport)",
                isRequired: false),
        ],
        countryCodes: .m49,
        dutyFreeByRateProvision: false,
        dutyFreePrograms: nil,
        zipMember: nil,
        withoutDuty: "UN Comtrade records trade values only, with no duty and no program")

    /// UN Comtrade "plus" data read by country of consignment (docs/layouts.md): as `comtrade`, but each
    /// flow on its breakdown rows by `partner2Code` (the consignment country, roo's partner) instead of
    /// its total over them, so Chinese-origin goods consigned from Mexico are a route of their own.
    public static let comtradeConsignment: Layout = {
        var layout = comtrade
        layout.name = "comtrade-consignment"
        layout.summary = "UN Comtrade plus CSV by consignment country: partnerCode origin, partner2Code partner"
        layout.columns = layout.columns.map { column in
            var column = column
            if column.canonical == .partner { column.source = .field(["partner2Code"]) }
            return column
        }
        layout.keeps = layout.keeps.map { keep in
            guard keep.field == ["partner2Code"] else { return keep }
            return Keep(
                field: ["partner2Code"], values: ["0"],
                meaning: "partner2Code is 0 (a flow's total over consignment countries, read on its breakdown rows; "
                    + "a flow without them is not counted: compare with --layout comtrade)",
                skipsMatches: true)
        }
        return layout
    }()

    /// CEPII BACI yearly trade flows `BACI_HS22_Y2023_V202501.csv` (docs/layouts.md):
    /// `t,i,j,k,v,q`, UN M49 numeric countries, values in thousands of USD
    /// (FOB), no duty and no country of consignment (partner = the exporter).
    public static let baci = Layout(
        name: "baci",
        summary: "CEPII BACI yearly flows t,i,j,k,v,q (M49 numeric countries, values in thousands of USD)",
        format: .delimited(.comma),
        columns: [
            Column(canonical: .origin, source: .field(["i"]), type: .string, isRequired: true),
            Column(canonical: .partner, source: .field(["i"]), type: .string, isRequired: true),
            Column(canonical: .hsCode, source: .paddedCode(["k"], width: 6), type: .string, isRequired: true),
            Column(canonical: .customsValue, source: .thousands(["v"]), type: .decimal(scale: 2), isRequired: true),
            Column(canonical: .reporter, source: .field(["j"]), type: .string, isRequired: true),
            Column(canonical: .period, source: .year(["t"]), type: .int64, isRequired: true),
        ],
        extraTypes: [:],
        keeps: [],
        countryCodes: .m49,
        dutyFreeByRateProvision: false,
        dutyFreePrograms: nil,
        zipMember: nil,
        withoutDuty: "CEPII BACI records trade values only, with no duty and no program")

    /// A USITC DataWeb query export saved as CSV (docs/layouts.md): a title row and a `Data Row Count`
    /// row before the header `Data Type,[HTS Number,Description,]Country,Year,January,…,December`
    /// (monthly) or `Data Type,…,Country,2019,2020,…` (annual); one row per data type, country and year,
    /// countries by name, values in dollars; its `Total:` row and every data type other than the
    /// customs value (duties, quantities) skipped and counted. Values only: duties come on rows of
    /// their own, so no line can be classified duty-free.
    public static let dataweb = Layout(
        name: "dataweb",
        summary: "USITC DataWeb export (CSV: Data Type, HTS Number, Country, Year, January ... December or years)",
        format: .delimited(.comma),
        columns: [
            Column(canonical: .origin, source: .field(["Country"]), type: .string, isRequired: true),
            Column(canonical: .partner, source: .field(["Country"]), type: .string, isRequired: true),
            Column(canonical: .hsCode, source: .field(["HTS Number"]), type: .string, isRequired: false),
            Column(canonical: .customsValue, source: .wideAmount, type: .decimal(scale: 2), isRequired: true),
            Column(canonical: .reporter, source: .constant("US"), type: .string, isRequired: true),
            Column(canonical: .period, source: .widePeriod(year: ["Year"]), type: .int64, isRequired: true),
        ],
        extraTypes: ["Description": .string, "Data Type": .string],
        keeps: [
            Keep(
                field: ["Data Type"], values: ["Customs Value", "General Customs Value"],
                meaning: "Data Type is not a customs value (the Total: row, duties, quantities)")
        ],
        countryCodes: .names,
        dutyFreeByRateProvision: false,
        dutyFreePrograms: nil,
        zipMember: nil,
        singleValued: (["Data Type"], "general and consumption customs values would count each flow twice"),
        withoutDuty: "USITC DataWeb exports hold each measure on rows of their own, and roo reads the customs value",
        headerFirstField: "Data Type",
        workbookSheets: ["Customs Value", "General Customs Value"])
}
