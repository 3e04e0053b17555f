import Customs

/// How a line's goods reached the importer, relative to the region: the one
/// rule `through_bloc`, the terminal view, the report and the workbook share.
public enum FlowRoute: Sendable, Equatable {
    /// Shipped from a bloc partner, made outside the region.
    case passThrough
    /// Shipped from a bloc partner, made inside the region (its non-regional
    /// value is the declared non-originating content).
    case declared
    /// Shipped from a country outside the region.
    case direct

    /// The route of goods made in `origin` and shipped from `partner` for a
    /// region of `members` (alpha-2 codes).
    ///
    /// - Complexity: O(1) expected (two set lookups).
    public init(origin: String, partner: String, members: Set<String>) {
        if !members.contains(partner) {
            self = .direct
        } else {
            self = members.contains(origin) ? .declared : .passThrough
        }
    }

    /// Whether the goods were shipped from a bloc partner.
    public var isThroughBloc: Bool { self != .direct }
}

/// One origin × HS chapter × partner row of `detail`, read for people.
public struct Flow: Sendable, Equatable {
    public var origin: String
    public var originName: String
    public var chapter: String
    public var chapterTitle: String
    public var partner: String
    public var partnerName: String
    public var dutyFreeCents: Int64
    public var nonRegionalCents: Int64
    public var route: FlowRoute
}

/// One HS chapter's non-regional value through the bloc, split by route.
public struct ChapterThroughBloc: Sendable, Equatable {
    public var chapter: String
    public var title: String
    public var passThroughCents: Int64
    public var declaredCents: Int64
    /// `passThroughCents + declaredCents` (summed exactly, clamped to Int64).
    public var nonRegionalCents: Int64
}

/// The flows of `detail` that the readable views list: the largest flows
/// through the bloc, the largest direct ones (context, never ranked with
/// them), and the through-bloc value per HS chapter. A list never holds a
/// row worth 0 (or less).
///
/// Every function reads `detail` as `SummaryTable.buildAll` makes it: rows
/// sorted by `non_regional_value`, largest first, with the columns `origin`,
/// `origin_name`, `hs_chapter`, `chapter_title`, `partner`, `partner_name`,
/// `duty_free_value`, `non_regional_value`. A table without them gives no flows.
public enum Flows {
    /// Every row of `detail` as a flow, in its order.
    ///
    /// - Complexity: O(rows of `detail`).
    public static func all(_ detail: SummaryTable, members: Set<String>) -> [Flow] {
        let columns = detail.columns
        func index(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let origin = index("origin"), let originName = index("origin_name"), let chapter = index("hs_chapter"),
            let title = index("chapter_title"), let partner = index("partner"), let partnerName = index("partner_name"),
            let dutyFree = index("duty_free_value"), let value = index("non_regional_value")
        else { return [] }
        let width = max(origin, originName, chapter, title, partner, partnerName, dutyFree, value)
        return detail.rows.compactMap { row in
            guard row.count > width else { return nil }
            return Flow(
                origin: text(row[origin]), originName: text(row[originName]), chapter: text(row[chapter]),
                chapterTitle: text(row[title]), partner: text(row[partner]), partnerName: text(row[partnerName]),
                dutyFreeCents: money(row[dutyFree]), nonRegionalCents: money(row[value]),
                route: FlowRoute(origin: text(row[origin]), partner: text(row[partner]), members: members))
        }
    }

    /// The `limit` largest flows shipped from a bloc partner, by non-regional
    /// value; none worth 0 or less.
    ///
    /// - Precondition: `limit >= 0`.
    /// - Complexity: O(rows of `detail`).
    public static func throughBloc(_ detail: SummaryTable, members: Set<String>, limit: Int) -> [Flow] {
        precondition(limit >= 0, "a list holds 0 or more flows")
        return Array(
            all(detail, members: members).lazy.filter { $0.route.isThroughBloc && $0.nonRegionalCents > 0 }.prefix(
                limit))
    }

    /// The `limit` largest flows shipped from outside the bloc, by
    /// non-regional value; none worth 0 or less.
    ///
    /// - Precondition: `limit >= 0`.
    /// - Complexity: O(rows of `detail`).
    public static func direct(_ detail: SummaryTable, members: Set<String>, limit: Int) -> [Flow] {
        precondition(limit >= 0, "a list holds 0 or more flows")
        return Array(
            all(detail, members: members).lazy.filter { $0.route == .direct && $0.nonRegionalCents > 0 }.prefix(limit))
    }

    /// Non-regional value through the bloc per HS chapter, largest first
    /// (ties by chapter code), only chapters worth more than 0.
    ///
    /// - Complexity: O(r + c log c) for r rows of `detail` and c chapters.
    public static func throughBlocByChapter(_ detail: SummaryTable, members: Set<String>) -> [ChapterThroughBloc] {
        var sums: [String: (title: String, passThrough: Int128, declared: Int128)] = [:]
        for flow in all(detail, members: members) where flow.route.isThroughBloc {
            var entry = sums[flow.chapter] ?? (flow.chapterTitle, 0, 0)
            if flow.route == .passThrough {
                entry.passThrough += Int128(flow.nonRegionalCents)
            } else {
                entry.declared += Int128(flow.nonRegionalCents)
            }
            sums[flow.chapter] = entry
        }
        return sums.map { chapter, entry in
            ChapterThroughBloc(
                chapter: chapter, title: entry.title, passThroughCents: Int64(clamping: entry.passThrough),
                declaredCents: Int64(clamping: entry.declared),
                nonRegionalCents: Int64(clamping: entry.passThrough + entry.declared))
        }
        .filter { $0.nonRegionalCents > 0 }
        .sorted { a, b in
            a.nonRegionalCents != b.nonRegionalCents
                ? a.nonRegionalCents > b.nonRegionalCents
                : KeyText.precedesBytewise(a.chapter, b.chapter)
        }
    }

    /// The exact sum of the through-bloc flows in `detail`: equal to the
    /// headline's number unless `--top` cut the detail table.
    ///
    /// - Complexity: O(rows of `detail`).
    public static func throughBlocSum(_ detail: SummaryTable, members: Set<String>) -> Int128 {
        all(detail, members: members).reduce(Int128(0)) {
            $1.route.isThroughBloc ? $0 + Int128($1.nonRegionalCents) : $0
        }
    }

    static func text(_ cell: Cell) -> String {
        guard case let .text(value) = cell else { return "" }
        return value
    }

    static func money(_ cell: Cell) -> Int64 {
        guard case let .money(cents) = cell else { return 0 }
        return cents
    }
}
