/// A position in a file: 1-based line, and 1-based column in Unicode scalars.
struct TOMLPosition: Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int

    var description: String { "line \(line), column \(column)" }
}

/// A parse failure: the file, where (nil for whole-file problems such as the
/// size), and a one-line message.
struct TOMLSubsetError: Error, Equatable, Sendable, CustomStringConvertible {
    var path: String
    var position: TOMLPosition?
    var message: String

    /// `PATH: line L, column C: message` (or `PATH: message` without a position).
    var description: String {
        guard let position else { return "\(path): \(message)" }
        return "\(path): \(position): \(message)"
    }
}

/// A value of the subset. Arrays hold scalars only (never arrays).
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLElement])

    /// The value's type with its article, for messages ("a string").
    var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        }
    }
}

/// One element of an array, with where it starts.
struct TOMLElement: Equatable, Sendable {
    var value: TOMLValue
    var position: TOMLPosition
}

/// `key = value`, with where the key and the value start.
struct TOMLEntry: Equatable, Sendable {
    var key: String
    var keyPosition: TOMLPosition
    var value: TOMLValue
    var valuePosition: TOMLPosition
}

/// A table: its name (nil for the top level), where its header is, and its
/// entries in file order (keys are unique).
struct TOMLTable: Equatable, Sendable {
    var name: String?
    var position: TOMLPosition
    var entries: [TOMLEntry]
}

/// A parsed file: the top-level entries, then each `[table]` in file order
/// (names are unique).
struct TOMLDocument: Equatable, Sendable {
    var root: TOMLTable
    var tables: [TOMLTable]
}
