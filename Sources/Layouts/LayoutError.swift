import Delimited

/// Why a layout input cannot be read; one line for stderr.
public enum LayoutError: Error, Sendable, CustomStringConvertible {
    /// A required canonical column has none of its source fields in the file.
    case missingField(path: String, layout: String, column: String, candidates: [String], fields: [String])
    /// Reading or decompressing the input failed.
    case input(DelimitedError)
    /// The input is not in the layout's format at all (e.g. no JSON array of rows).
    case malformedInput(path: String, layout: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .missingField(path, layout, column, candidates, fields):
            "\(path): layout \(layout) needs a field for \(column) (one of: \(candidates.joined(separator: ", "))); "
                + "the file's fields: \(fields.joined(separator: ", "))"
        case let .input(error): error.description
        case let .malformedInput(path, layout, line, reason): "\(path): line \(line): not a \(layout) input: \(reason)"
        }
    }
}
