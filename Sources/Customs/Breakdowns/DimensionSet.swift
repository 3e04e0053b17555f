/// The keys of the `detail` table, in the order `--by` gives them
/// (`origin,hs2,partner` unless told), and the cell detail they need.
public struct DimensionSet: Hashable, Sendable {
    public let dimensions: [Dimension]

    /// `origin,hs2,partner`: the detail table of a run without `--by`.
    public static let standard = DimensionSet(checked: [.origin, .hs(digits: 2), .partner])

    private init(checked dimensions: [Dimension]) { self.dimensions = dimensions }

    /// Reads a `--by` list: names separated by commas, each once.
    ///
    /// - Throws: `DimensionSetError` naming the first unknown or repeated name.
    public init(parsing text: String) throws(DimensionSetError) {
        var dimensions: [Dimension] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard let dimension = Dimension(name: name) else { throw .unknown(name) }
            guard !dimensions.contains(dimension) else { throw .repeated(name) }
            dimensions.append(dimension)
        }
        self.dimensions = dimensions
    }

    /// The list as `--by` takes it (`origin,hs2,partner`).
    public var text: String { dimensions.map(\.name).joined(separator: ",") }

    /// The cell detail that holds every key of this set (and the HS chapter).
    public var plan: DetailPlan { plan(comparing: nil) }

    /// The cell detail that holds every key of this set and, with `--compare`,
    /// the period at least as finely as the comparison needs.
    public func plan(comparing comparison: PeriodComparison?) -> DetailPlan {
        var components: [DetailPlan.Component] = []
        let widths = dimensions.compactMap { if case let .hs(digits) = $0 { digits } else { nil } }
        components.append(.hs(digits: widths.max() ?? 2))
        let grains = dimensions.compactMap { if case let .period(grain) = $0 { grain } else { nil } }
        if let finest = (grains + [comparison?.grain].compactMap { $0 }).max() { components.append(.period(finest)) }
        if dimensions.contains(.program) { components.append(.program) }
        if dimensions.contains(.reporter) { components.append(.reporter) }
        if dimensions.contains(.channel) { components.append(.channel) }
        for case let .column(name) in dimensions { components.append(.column(name)) }
        return DetailPlan(components: components)
    }
}

/// Why a `--by` list was refused.
public enum DimensionSetError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String)
    case repeated(String)

    public var description: String {
        switch self {
        case let .unknown(name):
            "--by takes a comma-separated list of \(Dimension.names.joined(separator: ", ")); "
                + "\"\(KeyText.escapingControls(name))\" is none of them"
        case let .repeated(name): "--by names \(name) twice"
        }
    }
}

/// What a group's cell holds besides origin and partner: the HS code at
/// the finest width asked for (at least the chapter, which `by_chapter` and
/// the checks need), then the finest period, the program, the reporter and
/// the channel when asked for, and the source columns of `col:NAME` keys.
/// With the chapter alone, the cell detail is the chapter number itself;
/// otherwise the interned tuple of these values.
public struct DetailPlan: Hashable, Sendable {
    public enum Component: Hashable, Sendable {
        case hs(digits: Int)
        case period(PeriodGrain)
        case program
        case reporter
        case channel
        /// A source column, by its name in the file.
        case column(String)

        /// The component's column in a partial aggregate (`hs6`, `month`).
        public var name: String {
            switch self {
            case let .hs(digits): Dimension.hs(digits: digits).name
            case let .period(grain): grain.name
            case .program: "program"
            case .reporter: "reporter"
            case .channel: "channel"
            case let .column(name): Dimension.column(name).name
            }
        }
    }

    /// In this order: hs, then period, program, reporter, channel (each at
    /// most once), then the source columns in `--by` order.
    public let components: [Component]

    public init(components: [Component]) { self.components = components }

    /// Only the HS chapter: the cell detail is the chapter itself.
    public var isChapterOnly: Bool { components == [.hs(digits: 2)] }

    /// Digits of the HS component.
    public var hsDigits: Int {
        for case let .hs(digits) in components { return digits }
        return 2
    }

    /// The period component's grain, nil when no period is a key.
    public var periodGrain: PeriodGrain? {
        for case let .period(grain) in components { return grain }
        return nil
    }

    /// Position of `component` in a group's detail values.
    public func index(of component: Component) -> Int? { components.firstIndex(of: component) }

    /// The text of dimension `dimension` of a group with `origin`, `partner`
    /// and detail `values` (one per component).
    ///
    /// - Precondition: `dimension` belongs to the set this plan was made for.
    public func text(of dimension: Dimension, origin: String, partner: String, values: [String]) -> String {
        switch dimension {
        case .origin: return origin
        case .partner: return partner
        case let .hs(digits): return String(values[0].prefix(digits))
        case let .period(grain):
            guard let finest = periodGrain, let index = index(of: .period(finest)) else { return "" }
            return grain.coarsening(values[index], from: finest)
        case .program: return index(of: .program).map { values[$0] } ?? ""
        case .reporter: return index(of: .reporter).map { values[$0] } ?? ""
        case .channel: return index(of: .channel).map { values[$0] } ?? ""
        case let .column(name): return index(of: .column(name)).map { values[$0] } ?? ""
        }
    }
}
