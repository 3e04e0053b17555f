import Customs
import Parquet
import Reports
import RooSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The "notes" sheet of an xlsx workbook: what was summarized and how, so a
/// workbook passed around still says where its numbers came from.
package enum SummaryNotes {
    /// (item, value) lines: inputs, the options that change the numbers, the
    /// roo version, the creation time (UTC; `SOURCE_DATE_EPOCH` when set, for
    /// reproducible files) and the `totals` row. Values are typed: counts
    /// and money are numbers (numeric cells in the workbook), everything
    /// else text, codes included (`--from 202401`, `--reporter`).
    /// `moneyFormat` is how money text was read (`summarize`); a merge of
    /// partials passes nil: each `summarize --partial` read its own inputs.
    package static func make(
        options: SummarizeOptions, tables: [SummaryTable], moneyFormat: MoneyFormat? = nil,
        periods: ClosedRange<Int>? = nil
    ) -> [(String, Cell)] {
        var notes: [(String, Cell)] = [
            ("inputs", .text(options.inputs.joined(separator: ", "))),
            ("period covered", .text(periods.map(PeriodText.describe) ?? "not recorded in the inputs")),
            ("currency", .text("USD (customs value as declared)")),
            (
                "region",
                .text(
                    options.region.isUSMCA
                        ? "usmca (US, CA, MX)" : options.region.members.sorted().joined(separator: ", "))
            ),
            ("preference programs", .text(options.effectivePreferencePrograms.sorted().joined(separator: ", "))),
            ("duty-free rule", .text(dutyFreeRule(options))),
            ("hs width", .integer(Int64(options.hsWidth))),
            (
                "hs codes of odd length",
                .text(options.padHS ? "read with a leading zero (--pad-hs)" : "read as written")
            ),
            ("money text", .text(moneyFormat?.description ?? "as each summarize --partial read it")),
        ]
        if let basis = options.valueBasis { notes.append(("value basis", .text(basis))) }
        if let reporter = options.reporter { notes.append(("reporter", .text(reporter))) }
        if let from = options.from { notes.append(("from", .text(String(from)))) }  // YYYYMM: a code, not a count
        if let to = options.to { notes.append(("to", .text(String(to)))) }
        if let compare = options.compare { notes.append(("compare", .text(compare.text))) }
        if let top = options.top { notes.append(("top", .integer(Int64(top)))) }
        notes.append(("strategy", .text("\(options.strategy.rawValue), \(Plural.count(options.threads, "thread"))")))
        notes.append(("roo version", .text(RooVersion.current)))
        notes.append(("created (UTC)", .text(timestamp())))
        if let totals = tables.first(where: { $0.name == .totals }), let row = totals.rows.first {
            notes += zip(totals.columns, row).map { ($0, $1) }
        }
        return notes
    }

    static func dutyFreeRule(_ options: SummarizeOptions) -> String {
        switch options.dutyFreeBy ?? .duty {
        case .rateProvision: return "rate provision 10-19"
        case .duty:
            if let programs = options.dutyFreePrograms {
                return "duty == 0, or program in " + programs.sorted().joined(separator: ", ")
                    + " without a duty column"
            }
            return "duty == 0"
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of `SOURCE_DATE_EPOCH`, else of now.
    static func timestamp() -> String {
        let seconds = getenv("SOURCE_DATE_EPOCH").flatMap { Int64(String(cString: $0)) } ?? Int64(time(nil))
        var out: [UInt8] = []
        CalendarText.appendTimestamp(ticks: seconds, unit: (ticksPerSecond: 1, fractionDigits: 0), to: &out)
        return String(decoding: out, as: UTF8.self) + "Z"
    }
}

extension SummaryNotes {
    /// What the headline says the numbers were computed under.
    package static func headlineContext(options: SummarizeOptions, periods: ClosedRange<Int>?) -> Headline.Context {
        Headline.Context(
            period: periods.map(PeriodText.describe), region: options.region.members.sorted(),
            isUSMCA: options.region.isUSMCA, programs: options.effectivePreferencePrograms.sorted())
    }
}
