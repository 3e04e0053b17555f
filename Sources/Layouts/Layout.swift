import Customs
import Delimited

/// How an extract's records map to roo's canonical columns (docs/semantics.md, Canonical columns):
/// pure data, one table of fields per layout (see `Layout.catalog`), read by
/// one generic parser (`LayoutChunkParser`).
///
/// A layout names its source fields (by byte position for fixed-width
/// files, by header name for delimited ones), says how each canonical
/// column is derived from them (`Source`), and which defaults it implies
/// (country code system, duty-free rule, programs). Every source field not
/// used by a canonical column is kept as an extra column under its own name.
public struct Layout: Sendable {
    /// How records are cut into fields.
    public enum Format: Sendable {
        /// A header row and delimited fields; nil dialect = detected.
        case delimited(CSVDialect?)
        /// Records of exactly `recordLength` bytes (LF or CRLF line ends),
        /// no header, fields by byte position.
        case fixedWidth(recordLength: Int, fields: [FixedWidthField])
        /// A JSON array of rows, the first the field names (`JSONRows`: the Census API's responses).
        case jsonRows
    }

    /// A field of a fixed-width record: 1-based first byte and width.
    public struct FixedWidthField: Sendable {
        public var name: String
        public var first: Int
        public var width: Int
    }

    /// How a date field is written when it uses slashes.
    public enum SlashDateOrder: Sendable {
        /// `03/15/2024` (US).
        case monthDayYear
        /// `15/03/2024` (Mexico).
        case dayMonthYear
    }

    /// Where a canonical column's value comes from. Field names are matched
    /// case-insensitively ignoring spaces and ASCII punctuation (`matchKey`);
    /// the first name of a list present in the file is used.
    public enum Source: Sendable {
        /// A field as it is (trimmed).
        case field([String])
        /// A money amount, read with the money format (`MoneyFormat`: `$1,234.50`
        /// → `1234.50`; text that is no number there passes unchanged).
        case amount([String])
        /// Several fields joined without separator (`Fraccion` + `NICO`).
        case joined([[String]])
        /// `YYYYMM` from a year and a month field.
        case yearMonth(year: [String], month: [String])
        /// `YYYYMM` from a date: `YYYY-MM-DD`, `YYYYMMDD`, or with slashes in `order`.
        case monthOfDate([String], SlashDateOrder)
        /// The same text on every record (e.g. the reporter).
        case constant(String)
        /// An HTS number without a leading SPI prefix (`S 8708.29.5160` → `8708.29.5160`).
        case tariffNumber([String])
        /// The program: the `spi` field when present and not blank, else the
        /// SPI prefix of the `tariff` field; values in `none` count as blank.
        case program(spi: [String], tariff: [String], none: [String])
        /// A year-only period (`2024`, 1000–9999); anything else is an unreadable period.
        case year([String])
        /// A money amount in thousands (BACI's `v`: `23685.927` = $23,685,927.00),
        /// multiplied by 1,000 exactly in its decimal text (never through floating point).
        case thousands([String])
        /// A product code of digits only, zero-padded on the left to `width`
        /// (BACI's `k` written as a number: `10121` = `010121`); other text is kept as it is.
        case paddedCode([String], width: Int)

        /// The first of `sources` whose fields the file has (the Census API's
        /// `time`, else its `YEAR` and `MONTH`).
        indirect case firstPresent([Source])

        /// The period of a wide export's period column (USITC DataWeb): the month the column is named by
        /// (`January`…`December`) in the `year` field's year, or the year it is named by (`2024`). A layout
        /// with this source turns each row into one record per period column holding a value.
        case widePeriod(year: [String])
        /// The money amount in a wide export's period column (read as `amount` is).
        case wideAmount

        /// The field-name candidates of each field the source reads, in order.
        public var fieldGroups: [[String]] {
            switch self {
            case let .field(names), let .amount(names), let .monthOfDate(names, _), let .tariffNumber(names),
                let .year(names), let .thousands(names), let .paddedCode(names, _):
                [names]
            case let .joined(parts): parts
            case let .yearMonth(year, month): [year, month]
            case .constant: []
            case let .program(spi, tariff, _): [spi, tariff]
            case let .firstPresent(sources): sources.flatMap(\.fieldGroups)
            case let .widePeriod(year): [year]
            case .wideAmount: []
            }
        }

        /// Every field name the source may read.
        public var fieldNames: [String] { fieldGroups.flatMap { $0 } }
    }

    /// The canonical columns that read a field named `name` (matched as
    /// fields are, `matchKey`), in the layout's column order.
    public func canonicalColumns(reading name: String) -> [CanonicalColumn] {
        let key = Layout.matchKey(name)
        return columns.filter { $0.source.fieldNames.contains { Layout.matchKey($0) == key } }.map(\.canonical)
    }

