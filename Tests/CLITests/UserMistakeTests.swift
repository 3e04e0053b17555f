import Foundation
import Testing
import TestSupport

/// A user's mistake gets a clear word, never a wrong table: unknown codes,
/// impossible filters, a program code in the wrong case, an empty or mostly
/// rejected result, agency headers, `--map` with a layout, HS codes that lost
/// their leading zero. Files: `Fixtures/mistakes/`.
@Suite(.serialized) struct UserMistakeTests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"
    static let rules = FixturePaths.fixtures + "/rules.parquet"
    static let mistakes = FixturePaths.fixtures + "/mistakes"

    /// The one stderr line starting with `prefix` (nil when there is none or several).
    static func line(_ stderr: String, _ prefix: String) -> String? {
        let lines = stderr.split(separator: "\n").filter { $0.hasPrefix(prefix) }
        return lines.count == 1 ? String(lines[0]) : nil
    }

    @Test func unknownCodesAreUsageErrorsWithASuggestion() throws {
        let cases: [([String], String)] = [
            (
                ["--region", "usmac"],
                "roo: error: --region usmac is neither a bloc nor a country code; did you mean --region usmca?"
            ),
            (
                ["--region", "US,CA,MEX"],
                "roo: error: --region: \"MEX\" is not a known country code; it is the alpha-3 code of MX: give MX, or "
                    + "--country-codes iso3 if the inputs use alpha-3 codes"
            ),
            (
                ["--reporter", "USA"],
                "roo: error: --reporter: \"USA\" is not a known country code; it is the alpha-3 code of US: give US, "
                    + "or --country-codes iso3 if the inputs use alpha-3 codes"
            ),
            (
                ["--region", "us,uk"],
                "roo: error: --region: \"UK\" is not a known country code; did you mean GB (United Kingdom)?"
            ),
            (
                ["--region", "US,1220"],
                "roo: error: --region: \"1220\" is not a known country code; it is the Census Schedule C code of CA: "
                    + "give CA, or --country-codes census if the inputs use Schedule C"
            ),
        ]
        for (arguments, message) in cases {
            let run = try CLITests.roo(["summarize", UserMistakeTests.sample, "--table", "totals"] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr == message + "\n", "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func aRegionEqualToABlocIsTheBloc() throws {
        let usmca = try CLITests.roo(["summarize", UserMistakeTests.sample, "--table", "all", "--format", "jsonl"])
        let listed = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--table", "all", "--format", "jsonl", "--region", "mx, us ,CA",
        ])
        #expect(listed.status == 0 && listed.stdout == usmca.stdout, "\(listed.stderr)")
        #expect(
            listed.stderr
                == "roo: note: --region CA,MX,US is the USMCA bloc: its preference programs (S, S+) apply unless "
                + "--preference-programs is given\n"
        )
        // Codes of the inputs' own system are accepted and converted (pedimentos use alpha-3).
        let pedimento = FixturePaths.fixtures + "/layouts/pedimento-551/items_551.asc"
        let named = try CLITests.roo([
            "summarize", pedimento, "--layout", "pedimento-551", "--table", "all", "--format", "jsonl", "--quiet",
        ])
        let alpha3 = try CLITests.roo([
            "summarize", pedimento, "--layout", "pedimento-551", "--table", "all", "--format", "jsonl", "--quiet",
            "--region", "USA,CAN,MEX",
        ])
        #expect(alpha3.status == 0 && alpha3.stdout == named.stdout, "\(alpha3.stderr)")
    }

    @Test func filtersAreChecked() throws {
        let reversed = try CLITests.roo(["summarize", UserMistakeTests.sample, "--from", "202406", "--to", "202401"])
        #expect(reversed.status == 64)
        #expect(reversed.stderr.contains("--from 202406 is after --to 202401"), "\(reversed.stderr)")
        let bad = try CLITests.roo(["summarize", UserMistakeTests.sample, "--from", "2024-13"])
        #expect(bad.status == 64 && bad.stderr.contains("--from takes a month as YYYYMM or YYYY-MM"), "\(bad.stderr)")
        let dashed = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--from", "2024-02", "--to", "2024/05", "--table", "totals",
        ])
        let plain = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--from", "202402", "--to", "202405", "--table", "totals",
        ])
        #expect(dashed.status == 0 && dashed.stdout == plain.stdout, "\(dashed.stderr)")
        // A program code in the wrong case matches nothing: a warning names the code the data has.
        let lower = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--table", "totals", "--preference-programs", "s",
        ])
        #expect(lower.status == 0)
        #expect(
            UserMistakeTests.line(lower.stderr, "roo: warning: ")
                == "roo: warning: --preference-programs s matches no line, but the data has \"S\": programs are "
                + "compared exactly, give --preference-programs S",
            "\(lower.stderr)")
        let right = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--table", "totals", "--preference-programs", "S",
        ])
        #expect(right.stderr.isEmpty, "\(right.stderr)")
    }

    @Test func rejectedLinesAreNeverSilent() throws {
        let run = try CLITests.roo(["summarize", UserMistakeTests.rules, "--table", "totals"])
        #expect(run.status == 0)
        let warning = try #require(UserMistakeTests.line(run.stderr, "roo: warning: "), "\(run.stderr)")
        #expect(
            warning.hasPrefix(
                "roo: warning: 39 lines of 69 (57%) rejected: bad_hs 9 (e.g. \(UserMistakeTests.rules): row group 0, "
                    + "row 6, hs_code \"ABC\"), missing_origin 6 ("
            ), "\(warning)")
        #expect(
            warning.contains(
                "invalid_value 6 (e.g. \(UserMistakeTests.rules): row group 0, row 10, customs_value \"NaN\")"),
            "\(warning)")
        #expect(warning.hasSuffix("; --rejects FILE lists every rejected line"), "\(warning)")
        // The same warning for every strategy and thread count.
        for (strategy, threads) in [("serial", "1"), ("work-queue", "3"), ("shared-atomic", "2")] {
            let other = try CLITests.roo([
                "summarize", UserMistakeTests.rules, "--table", "totals", "--strategy", strategy, "--threads", threads,
            ])
            #expect(other.stderr == run.stderr, "\(strategy)/\(threads)")
        }
        #expect(
            try CLITests.roo(["summarize", UserMistakeTests.rules, "--table", "totals", "--quiet"]).stderr.isEmpty,
            "--quiet silences warnings")
    }

    @Test func anEmptyResultIsAnErrorSayingWhy() throws {
        let filtered = try CLITests.roo(["summarize", UserMistakeTests.sample, "--reporter", "CA"])
        #expect(filtered.status == 65 && filtered.stdout.isEmpty)
        #expect(
            filtered.stderr
                == "roo: error: no line was aggregated out of 200,000 lines: 200,000 lines filtered out by --reporter "
                + "CA (the reporter column holds US); give --allow-empty to write empty tables\n",
            "\(filtered.stderr)")
        let late = try CLITests.roo(["summarize", UserMistakeTests.sample, "--from", "203001", "--quiet"])
        #expect(
            late.status == 65
                && late.stderr.contains("filtered out by --from 203001 (the period column runs 202401 to 202412)"),
            "\(late.stderr)")
        let commas = try CLITests.roo(["summarize", UserMistakeTests.mistakes + "/decimal-commas.csv"])
        #expect(commas.status == 65)
        #expect(
            commas.stderr.contains(
                "3 lines rejected: invalid_value 3 (e.g. \(UserMistakeTests.mistakes)/decimal-commas.csv: line 2, "
                    + "customs_value \"1.234,56\")"
            ), "\(commas.stderr)")
        #expect(commas.stderr.contains("look like decimal commas: give --decimal-separator ,"), "\(commas.stderr)")
        let allowed = try CLITests.roo([
            "summarize", UserMistakeTests.sample, "--reporter", "CA", "--allow-empty", "--table", "totals",
        ])
        #expect(
            allowed.status == 0 && RejectsCLITests.totals(allowed.stdout)["lines_filtered"] == "200000",
            "\(allowed.stderr)")
    }

    @Test func missingColumnsAreListedAtOnceWithTheMapsToGive() throws {
        let path = UserMistakeTests.mistakes + "/agency-headers.csv"
        let run = try CLITests.roo(["summarize", path])
        #expect(run.status == 64)
        #expect(run.stderr.split(separator: "\n").count == 1)
        let expected: String =
            "roo: error: \(path): 5 columns missing: origin (country of origin), partner (country of export), "
            + "hs_code (HS / HTS tariff code), customs_value (customs value, USD), duty (calculated duty, "
            + "USD); the file's headers suggest: --map origin='Country of Origin' --map partner='Country of "
            + "Export' --map hs_code='HTS Number' --map customs_value='Customs Value ($)' --map "
            + "duty='Calculated Duty' (and for optional columns: --map non_originating_value='Non-Originating "
            + "Value' --map program=SPI)"
        #expect(run.stderr.hasPrefix(expected), "\(run.stderr)")
        // Giving the suggested required maps: the optional ones become notes, and the numbers come out.
        let mapped = try CLITests.roo([
            "summarize", path, "--table", "totals", "--map", "origin=Country of Origin", "--map",
            "partner=Country of Export",
            "--map", "hs_code=HTS Number", "--map", "customs_value=Customs Value ($)", "--map", "duty=Calculated Duty",
        ])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(
            mapped.stderr.contains(
                "roo: note: \(path): no program column, but \"SPI\" looks like one: --map program=SPI (without it, no "
                    + "line counts as claiming a preference program)"
            ), "\(mapped.stderr)")
        #expect(RejectsCLITests.totals(mapped.stdout)["preference_value"] == "0.00")
        let full = try CLITests.roo([
            "summarize", path, "--table", "totals", "--map", "origin=Country of Origin", "--map",
            "partner=Country of Export",
            "--map", "hs_code=HTS Number", "--map", "customs_value=Customs Value ($)", "--map", "duty=Calculated Duty",
            "--map", "program=SPI", "--map", "non_originating_value=Non-Originating Value",
        ])
        #expect(full.status == 0 && full.stderr.isEmpty, "\(full.stderr)")
        #expect(
            RejectsCLITests.totals(full.stdout)["preference_value"] == "31200.00"
                && RejectsCLITests.totals(full.stdout)["non_regional_value"] == "5200.00", "\(full.stdout)")
    }

    @Test func mapWithALayoutIsAUsageError() throws {
        let ace = FixturePaths.fixtures + "/layouts/ace-lines/ace_lines.csv"
        for command in ["summarize", "ingest"] {
            let extra = command == "ingest" ? ["--output", FixturePaths.temporaryDirectory() + "/x.parquet"] : []
            let run = try CLITests.roo(
                [command, ace, "--layout", "ace-lines", "--map", "customs_value=Customs Value ($)"] + extra)
            #expect(run.status == 64, "\(command): \(run.stderr)")
            #expect(
                run.stderr
                    == "roo: error: --map does not apply with --layout ace-lines: the layout maps the extract's "
                    + "columns itself; drop --map, or read the file as plain CSV (--layout csv) with --map\n",
                "\(run.stderr)")
        }
    }

    /// Inputs without a program column: the claim measures read 0 because nothing was measured, and the run
    /// says so once (it said nothing before, and claim_share 0.000000 looked like a finding); a program column,
    /// even empty, is a measurement and needs no word.
    @Test func noProgramColumnIsSaidNotLeftToLookLikeNoClaims() throws {
        let directory = FixturePaths.temporaryDirectory()
        #expect(
            FixturePaths.write(
                Array("origin,partner,hs_code,customs_value,duty\nCN,MX,850440,100,0\n".utf8), to: directory + "/a.csv")
        )
        #expect(
            FixturePaths.write(
                Array("origin,partner,hs_code,customs_value,duty,program\nCN,MX,850440,100,0,\n".utf8),
                to: directory + "/b.csv"))
        let without = try CLITests.roo(["summarize", directory + "/a.csv", "--table", "totals"])
        #expect(
            without.status == 0
                && without.stderr
                    == "roo: warning: no input has a program column (the special program indicator, SPI), so no line "
                    + "claims a program: preference_value and claim_share (and utilization) read 0, not measured; map "
                    + "one with --map program=COLUMN\n",
            "\(without.stderr)")
        let with = try CLITests.roo(["summarize", directory + "/b.csv", "--table", "totals"])
        #expect(with.status == 0 && with.stderr.isEmpty, "\(with.stderr)")
        // One input with a program column is enough: the other's lines claim nothing, which is data.
        let both = try CLITests.roo(["summarize", directory + "/a.csv", directory + "/b.csv", "--table", "totals"])
        #expect(both.status == 0 && both.stderr.isEmpty, "\(both.stderr)")
        let parquet = try CLITests.roo(["summarize", SummarizeCLITests.sample, "--table", "totals"])
        #expect(parquet.status == 0 && !parquet.stderr.contains("program column"), "\(parquet.stderr)")
    }

    @Test func hsCodesThatLostTheirLeadingZeroAreCountedAndCanBePadded() throws {
        let path = UserMistakeTests.mistakes + "/lost-leading-zeros.csv"
        let run = try CLITests.roo(["summarize", path, "--table", "by_chapter", "--format", "jsonl"])
        #expect(run.status == 0)
        #expect(
            UserMistakeTests.line(run.stderr, "roo: warning: 3 lines have HS codes")
                == "roo: warning: 3 lines have HS codes of odd length (e.g. 3061300), which usually lost a leading "
                + "zero in a spreadsheet: their chapter is read from the first two digits; give --pad-hs to read "
                + "them as 03061300 (totals hs_odd_length)",
            "\(run.stderr)")
        #expect(run.stdout.contains("\"hs_chapter\": \"90\""), "coffee read as chapter 90 without --pad-hs")
        let totals = try CLITests.roo(["summarize", path, "--table", "totals", "--quiet"])
        #expect(RejectsCLITests.totals(totals.stdout)["hs_odd_length"] == "3")
        let padded = try CLITests.roo(["summarize", path, "--table", "by_chapter", "--format", "jsonl", "--pad-hs"])
        #expect(padded.status == 0)
        #expect(
            padded.stdout.contains("\"hs_chapter\": \"09\", \"chapter_title\": \"Coffee, tea, spices\""),
            "\(padded.stdout)")
        #expect(padded.stdout.contains("\"hs_chapter\": \"03\""), "3061300 is chapter 03 (fish), read with its zero")
        #expect(!padded.stdout.contains("\"hs_chapter\": \"90\""))
        #expect(padded.stderr.contains("read with a leading zero (--pad-hs)"))
        // Partials record --pad-hs: merging a padded with an unpadded partial is refused.
        let directory = FixturePaths.temporaryDirectory()
        #expect(try CLITests.roo(["summarize", path, "--partial", directory + "/a.parquet", "--quiet"]).status == 0)
        #expect(
            try CLITests.roo(["summarize", path, "--partial", directory + "/b.parquet", "--quiet", "--pad-hs"]).status
                == 0)
        let merge = try CLITests.roo(["merge", directory + "/a.parquet", directory + "/b.parquet"])
        #expect(merge.status == 64 && merge.stderr.contains("different --pad-hs"), "\(merge.stderr)")
    }
}

