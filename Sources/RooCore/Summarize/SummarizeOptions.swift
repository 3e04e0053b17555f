import Aggregation
import Customs
import Layouts

/// How duty-free status is decided (`--duty-free-by`, docs/semantics.md, Classification).
public enum DutyFreeBy: String, CaseIterable, Sendable {
    /// duty == 0 (or `--duty-free-programs` when no duty column is mapped).
    case duty
    /// US Census rate provision codes 10–19.
    case rateProvision = "rate-provision"
}

/// Everything `roo summarize` needs besides the output settings.
public struct SummarizeOptions: Sendable {
    public var inputs: [String]
    public var mapping = ColumnMapping()
    public var region = Region.usmca
    /// `--preference-programs`; nil = the region's default.
    public var preferencePrograms: Set<String>?
    /// `--duty-free-programs`; used when no duty column is mapped.
    public var dutyFreePrograms: Set<String>?
    /// nil = as the inputs say (`--layout`, ingest metadata), else `.duty`.
    public var dutyFreeBy: DutyFreeBy?
    /// `--country-codes`; nil = as the inputs say, else alpha-2.
    public var countryCodes: CountryCodeSystem?
    /// `--layout` for text inputs (nil = canonical CSV).
    public var layout: Layout?
    /// `--decimal-separator`, `--thousands`: how money is written in text
    /// inputs (CSV and layouts; Parquet money is typed).
    public var moneyFormat = MoneyFormat.standard
    /// `--reporter`: keep only lines of this importing country.
    public var reporter: String?
    /// `--from`/`--to` as YYYYMM, inclusive.
    public var from: Int?
    public var to: Int?
    /// `--hs-width`: digits an integer HS code is zero-padded to.
    public var hsWidth = 10
    /// `--allow-empty`: write the tables even when no line was aggregated
    /// (otherwise exit 65 saying why: everything filtered, or rejected).
    public var allowEmpty = false
    /// `--pad-hs`: read a text HS code of odd length (3, 5, 7, 9 digits)
    /// with one leading zero (`901110010` → chapter 09).
    public var padHS = false
    public var strategy = Strategy.concurrentPerform
    public var threads = 1
    /// `--top N` rows per keyed table.
    public var top: Int?
    /// `--rejects FILE`: write every rejected line there as CSV (`RejectsLog`).
    public var rejectsPath: String?
    /// `--row-groups A:B`: only row groups A..<B of each Parquet input (a
    /// distributed task's share of a large file). A file counts in `totals`
    /// `files` only in the share that holds its row group 0.
    public var rowGroups: Range<Int>?
    /// Rows per work unit for strategies that split row groups (`work-queue`).
    public var smallUnitRowCount = 262_144

    public init(inputs: [String]) { self.inputs = inputs }

    /// The preference programs in force.
    public var effectivePreferencePrograms: Set<String> { preferencePrograms ?? region.defaultPreferencePrograms }
}

extension SummarizeOptions {
    /// The options with every setting the command line left open taken from
    /// the inputs (`defaults`) or the built-in defaults.
    func resolved(with defaults: InputDefaults) -> SummarizeOptions {
        var resolved = self
        resolved.dutyFreeBy = dutyFreeBy ?? defaults.dutyFreeBy ?? .duty
        resolved.countryCodes = countryCodes ?? defaults.countryCodes ?? .iso2
        resolved.dutyFreePrograms = dutyFreePrograms ?? defaults.dutyFreePrograms
        return resolved
    }
}
