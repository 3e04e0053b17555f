import ArgumentParser
import Layouts
import RooSupport

/// `--layout NAME`, parsed once when the arguments are read: `csv`
/// (canonical CSV) or a layout of `Layout.catalog`. An unknown name is kept
/// with its problem and refused by `check()` in `validate()`, so the error
/// line is roo's own (`--layout must be one of …`), not the parser's.
struct LayoutOption: ExpressibleByArgument, Sendable {
    static var names: String { (["csv"] + Layout.catalog.map(\.name)).joined(separator: "|") }

    /// One line per layout for `--help`: name and what it reads.
    static var catalogText: String {
        (["  csv: canonical CSV (the default)"] + Layout.catalog.map { "  \($0.name): \($0.summary)" }).joined(
            separator: "\n")
    }

    /// The name as given.
    let name: String
    /// The layout, or nil for `csv` (and for an unknown name, which `check()` refuses).
    let layout: Layout?
    private let isKnown: Bool

    init(argument: String) {
        name = argument
        layout = Layout.named(argument)
        isKnown = argument == "csv" || layout != nil
    }

    static let csv = LayoutOption(argument: "csv")

    var defaultValueDescription: String { name }

    /// - Throws: `RooError(.usage)` for an unknown name.
    func check() throws {
        guard isKnown else { throw RooError(.usage, "--layout must be one of \(LayoutOption.names), got \"\(name)\"") }
    }

    /// A layout maps the extract's columns itself: `--map` with one is refused.
    ///
    /// - Throws: `RooError(.usage)` naming both ways out.
    func refuseMappings(_ mappings: ColumnMappingOptions) throws {
        if let layout, !mappings.isEmpty {
            throw RooError(
                .usage,
                "--map does not apply with --layout \(layout.name): the layout maps the extract's columns itself; drop "
                    + "--map, or read the file as plain CSV (--layout csv) with --map"
            )
        }
    }
}

/// `--layout` (and `--basis`) of summarize and ingest, declared and checked once.
struct InputLayoutOptions: ParsableArguments {
    @Option(help: "Layout of text inputs: \(LayoutOption.names).")
    var layout: LayoutOption = .csv

    @Option(
        help: ArgumentHelp(
            "Which US Census value a census-imdb or census-api input reads as customs_value: consumption "
                + "(imports for consumption, CON_VAL_MO; the default) or general (general imports, GEN_VAL_MO).",
            valueName: "basis"))
    var basis: Layout.ValueBasis?

    func validate() throws {
        try layout.check()
        if basis != nil && layout.layout?.basisFields == nil {
            throw RooError(
                .usage,
                "--basis applies to the layouts of US Census statistics (--layout census-imdb or census-api), "
                    + "not to --layout \(layout.name)")
        }
    }

    /// The layout to read with, on `--basis` when given; nil for canonical CSV.
    var resolved: Layout? { basis.flatMap { basis in layout.layout?.withBasis(basis) } ?? layout.layout }
}

extension Layout.ValueBasis: ExpressibleByArgument {}