    /// Column types of the written Parquet file (`roo ingest`).
    public enum ColumnType: Sendable, Equatable {
        case string
        case int64
        /// DECIMAL(18, scale) on INT64.
        case decimal(scale: Int)
    }

    /// One canonical column of the layout.
    public struct Column: Sendable {
        public var canonical: CanonicalColumn
        public var source: Source
        public var type: ColumnType
        /// Whether a file of this layout must have the source fields.
        public var isRequired: Bool
    }

    /// Records to keep: those whose `field` holds one of `values` (with
    /// `skipsMatches`, those whose field matches none of them); the others are
    /// skipped (never lines) and counted, with `meaning` in reports. A value
    /// may hold `?` for any one byte (`00??`). An optional rule's field may be absent.
    public struct Keep: Sendable {
        public var field: [String]
        public var values: [String]
        public var meaning: String
        public var skipsMatches = false
        public var isRequired = true
    }

    /// What US Census statistics count as imports (`--basis`).
    public enum ValueBasis: String, Sendable, CaseIterable {
        /// Imports for consumption: goods entering US consumption (entries, and withdrawals from warehouses).
        case consumption
        /// General imports: every good entering the US, including into bonded warehouses and zones.
        case general
    }

    /// `--layout` name.
    public var name: String
    /// One line for `--help` and docs/layouts.md.
    public var summary: String
    public var format: Format
    public var columns: [Column]
    /// Types of extra (non-canonical) fields; unlisted extras are inferred
    /// (delimited layouts) or strings (fixed-width layouts).
    public var extraTypes: [String: ColumnType]
    /// Every rule a record must pass to be kept (all of them).
    public var keeps: [Keep]

    /// What the keep rules skip, in words (`TipoOperacion is not 1 (not an import)`), nil without rules.
    public var keepMeaning: String? { keeps.isEmpty ? nil : keeps.map(\.meaning).joined(separator: "; or ") }
    /// Defaults the layout implies (the command line overrides them).
    public var countryCodes: CountryCodeSystem
    public var dutyFreeByRateProvision: Bool
    public var dutyFreePrograms: [String]?
    /// The entry to read when the input is a ZIP archive (case-insensitive);
    /// nil = the archive's only file.
    public var zipMember: String?
    /// The customs-value field of each `--basis` for sources of US Census
    /// statistics (`con_val_mo` / `gen_val_mo`); nil for the others.
    public var basisFields: (consumption: String, general: String)? = nil
    /// The basis `customs_value` is read on (`withBasis`).
    public var basis: ValueBasis = .consumption
    /// A field that must hold one value in a whole input (the Census API's
    /// `COMM_LVL`: a response of several commodity levels holds each product
    /// once per level), and why; nil for layouts without one.
    public var singleValued: (field: [String], why: String)? = nil
    /// Why the source has no program (the Census API has no SPI), for the
    /// warning that its claims read 0; nil for the others.
    public var withoutProgram: String? = nil
    /// Why the source has no duty and no program (`CEPII BACI records trade
    /// values only`), for a source whose lines cannot be classified duty-free;
    /// nil for the others.
    public var withoutDuty: String? = nil
    /// The first field of the header record when a preamble comes before it (DataWeb's title and
    /// `Data Row Count` rows, skipped); nil = the first record is the header.
    public var headerFirstField: String? = nil
    /// The sheets to read when the input is an Excel workbook, by name in order of preference (DataWeb's
    /// `Customs Value`); empty = the workbook's only sheet.
    public var workbookSheets: [String] = []
}

extension Layout {
    /// The name-matching form of a field name: ASCII letters lower-cased and
    /// digits kept, every other ASCII byte dropped (`"Country of Origin"` =
    /// `"country_of_origin"` = `"CountryOfOrigin"`); non-ASCII kept as is.
    static func matchKey(_ name: String) -> String { NameKey.of(name) }

    /// This layout with `customs_value` read on `basis`.
    ///
    /// - Precondition: the layout has `basisFields`.
    public func withBasis(_ basis: ValueBasis) -> Layout {
        guard let fields = basisFields else { preconditionFailure("layout \(name) has no value basis") }
        var layout = self
        layout.basis = basis
        let field = basis == .consumption ? fields.consumption : fields.general
        layout.columns = columns.map { column in
            var column = column
            if column.canonical == .customsValue { column.source = .field([field]) }
            return column
        }
        return layout
    }

    /// The basis in words, for the notes (`imports for consumption (CON_VAL_MO)`); nil without `basisFields`.
    public var basisNote: String? {
        guard let fields = basisFields else { return nil }
        return basis == .consumption
            ? "imports for consumption (\(fields.consumption))" : "general imports (\(fields.general))"
    }
}
