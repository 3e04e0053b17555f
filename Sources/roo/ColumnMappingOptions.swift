import ArgumentParser
import Customs
import RooSupport

/// `--map canonical=source` (repeatable) of summarize, ingest and bench:
/// one declaration, one help text, and each assignment parsed once when the
/// arguments are read (a wrong one is refused in `validate()` with roo's
/// own message).
struct ColumnMappingOptions: ParsableArguments {
    /// One `canonical=source` assignment, parsed.
    struct Assignment: ExpressibleByArgument, Sendable {
        let text: String
        /// The assignment alone, as `ColumnMapping` reads it (nil: `problem` says why).
        let mapping: ColumnMapping?
        let problem: String?

        init(argument: String) {
            text = argument
            var mapping = ColumnMapping()
            do {
                try mapping.parse(argument)
                (self.mapping, problem) = (mapping, nil)
            } catch {
                (self.mapping, problem) = (nil, error.description)
            }
        }

        var defaultValueDescription: String { text }
    }

    @Option(name: .customLong("map"), help: "Map a canonical column to a source column: canonical=source (repeatable).")
    var assignments: [Assignment] = []

    var isEmpty: Bool { assignments.isEmpty }

    func validate() throws {
        if let problem = assignments.lazy.compactMap(\.problem).first { throw RooError(.usage, problem) }
    }

    /// Adds every assignment to `mapping`, in order (a later one for the same canonical column wins).
    func apply(to mapping: inout ColumnMapping) { ColumnMappingOptions.apply(assignments, to: &mapping) }

    /// Adds `assignments` to `mapping`, in order (also for `roo mirror`'s per-side `--upstream-map`).
    static func apply(_ assignments: [Assignment], to mapping: inout ColumnMapping) {
        for assignment in assignments {
            for (canonical, source) in assignment.mapping?.sources ?? [:] { mapping.map(canonical, to: source) }
        }
    }
}
