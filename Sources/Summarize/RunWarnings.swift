import Aggregation
import Customs

/// The words a finished run owes its user when something looks wrong: the
/// lines it rejected (how many, why, one example each, and the hint that
/// fits), HS codes that lost a leading zero, a program code that matches
/// no line only because of its case or spaces — and the error when no line
/// at all was aggregated. Built from the line counts and `Observations`, so
/// the text is the same for every strategy and thread count.
struct RunWarnings {
    let counts: LineCounts
    let observations: (local: Observations.Local, examples: [RejectionReason: Observations.Example])
    let options: SummarizeOptions
    /// A few of the country codes with no conversion (`KeyInterner.unmappedExamples`), smallest first.
    var unmappedExamples: [String] = []

    /// One line per problem, without the `roo: warning:` label.
    var lines: [String] {
        [rejectedLines, oddHSCodes, unmappedCountryCodes, yearOnlyFiltered, emptyComparedPeriod, noClaims]
            .compactMap { $0 } + programVariants
    }

    /// Whether some input has a program column (set by the engine from the bindings).
    var readsPrograms = true

    /// Inputs without programs (a layout without them, or no program column at all): no line claims one, so
    /// the claim measures read 0 — said, not left to look real.
    var noClaims: String? {
        guard counts.linesAggregated > 0, !options.valuesOnly else { return nil }
        if let layout = options.layout, let why = layout.withoutProgram {
            return
                "--layout \(layout.name): \(why), so no line claims a program: preference_value, claim_share and "
                + "utilization read 0; the IMDB file (--layout census-imdb) carries the SPI"
        }
        guard !readsPrograms else { return nil }
        return
            "no input has a program column (the special program indicator, SPI), so no line claims a program: "
            + "preference_value and claim_share (and utilization) read 0, not measured; map one with "
            + "--map program=COLUMN"
    }

    /// The warning for `count` aggregated lines whose period could not be read under a `--by` period key.
    static func missingPeriods(_ count: Int64, by: DimensionSet) -> String? {
        guard count > 0, let grain = by.plan.periodGrain else { return nil }
        return
            "\(Plural.count(count, "line", grouped: true)) \(count == 1 ? "has" : "have") no readable period: "
            + "\(count == 1 ? "its" : "their") \(grain.name) is empty in "
            + "the tables (a period is read as YYYYMM, YYYY-MM, YYYYMMDD or a date, and a year YYYY has no "
            + "\(grain.name): use --by year for it; check the period column, or --map period=COLUMN)"
    }

    /// Lines of a year-only period (`2024`) that a month filter left out because it does not cover their year.
    var yearOnlyFiltered: String? {
        let count = observations.local.yearOnlyFiltered
        guard count > 0 else { return nil }
        let filter =
            options.compare.map { "--compare \($0.text)" }
            ?? [options.from.map { "--from \($0)" }, options.to.map { "--to \($0)" }].compactMap { $0 }
            .joined(separator: " ")
        return
            "\(Plural.count(count, "line", grouped: true)) with a period of a year only (e.g. 2024) "
            + "\(count == 1 ? "was" : "were") filtered out by \(filter): a year's lines are kept only when "
            + "the months cover the whole year (give whole years, e.g. --from 202401 --to 202412, or "
            + "--compare 2023:2024)"
    }

    /// Aggregated lines whose origin or partner code has no conversion to alpha-2 under the run's
    /// `--country-codes`: kept as written, so the region tests and names miss them (a code system
    /// that is not the file's, e.g. `m49` codes read as `census`, leaves the bloc's partners unseen).
    var unmappedCountryCodes: String? {
        let count = counts.unmappedLines
        guard count > 0 else { return nil }
        let system = options.countryCodes.map { "--country-codes \($0.rawValue)" } ?? "the input's country codes"
        return
            "\(Plural.count(count, "line", grouped: true)) of \(Plural.number(counts.linesAggregated)) "
            + "(\(RunWarnings.percent(count, of: counts.linesAggregated))) \(count == 1 ? "has" : "have") an origin or "
            + "partner code with no \(system) conversion to alpha-2"
            + (unmappedExamples.isEmpty ? "" : " (e.g. \(unmappedExamples.joined(separator: ", ")))")
            + ": kept as written, so region tests and names "
            + "miss them (totals: unmapped_country_codes); check that --country-codes is the file's code system"
    }

    /// A `--compare` period outside the months the period column holds: its columns are all 0.
    var emptyComparedPeriod: String? {
        guard let compare = options.compare, counts.linesAggregated > 0, let seen = observations.local.months
        else { return nil }
        let missing = zip([compare.base, compare.current], compare.months).filter { !$0.1.overlaps(seen) }
        guard let (period, _) = missing.first else { return nil }
        return
            "--compare \(compare.text): no line lies in \(period) (the period column runs \(seen.lowerBound) to "
            + "\(seen.upperBound)): its columns are 0 and every growth is empty"
    }

    /// "N of M lines (x%) rejected: reason n (e.g. …), …; hint".
    var rejectedLines: String? {
        let rejected = counts.linesRejected
        guard rejected > 0 else { return nil }
        let considered = counts.linesRead - counts.linesFiltered
        return
            "\(Plural.count(rejected, "line", grouped: true)) of \(Plural.number(considered)) "
            + "(\(RunWarnings.percent(rejected, of: considered))) rejected: "
            + reasonList + "; " + hint
    }

