import Delimited

/// Why a layout input cannot be read; one line for stderr.
public enum LayoutError: Error, Sendable, CustomStringConvertible {
    /// A required canonical column has none of its source fields in the file.
    case missingField(path: String, layout: String, column: String, candidates: [String], fields: [String])
    /// The ZIP archive cannot be read, or has no (single) entry to read.
    case archive(path: String, detail: String)
    /// Reading or decompressing the input failed.
    case input(DelimitedError)

    public var description: String {
        switch self {
        case let .missingField(path, layout, column, candidates, fields):
            "\(path): layout \(layout) needs a field for \(column) (one of: \(candidates.joined(separator: ", "))); "
                + "the file's fields: \(fields.joined(separator: ", "))"
        case let .archive(path, detail): "\(path): \(detail)"
        case let .input(error): error.description
        }
    }

    /// Whether the error means bad input data (exit 65) rather than a usage error (64) or I/O (66/74).
    public var isUsage: Bool {
        if case .missingField = self { return true }
        return false
    }
}
