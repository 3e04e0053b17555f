import Delimited

/// Why a layout input cannot be read; one line for stderr.
public enum LayoutError: Error, Sendable, CustomStringConvertible {
    /// A required canonical column has none of its source fields in the file.
    case missingField(path: String, layout: String, column: String, candidates: [String], fields: [String])
    /// Reading or decompressing the input failed.
    case input(DelimitedError)

    public var description: String {
        switch self {
        case let .missingField(path, layout, column, candidates, fields):
            "\(path): layout \(layout) needs a field for \(column) (one of: \(candidates.joined(separator: ", "))); "
                + "the file's fields: \(fields.joined(separator: ", "))"
        case let .input(error): error.description
        }
    }
}
