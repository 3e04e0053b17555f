/// Which header of a file is probably which canonical column: for the
/// `--map canonical="Source header"` that a missing-column error or a note
/// suggests. Headers are compared as normalized words (lowercase letters and
/// digits; units such as `($)`, `USD` dropped) against the names agencies and
/// brokers use (Census IMDB and API, ACE reports, DataWeb, broker extracts).
public enum ColumnSuggestions {
    /// Names per canonical column, most specific first, as normalized words.
    static let names: [CanonicalColumn: [String]] = [
        .origin: [
            "country of origin", "origin country", "country origin", "cty origin", "ctry origin", "coo", "cty code",
            "origin cty", "origin ctry", "origin",
        ],
        .partner: [
            "country of export", "country of exportation", "exporting country", "export country", "cty export",
            "ctry export", "place of export", "country shipped from", "partner country", "partner",
        ],
        .hsCode: [
            "hts number", "hts code", "hts10", "hs10", "hs code", "hts", "hs", "tariff code", "tariff number",
            "commodity",
            "i commodity", "classification number", "classification", "hs6", "hs8",
        ],
        .customsValue: [
            "customs value", "entered value", "value for duty", "con val mo", "gen val mo", "general value",
            "consumption value", "line value", "value",
        ],
        .duty: [
            "calculated duty", "cal dut mo", "duty paid", "duty amount", "customs duties", "estimated duty", "duties",
            "duty",
        ],
        .program: [
            "special program indicator", "special program", "spi", "cty subco", "program indicator", "tariff treatment",
            "preference program", "program",
        ],
        .nonOriginatingValue: [
            "non originating value", "value of non originating materials", "non originating materials",
            "non originating", "vnm", "non regional value",
        ],
        .reporter: ["reporting country", "reporter country", "importing country", "reporter"],
        .rateProvision: ["rate provision", "rate prov", "rate provision code"],
        .dutiableValue: ["dutiable value", "dut val mo", "value dutiable"],
        .period: ["year month", "yearmonth", "period", "month", "entry date", "import date", "time"],
    ]

    /// `header` as lowercase words of letters and digits, unit words dropped.
    static func words(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in header.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        // Units and currencies are not part of a column's name: "Customs Value (USD)" is "customs value".
        let kept = words.filter { !["usd", "dollars", "dollar"].contains($0) }
        return kept.isEmpty ? words : kept
    }

    /// How well `header` matches a name of `canonical`: 2 for the same
    /// words, 1 when every word of the name is in the header, 0 for none.
    static func score(_ header: String, _ canonical: CanonicalColumn) -> (score: Int, rank: Int) {
        let headerWords = words(header)
        let joined = headerWords.joined(separator: " ")
        guard let candidates = names[canonical] else { return (0, 0) }
        for (rank, name) in candidates.enumerated() where joined == name { return (2, candidates.count - rank) }
        for (rank, name) in candidates.enumerated() {
            let nameWords = name.split(separator: " ").map(String.init)
            // A one-word name ("value") must be the header's only word, else "duty value" would be a value.
            if nameWords.count > 1, nameWords.allSatisfy(headerWords.contains) { return (1, candidates.count - rank) }
        }
        return (0, 0)
    }

    /// The likely source header of each of `wanted` among `headers`, each
    /// header suggested at most once (best matches first).
    ///
    /// - Complexity: O(wanted × headers × names).
    public static func sources(for wanted: [CanonicalColumn], among headers: [String]) -> [CanonicalColumn: String] {
        var candidates: [(canonical: CanonicalColumn, header: String, score: Int, rank: Int)] = []
        for canonical in wanted {
            for header in headers {
                let (score, rank) = score(header, canonical)
                if score > 0 { candidates.append((canonical, header, score, rank)) }
            }
        }
        candidates.sort { ($0.score, $0.rank) > ($1.score, $1.rank) }
        var chosen: [CanonicalColumn: String] = [:]
        var used: Set<String> = []
        for candidate in candidates where chosen[candidate.canonical] == nil && !used.contains(candidate.header) {
            chosen[candidate.canonical] = candidate.header
            used.insert(candidate.header)
        }
        for canonical in wanted where chosen[canonical] == nil {
            // A typo of the canonical name itself ("orgin").
            let free = headers.filter { !used.contains($0) }
            if let close = NameSuggestion.closest(to: canonical.rawValue, among: free) {
                chosen[canonical] = close
                used.insert(close)
            }
        }
        return chosen
    }

    /// `--map canonical=SOURCE`, quoted for a POSIX shell when needed.
    public static func mapFlag(_ canonical: CanonicalColumn, _ source: String) -> String {
        let plain = source.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_-.".unicodeScalars.contains($0)
        }
        let quoted = plain ? source : "'" + source.replacing("'", with: "'\\''") + "'"
        return "--map \(canonical.rawValue)=\(quoted)"
    }
}