/// On a terminal, with nothing else asked for, summarize prints the answer.
struct TerminalViewTests {
    @Test func aTerminalGetsTheAnswerAndAPipeKeepsCSV() throws {
        let sample = FixturePaths.fixtures + "/sample-2024.parquet"
        let (shown, status) = try CLITests.onTerminal("\(FixturePaths.rooBinary()) summarize \(sample) --quiet")
        #expect(status == 0)
        let text = shown.replacing("\r\n", with: "\n")
        #expect(
            text.hasPrefix(
                "US$382.4 million of non-regional content entered duty-free through the USMCA partners "
                    + "(Mexico,\nCanada) in 2024"
            ), "\(text)")
        #expect(
            text.contains(
                "  All bloc partners            56,084  1,635,425,007       382,405,774       142,520,268   "
                    + "239,885,506   23.4%"
            ), "\(text)")
        #expect(
            text.contains("Largest flows through the bloc:")
                && text.contains(
                    "  China                      CA            84 Machinery, boilers, computers             "
                        + "21,383,528  pass-through"
                ), "\(text)")
        #expect(text.contains("Data: read 200,000 lines from 1 file: 0 filtered, 0 rejected, 200,000 aggregated."))
        // Any table option, or a pipe, keeps the CSV contract.
        let (table, _) = try CLITests.onTerminal(
            "\(FixturePaths.rooBinary()) summarize \(sample) --quiet --table by_partner")
        #expect(table.hasPrefix("partner,partner_name,lines,"), "\(table)")
        let piped = try CLITests.roo(["summarize", sample])
        #expect(piped.stdout.hasPrefix("origin,origin_name,hs_chapter,chapter_title,partner,partner_name,"))
    }
}
