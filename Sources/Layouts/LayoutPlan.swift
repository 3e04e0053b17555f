import Customs

/// A layout resolved against one file's fields: the output columns (the
/// canonical ones present, then the extras) and how each is derived.
struct LayoutPlan: Sendable {
    enum Derivation: Sendable {
        case field(Int)
        case amount(Int)
        case joined([Int])
        case yearMonth(year: Int, month: Int)
        case monthOfDate(Int, Layout.SlashDateOrder)
        case constant([UInt8])
        case tariffNumber(Int)
        case program(spi: Int?, tariff: Int?, none: Set<[UInt8]>)
        case year(Int)
        case thousands(Int)
        case paddedCode(Int, width: Int)
        /// The period of the wide column being read, with the year field (month columns).
        case widePeriod(year: Int?)
        /// The amount in the wide column being read.
        case wideAmount
    }

    /// A period column of a wide export: its field, and the month (1–12) or the year (month 0) it holds.
    struct WideColumn: Sendable {
        let field: Int
        let month: Int
        let year: Int
    }

    /// Output column names: canonical names, then extra source field names.
    let names: [String]
    /// Output types (nil = infer).
    let types: [Layout.ColumnType?]
    /// Derivations of the canonical outputs, then `.field(i)` for each extra.
    let derivations: [Derivation]
    /// How many of `names` (the first ones) are canonical columns.
    let canonicalCount: Int
    /// Source fields a record must have (delimited layouts).
    let sourceFieldCount: Int
    /// The keep rules, resolved against the file's fields (without those of an optional rule whose
    /// field is absent).
    let keeps: [KeepRule]
    /// The source field of `Layout.singleValued`, when the file has it.
    let singleValued: Int?
    /// The period columns of a wide layout (each row is a record per column holding a value); empty otherwise.
    let wideColumns: [WideColumn]

    /// `Layout.Keep` resolved: the source field and the values (patterns with `?`) it compares.
    struct KeepRule: Sendable {
        let field: Int
        let values: [[UInt8]]
        let skipsMatches: Bool

        /// Whether a record whose field (trimmed) is `value` is kept.
        ///
        /// - Complexity: O(values × value length); the rules hold a few short values.
        func keeps(_ value: UnsafeRawBufferPointer) -> Bool {
            let matches = values.contains { pattern in
                pattern.count == value.count
                    && zip(pattern, value).allSatisfy { $0 == UInt8(ascii: "?") || $0 == $1 }
            }
            return matches != skipsMatches
        }
    }

    /// Resolves `layout` against the source field names `sourceNames`.
    ///
    /// - Throws: `LayoutError.missingField` for a required canonical column
    ///   (or the keep rule's field) without any of its source fields.
    init(layout: Layout, sourceNames: [String], path: String) throws(LayoutError) {
        var fields = SourceFields(names: sourceNames, layout: layout.name, path: path)
        wideColumns = try fields.wideColumns(layout: layout)
        var names: [String] = []
        var types: [Layout.ColumnType?] = []
        var derivations: [Derivation] = []
        for column in layout.columns {
            guard let derivation = try fields.derivation(of: column) else { continue }
            names.append(column.canonical.rawValue)
            types.append(column.type)
            derivations.append(derivation)
        }
        var keeps: [KeepRule] = []
        for rule in layout.keeps {
            if let field = fields.index(rule.field) {
                fields.used.insert(field)
                keeps.append(
                    KeepRule(field: field, values: rule.values.map { Array($0.utf8) }, skipsMatches: rule.skipsMatches))
            } else if rule.isRequired {
                throw fields.missing("(records to keep)", candidates: rule.field)
            }
        }
        canonicalCount = names.count
        let canonicalNames = Set(names)
        for (position, name) in sourceNames.enumerated()
        where !fields.used.contains(position) && !canonicalNames.contains(name) {
            names.append(name)
            types.append(layout.extraTypes[name] ?? (layout.isFixedWidth ? .string : nil))
            derivations.append(.field(position))
        }
        self.names = names
        self.types = types
        self.derivations = derivations
        self.sourceFieldCount = sourceNames.count
        self.keeps = keeps
        singleValued = layout.singleValued.flatMap { fields.index($0.field) }
    }
}

/// The source fields of one file while a plan is resolved: which name
/// matches a candidate, and which fields a canonical column took.
private struct SourceFields {
    let names: [String]
    let keys: [String]
    let layout: String
    let path: String
    /// Fields a canonical column (or the keep rule) reads.
    var used = Set<Int>()

    init(names: [String], layout: String, path: String) {
        self.names = names
        keys = names.map(Layout.matchKey)
        self.layout = layout
        self.path = path
    }

    /// The first field matching one of `candidates`, in candidate order.
    func index(_ candidates: [String]) -> Int? {
        for name in candidates { if let found = keys.firstIndex(of: Layout.matchKey(name)) { return found } }
        return nil
    }

