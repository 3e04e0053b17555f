import Aggregation
import Customs
import Layouts
import RooSupport

/// Everything `roo summarize` needs besides the output settings.
package struct SummarizeOptions: Sendable {
    package var inputs: [String]
    package var mapping = ColumnMapping()
    package var region = Region.usmca
    /// `--preference-programs`; nil = the region's default.
    package var preferencePrograms: Set<String>?
    /// `--duty-free-programs`; used when no duty column is mapped.
    package var dutyFreePrograms: Set<String>?
    /// nil = as the inputs say (`--layout`, ingest metadata), else `.duty`.
    package var dutyFreeBy: DutyFreeBy?
    /// `--country-codes`; nil = as the inputs say, else alpha-2.
    package var countryCodes: CountryCodeSystem?
    /// `--layout` for text inputs (nil = canonical CSV).
    package var layout: Layout?
    /// `--decimal-separator`, `--thousands`: how money is written in text
    /// inputs (CSV and layouts; Parquet money is typed).
    package var moneyFormat = MoneyFormat.standard
    /// `--reporter`: keep only lines of this importing country.
    package var reporter: String?
    /// `--from`/`--to` as YYYYMM, inclusive.
    package var from: Int?
    package var to: Int?
    /// `--by`: the keys of the detail table.
    package var by = DimensionSet.standard
    /// `--compare A:B`: keep the lines of two periods and split the money by them.
    package var compare: PeriodComparison?
    /// The cell detail the run aggregates: the `--by` keys and the `--compare` period.
    package var plan: DetailPlan { by.plan(comparing: compare) }
    /// `--hs-width`: digits an integer HS code is zero-padded to.
    package var hsWidth = 10
    /// `--allow-empty`: write the tables even when no line was aggregated
    /// (otherwise exit 65 saying why: everything filtered, or rejected).
    package var allowEmpty = false
    /// What Census values are read as customs_value (`--basis`: `imports for consumption (CON_VAL_MO)`),
    /// for the notes; nil for inputs of no Census layout. Kept in partials, so merged notes say it too.
    package var valueBasis: String?
    /// Whether only the values are wanted (`roo mirror`'s upstream side): no
    /// duty or program column is needed, and no line counts as duty-free.
    package var valuesOnly = false
    /// `--pad-hs`: read a text HS code of odd length (3, 5, 7, 9 digits)
    /// with one leading zero (`901110010` → chapter 09).
    package var padHS = false
    package var strategy = Strategy.concurrentPerform
    package var threads = 1
    /// `--top N` rows per keyed table.
    package var top: Int?
    /// `--rejects FILE`: write every rejected line there as CSV (`RejectsLog`).
    package var rejectsPath: String?
    /// `--row-groups A:B`: only row groups A..<B of each Parquet input (a
    /// distributed task's share of a large file). A file counts in `totals`
    /// `files` only in the share that holds its row group 0.
    package var rowGroups: Range<Int>?
    /// Rows per work unit for strategies that split row groups (`work-queue`).
    package var smallUnitRowCount = 262_144

    package init(inputs: [String]) { self.inputs = inputs }

    /// The preference programs in force.
    package var effectivePreferencePrograms: Set<String> { preferencePrograms ?? region.defaultPreferencePrograms }
}

extension SummarizeOptions {
    /// The options with every setting the command line left open taken from
    /// the inputs (`defaults`) or the built-in defaults.
    func resolved(with defaults: InputDefaults) -> SummarizeOptions {
        var resolved = self
        resolved.dutyFreeBy = dutyFreeBy ?? defaults.dutyFreeBy ?? .duty
        resolved.countryCodes = countryCodes ?? defaults.countryCodes ?? .iso2
        resolved.dutyFreePrograms = dutyFreePrograms ?? defaults.dutyFreePrograms
        resolved.valueBasis = valueBasis ?? defaults.valueBasis
        return resolved
    }
}
