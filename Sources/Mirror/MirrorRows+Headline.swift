import Customs
import Reports

extension MirrorRows {
    /// The answer in words: how many products grew together, and what the two sides of those products
    /// moved from and to; then how many products only one side has.
    ///
    /// `Of 412 HS6 products, 37 grew by more than 50% on both sides from 2018 to 2024: Mexico's imports
    /// from China of those rose from US$1.2 million to US$3.4 million, and US imports from Mexico of them
    /// from US$2.0 million to US$5.1 million (81.2% of it duty-free in 2024).`
    package var headline: String {
        let (base, year) = (options.base, options.year)
        let coincident = rows.filter(\.coincident)
        let up = coincident.reduce(into: MirrorEngine.Sums()) { $0.add($1.upstream) }
        let down = coincident.reduce(into: MirrorEngine.Sums()) { $0.add($1.downstream) }
        let level = "HS\(options.hsLevel)"
        var sentence =
            "Of \(Plural.count(rows.count, "\(level) product", grouped: true)), \(Plural.number(coincident.count)) "
            + "grew by more than \(options.threshold.text) on both sides from \(base) to \(year)"
        if coincident.isEmpty {
            sentence += "."
        } else {
            sentence +=
                ": \(upstreamName) of \(coincident.count == 1 ? "it" : "those") rose from "
                + "\(Headline.dollars(up.base)) to \(Headline.dollars(up.target)), and \(downstreamName) of "
                + "\(coincident.count == 1 ? "it" : "them") from \(Headline.dollars(down.base)) to "
                + "\(Headline.dollars(down.target))"
                + (down.target > 0 && options.downstream.isClassified
                    ? " (\(Headline.percent(down.dutyFreeTarget, of: down.target)) of it duty-free "
                        + "in \(year))." : ".")
        }
        let upstreamOnly = rows.count { $0.downstream == nil }
        let downstreamOnly = rows.count { $0.upstream == nil }
        if upstreamOnly + downstreamOnly > 0 {
            sentence +=
                " \(Plural.count(upstreamOnly, "product", grouped: true)) \(upstreamOnly == 1 ? "appears" : "appear") "
                + "upstream only, \(Plural.number(downstreamOnly)) downstream only."
        }
        return sentence
    }

    /// `Mexico's imports from China`, or `imports from China` without `--upstream-reporter`.
    var upstreamName: String {
        let from = "imports from \(MirrorRows.name(options.upstream.country))"
        return options.upstream.reporter.map { "\(MirrorRows.name($0))'s \(from)" } ?? from
    }

    /// `US imports from Mexico` (shipped from it), or without a reporter `imports from Mexico`.
    var downstreamName: String {
        let from = "imports from \(MirrorRows.name(options.downstream.country))"
        guard let reporter = options.downstream.reporter else { return from }
        return reporter == "US" ? "US " + from : "\(MirrorRows.name(reporter))'s \(from)"
    }

    static func name(_ code: String) -> String {
        let name = CountryNames.name(alpha2: code)
        return name.isEmpty ? code : name
    }
}