    func missing(_ column: String, candidates: [String]) -> LayoutError {
        .missingField(path: path, layout: layout, column: column, candidates: candidates, fields: names)
    }

    /// The field for `column` among `candidates`, marked used; nil for an
    /// optional column without one.
    ///
    /// - Throws: `missingField` for a required column without one.
    mutating func need(_ candidates: [String], for column: Layout.Column) throws(LayoutError) -> Int? {
        if let found = index(candidates) {
            used.insert(found)
            return found
        }
        if column.isRequired { throw missing(column.canonical.rawValue, candidates: candidates) }
        return nil
    }

    /// How `column` is derived from these fields; nil for an optional
    /// column whose fields are absent.
    mutating func derivation(of column: Layout.Column) throws(LayoutError) -> LayoutPlan.Derivation? {
        switch column.source {
        case let .field(candidates): return try need(candidates, for: column).map { .field($0) }
        case let .amount(candidates): return try need(candidates, for: column).map { .amount($0) }
        case let .tariffNumber(candidates): return try need(candidates, for: column).map { .tariffNumber($0) }
        case let .monthOfDate(candidates, order):
            return try need(candidates, for: column).map { .monthOfDate($0, order) }
        case let .year(candidates): return try need(candidates, for: column).map { .year($0) }
        case let .thousands(candidates): return try need(candidates, for: column).map { .thousands($0) }
        case let .paddedCode(candidates, width):
            return try need(candidates, for: column).map { .paddedCode($0, width: width) }
        case let .firstPresent(sources):
            for source in sources {
                var optional = column
                optional.source = source
                optional.isRequired = false
                if let found = try derivation(of: optional) { return found }
            }
            if column.isRequired { throw missing(column.canonical.rawValue, candidates: column.source.fieldNames) }
            return nil
        case let .constant(text): return .constant(Array(text.utf8))
        case let .widePeriod(year):
            let yearField = index(year)
            if let yearField { used.insert(yearField) }
            return .widePeriod(year: yearField)
        case .wideAmount: return .wideAmount
        case let .joined(parts):
            // The first part is needed; later parts (e.g. the NICO suffix) only when present.
            guard let first = try need(parts.first ?? [], for: column) else { return nil }
            var indexes = [first]
            for part in parts.dropFirst() {
                if let found = index(part) {
                    used.insert(found)
                    indexes.append(found)
                }
            }
            return .joined(indexes)
        case let .yearMonth(year, month):
            guard let yearIndex = try need(year, for: column), let monthIndex = try need(month, for: column) else {
                return nil
            }
            return .yearMonth(year: yearIndex, month: monthIndex)
        case let .program(spi, tariff, none):
            let spiIndex = index(spi)
            let tariffIndex = index(tariff)
            if let spiIndex { used.insert(spiIndex) }
            if spiIndex == nil && tariffIndex == nil && column.isRequired && !spi.isEmpty {
                throw missing(column.canonical.rawValue, candidates: spi + tariff)
            }
            return .program(spi: spiIndex, tariff: tariffIndex, none: Set(none.map { Array($0.utf8) }))
        }
    }
}

extension SourceFields {
    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// The period columns of a wide layout (`January`…`December` with a year field, or years `1900`–`2100`),
    /// marked used; empty for other layouts.
    ///
    /// - Throws: `missingField` for a wide layout without period columns, or with month columns and no year
    ///   field; `malformedInput` when month and year columns are mixed.
    mutating func wideColumns(layout: Layout) throws(LayoutError) -> [LayoutPlan.WideColumn] {
        var yearCandidates: [String]?
        for column in layout.columns { if case let .widePeriod(year) = column.source { yearCandidates = year } }
        guard let yearCandidates else { return [] }
        var columns: [LayoutPlan.WideColumn] = []
        for (field, key) in keys.enumerated() {
            if let month = Self.months.firstIndex(of: key) {
                columns.append(.init(field: field, month: month + 1, year: 0))
            } else if key.utf8.count == 4, let year = Int(key), (1900...2100).contains(year) {
                columns.append(.init(field: field, month: 0, year: year))
            }
        }
        guard !columns.isEmpty else {
            throw missing("period", candidates: ["January … December", "a year (2024)"])
        }
        let monthly = columns.contains { $0.month > 0 }
        if monthly && columns.contains(where: { $0.month == 0 }) {
            throw .malformedInput(
                path: path, layout: layout.name, line: 1,
                reason: "the header has both month and year columns; export one frequency")
        }
        if monthly && index(yearCandidates) == nil { throw missing("period", candidates: yearCandidates) }
        for column in columns { used.insert(column.field) }
        return columns
    }
}

extension Layout {
    var isFixedWidth: Bool {
        if case .fixedWidth = format { return true }
        return false
    }
}