    /// The reasons by count, each with its first line.
    var reasonList: String {
        let reasons = RejectionReason.allCases.filter { counts.rejected[$0.rawValue] > 0 }
            .sorted { (counts.rejected[$0.rawValue], $1.rawValue) > (counts.rejected[$1.rawValue], $0.rawValue) }
        return reasons.map { reason in
            var text = "\(reason.name) \(Plural.number(counts.rejected[reason.rawValue]))"
            if let example = observations.examples[reason] {
                text +=
                    " (e.g. \(example.location), \(example.column) "
                    + (example.value.isEmpty ? "empty" : "\"\(example.value)\"") + ")"
            }
            return text
        }.joined(separator: ", ")
    }

    /// The fix that fits the examples best.
    var hint: String {
        // Only while money is read with a decimal point: with --decimal-separator , the text is not a number for
        // another reason.
        if options.moneyFormat.decimalSeparator == UInt8(ascii: "."),
            let example = observations.examples[.invalidValue],
            RunWarnings.looksLikeDecimalComma(example.value)
        {
            return
                "amounts like \"\(example.value)\" look like decimal commas: give --decimal-separator , (and "
                + "--thousands .); --rejects FILE lists every rejected line"
        }
        let considered = counts.linesRead - counts.linesFiltered
        if let reason = RejectionReason.allCases.first(where: {
            [.missingOrigin, .missingPartner, .missingHS, .missingValue, .missingDuty].contains($0)
                && counts.rejected[$0.rawValue] == considered
        }) {
            return
                "every line lacks \(reason.column.rawValue): check that --map \(reason.column.rawValue)=COLUMN names "
                + "the right column; --rejects FILE lists every rejected line"
        }
        return "--rejects FILE lists every rejected line"
    }

    /// Odd-length HS codes: how many lines, an example, and what roo read them as.
    var oddHSCodes: String? {
        guard counts.oddHSLines > 0 else { return nil }
        let example = observations.local.oddHSCode.map { KeyText.display($0) } ?? ""
        let lines = Plural.count(counts.oddHSLines, "line", grouped: true)
        if options.padHS {
            return
                "\(lines) had HS codes of odd length (e.g. \(example)), read with a leading zero (--pad-hs): totals "
                + "hs_odd_length"
        }
        return
            "\(lines) have HS codes of odd length (e.g. \(example)), which usually lost a leading zero in a "
            + "spreadsheet: "
            + "their chapter is read from the first two digits; give --pad-hs to read them as 0\(example) (totals "
            + "hs_odd_length)"
    }

    /// A listed program that matches no program code seen, while a code that
    /// differs only in case or spaces is there.
    var programVariants: [String] {
        let seen = observations.local.programs.map { String(decoding: $0, as: UTF8.self) }
        func check(_ programs: Set<String>, option: String) -> [String] {
            programs.sorted().compactMap { program in
                guard !seen.contains(program) else { return nil }
                let variants = seen.filter { RunWarnings.folded($0) == RunWarnings.folded(program) }.sorted()
                guard !variants.isEmpty else { return nil }
                return
                    "\(option) \(program) matches no line, but the data has "
                    + "\(variants.map { "\"\($0)\"" }.joined(separator: ", ")): programs are compared exactly, "
                    + "give \(option) \(variants.joined(separator: ","))"
            }
        }
        let preference = options.preferencePrograms == nil ? "the default preference program" : "--preference-programs"
        return check(options.effectivePreferencePrograms, option: preference)
            + check(options.dutyFreePrograms ?? [], option: "--duty-free-programs")
    }

    /// Why no line was aggregated (the message of exit 65).
    var emptyResult: String {
        var reasons: [String] = []
        if counts.linesRead == 0 {
            return "no line to summarize: the inputs hold no data lines; give --allow-empty to write empty tables"
        }
        if counts.linesFiltered > 0 {
            var filters: [String] = []
            if let reporter = options.reporter {
                let seen = observations.local.reporters.map { KeyText.display($0) }.sorted().prefix(5)
                filters.append(
                    "--reporter \(reporter)"
                        + (seen.isEmpty ? "" : " (the reporter column holds \(seen.joined(separator: ", ")))"))
            }
            if options.from != nil || options.to != nil {
                let range =
                    observations.local.months.map { " (the period column runs \($0.lowerBound) to \($0.upperBound))" }
                    ?? " (no line has a readable period)"
                let given = [options.from.map { "--from \($0)" }, options.to.map { "--to \($0)" }].compactMap { $0 }
                filters.append(given.joined(separator: " ") + range)
            }
            if let compare = options.compare {
                let range =
                    observations.local.months.map { " (the period column runs \($0.lowerBound) to \($0.upperBound))" }
                    ?? " (no line has a readable period)"
                filters.append("--compare \(compare.text)" + range)
            }
            reasons.append(
                "\(Plural.count(counts.linesFiltered, "line", grouped: true)) filtered out by "
                    + filters.joined(separator: " and "))
        }
        if counts.linesRejected > 0 {
            reasons.append(
                "\(Plural.count(counts.linesRejected, "line", grouped: true)) rejected: " + reasonList + "; " + hint)
        }
        return "no line was aggregated out of \(Plural.count(counts.linesRead, "line", grouped: true)): "
            + reasons.joined(separator: "; ")
            + "; give --allow-empty to write empty tables"
    }

    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0%" }
        let share = Double(part) / Double(whole) * 100
        if share >= 10 || share == 0 { return "\(Int(share.rounded()))%" }
        return String(Double(Int((share * 100).rounded())) / 100) + "%"
    }

    /// Whether `value` reads as a number written with a decimal comma
    /// (`1.234,56`, `12,5`): digits, at most dots between groups, one comma
    /// followed by one or two digits.
    static func looksLikeDecimalComma(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let comma = bytes.lastIndex(of: UInt8(ascii: ",")), comma > 0 else { return false }
        let fraction = bytes[(comma + 1)...]
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return bytes[..<comma].allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
    }

    /// A program code without case or spaces, for finding near misses.
    static func folded(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " && $0 != "\t" })
    }
}
