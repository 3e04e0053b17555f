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
    /// The keep rule, resolved: source field and accepted trimmed values.
    let keep: (field: Int, values: Set<[UInt8]>)?

    /// Resolves `layout` against the source field names `sourceNames`.
    ///
    /// - Throws: `LayoutError.missingField` for a required canonical column
    ///   (or the keep rule's field) without any of its source fields.
    init(layout: Layout, sourceNames: [String], path: String) throws(LayoutError) {
        let keys = sourceNames.map(Layout.matchKey)
        func index(_ names: [String]) -> Int? {
            for name in names { if let found = keys.firstIndex(of: Layout.matchKey(name)) { return found } }
            return nil
        }
        var used = Set<Int>()
        var names: [String] = []
        var types: [Layout.ColumnType?] = []
        var derivations: [Derivation] = []
        for column in layout.columns {
            func need(_ candidates: [String]) throws(LayoutError) -> Int? {
                if let found = index(candidates) {
                    used.insert(found)
                    return found
                }
                if column.isRequired {
                    throw LayoutError.missingField(path: path, layout: layout.name, column: column.canonical.rawValue,
                                                   candidates: candidates, fields: sourceNames)
                }
                return nil
            }
            let derivation: Derivation?
            switch column.source {
            case let .field(candidates): derivation = try need(candidates).map { .field($0) }
            case let .amount(candidates): derivation = try need(candidates).map { .amount($0) }
            case let .tariffNumber(candidates): derivation = try need(candidates).map { .tariffNumber($0) }
            case let .monthOfDate(candidates, order): derivation = try need(candidates).map { .monthOfDate($0, order) }
            case let .constant(text): derivation = .constant(Array(text.utf8))
            case let .joined(parts):
                // The first part is needed; later parts (e.g. the NICO suffix) only when present.
                guard let first = try need(parts.first ?? []) else { derivation = nil; break }
                var indexes = [first]
                for part in parts.dropFirst() {
                    if let found = index(part) { used.insert(found); indexes.append(found) }
                }
                derivation = .joined(indexes)
            case let .yearMonth(year, month):
                if let yearIndex = try need(year), let monthIndex = try need(month) {
                    derivation = .yearMonth(year: yearIndex, month: monthIndex)
                } else {
                    derivation = nil
                }
            case let .program(spi, tariff, none):
                let spiIndex = index(spi)
                let tariffIndex = index(tariff)
                if let spiIndex { used.insert(spiIndex) }
                if spiIndex == nil && tariffIndex == nil && column.isRequired && !spi.isEmpty {
                    throw LayoutError.missingField(path: path, layout: layout.name, column: column.canonical.rawValue,
                                                   candidates: spi + tariff, fields: sourceNames)
                }
                derivation = .program(spi: spiIndex, tariff: tariffIndex, none: Set(none.map { Array($0.utf8) }))
            }
            guard let derivation else { continue }
            names.append(column.canonical.rawValue)
            types.append(column.type)
            derivations.append(derivation)
        }
        var keep: (field: Int, values: Set<[UInt8]>)?
        if let rule = layout.keep {
            guard let field = index(rule.field) else {
                throw LayoutError.missingField(path: path, layout: layout.name, column: "(records to keep)",
                                               candidates: rule.field, fields: sourceNames)
            }
            used.insert(field)
            keep = (field, Set(rule.values.map { Array($0.utf8) }))
        }
        canonicalCount = names.count
        let canonicalNames = Set(names)
        for (position, name) in sourceNames.enumerated() where !used.contains(position) && !canonicalNames.contains(name) {
            names.append(name)
            types.append(layout.extraTypes[name] ?? (layout.isFixedWidth ? .string : nil))
            derivations.append(.field(position))
        }
        self.names = names
        self.types = types
        self.derivations = derivations
        self.sourceFieldCount = sourceNames.count
        self.keep = keep
    }
}

extension Layout {
    var isFixedWidth: Bool {
        if case .fixedWidth = format { return true }
        return false
    }
}
