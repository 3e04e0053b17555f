import Customs

/// A strict, bounds-checked parser for the TOML subset `roo.toml` uses
/// (`roo summarize --config`). No input traps: every failure is a
/// `TOMLSubsetError` of one line, `PATH: line L, column C: what is wrong`.
///
/// Accepted (TOML 1.0 semantics):
/// - UTF-8 text, one leading byte order mark allowed; LF or CRLF line ends.
/// - `# comments`, top-level key/value pairs and `[table]` headers whose
///   name is a bare key or a quoted string.
/// - Bare keys (`A-Za-z0-9_-`) and quoted keys (`"…"` or `'…'`).
/// - Values: basic strings `"…"` with the escapes `\" \\ \b \t \n \f \r
///   \uXXXX \UXXXXXXXX`, literal strings `'…'`, arrays of those one level
///   deep (over several lines, with a trailing comma and comments inside),
///   and integers, floats and booleans (so that a value of the wrong type is
///   reported as such by the schema, not as a syntax error).
///
/// Rejected as "unsupported TOML": dotted keys, inline tables, arrays of
/// tables, nested arrays, multi-line strings, dates and times. A repeated
/// table header or a key defined twice in one table is "invalid TOML".
///
/// Columns count Unicode scalars (characters), starting at 1.
enum TOMLSubset {
    /// The largest file parsed, in bytes (1 MiB); a larger file is refused
    /// before any parsing.
    static let maximumFileSize = 1 << 20

    /// Parses a whole file.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents, at most `maximumFileSize` bytes.
    ///   - path: the file's name for error messages.
    /// - Throws: `TOMLSubsetError` at the first problem found.
    /// - Complexity: O(bytes.count) time and memory.
    static func parse(_ bytes: [UInt8], path: String) throws(TOMLSubsetError) -> TOMLDocument {
        try checkSize(bytes.count, path: path)
        let scalars = try UTF8Scalars.decode(bytes, path: path)
        var parser = TOMLParser(scalars: scalars, path: path)
        return try parser.parseDocument()
    }

    /// Refuses a file of `count` bytes when it is over `maximumFileSize`.
    ///
    /// - Complexity: O(1).
    static func checkSize(_ count: Int, path: String) throws(TOMLSubsetError) {
        guard count <= maximumFileSize else {
            throw TOMLSubsetError(
                path: path, position: nil,
                message: "configuration file too large: \(count) bytes (the limit is \(maximumFileSize) bytes, 1 MiB)")
        }
    }

    /// `text` in double quotes for an error message: control, format and
    /// line-separator characters escaped as `\uXXXX`, cut after 64 characters,
    /// so the message stays one printable line whatever the file holds.
    ///
    /// - Complexity: O(min(text.count, 64)).
    static func quoted(_ text: String) -> String {
        let limit = 64
        var result = "\""
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    result += "\\u" + hexadecimal(scalar.value, digits: 4)
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A key as written in messages: bare when it can be, else `quoted`.
    ///
    /// - Complexity: O(key.unicodeScalars.count).
    static func keyText(_ key: String) -> String {
        let isBare = !key.isEmpty && key.unicodeScalars.count <= 64 && key.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
            default: false
            }
        }
        return isBare ? key : quoted(key)
    }

    /// `[name]` as written in messages.
    static func tableText(_ name: String) -> String { "[\(keyText(name))]" }

    /// What the parser found at a position, for "found …" in messages.
    ///
    /// - Complexity: O(1).
    static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" || scalar == "\r" { return "the end of the line" }
        if scalar == "\"" { return "'\"'" }
        if scalar.value >= 0x21 && scalar.value <= 0x7E { return "\"\(scalar)\"" }
        if scalar == " " { return "a space" }
        return "U+" + hexadecimal(scalar.value, digits: 4)
    }

    /// `value` in upper-case hexadecimal, zero-padded to `digits`.
    static func hexadecimal(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

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

/// Strict UTF-8 decoding with positions (no overlong forms, surrogates or
/// values past U+10FFFF).
enum UTF8Scalars {
    /// The scalars of `bytes`, without one leading byte order mark.
    ///
    /// - Throws: `TOMLSubsetError` at the first byte that does not start a
    ///   valid sequence.
    /// - Complexity: O(bytes.count).
    static func decode(_ bytes: [UInt8], path: String) throws(TOMLSubsetError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var position = TOMLPosition(line: 1, column: 1)
        while offset < bytes.count {
            guard let (scalar, length) = sequence(in: bytes, at: offset) else {
                throw TOMLSubsetError(
                    path: path, position: position,
                    message: "invalid TOML: invalid UTF-8 (byte 0x\(TOMLSubset.hexadecimal(UInt32(bytes[offset]), digits: 2)))")
            }
            scalars.append(scalar)
            offset += length
            if scalar == "\n" {
                position = TOMLPosition(line: position.line + 1, column: 1)
            } else {
                position.column += 1
            }
        }
        return scalars
    }

    /// The scalar starting at `offset` and its length in bytes, or nil when
    /// the bytes there are not a valid, shortest-form sequence.
    ///
    /// - Precondition: `offset < bytes.count`.
    /// - Complexity: O(1).
    static func sequence(in bytes: [UInt8], at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let length = KeyText.scalarLength(bytes, at: offset)
        guard length > 0, let scalar = String(decoding: bytes[offset..<(offset + length)], as: UTF8.self).unicodeScalars.first else { return nil }
        return (scalar, length)
    }
}

/// The parser proper: one pass over decoded scalars with a position that
/// moves with the index. It recurses at most one level (an array's
/// elements are scalars), so nesting cannot exhaust the stack.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private let path: String
    /// The next scalar to read; `0...scalars.count`.
    private var index = 0
    private var position = TOMLPosition(line: 1, column: 1)
    private var root = TOMLTable(name: nil, position: TOMLPosition(line: 1, column: 1), entries: [])
    private var tables: [TOMLTable] = []
    /// Where each table header was, by name.
    private var headerPositions: [String: TOMLPosition] = [:]
    /// Where each key of the table being filled was, by key.
    private var keyPositions: [String: TOMLPosition] = [:]
    /// Where each top-level key was (a table may not reuse one's name).
    private var rootKeyPositions: [String: TOMLPosition] = [:]

    /// - Parameters:
    ///   - scalars: the decoded file (see `UTF8Scalars.decode`).
    ///   - path: the file's name for error messages.
    init(scalars: [Unicode.Scalar], path: String) {
        self.scalars = scalars
        self.path = path
    }

    /// Parses every line. Call once per parser.
    ///
    /// - Throws: `TOMLSubsetError` at the first problem.
    /// - Complexity: O(scalars.count) plus hashing of keys.
    mutating func parseDocument() throws(TOMLSubsetError) -> TOMLDocument {
        while true {
            skipWhitespace()
            guard let scalar = peek() else { break }
            switch scalar {
            case "#", "\n", "\r":
                try expectEndOfLine(after: "the comment")
            case "[":
                try parseTableHeader()
                try expectEndOfLine(after: "the table header")
            default:
                try parseKeyValue()
                try expectEndOfLine(after: "the value")
            }
        }
        finishTable()
        return TOMLDocument(root: root, tables: tables)
    }

    // MARK: Reading

    /// The scalar `offset` places ahead, or nil past the end.
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        guard offset >= 0, offset < scalars.count - index else { return nil }
        return scalars[index + offset]
    }

    /// Moves past one scalar (no effect at the end), keeping `position`.
    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            position = TOMLPosition(line: position.line + 1, column: 1)
        } else {
            position.column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    /// A syntax error at `location` (default: the current position).
    private func invalid(_ message: String, at location: TOMLPosition? = nil) -> TOMLSubsetError {
        TOMLSubsetError(path: path, position: location ?? position, message: "invalid TOML: " + message)
    }

    /// Valid TOML that roo does not read, at `location` (default: here).
    private func unsupported(_ message: String, at location: TOMLPosition? = nil) -> TOMLSubsetError {
        TOMLSubsetError(path: path, position: location ?? position, message: "unsupported TOML: " + message)
    }

    /// Whether TOML forbids `scalar` raw inside strings and comments
    /// (controls other than tab).
    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    private static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    // MARK: Lines, comments, newlines

    /// Optional spaces and comment, then a newline (LF or CRLF) or the end.
    private mutating func expectEndOfLine(after what: String) throws(TOMLSubsetError) {
        skipWhitespace()
        if peek() == "#" { try skipComment() }
        guard let scalar = peek() else { return }
        if scalar == "\n" || scalar == "\r" {
            try consumeNewline()
            return
        }
        throw invalid("expected the end of the line after \(what), found \(TOMLSubset.describe(scalar))")
    }

    /// Consumes LF or CRLF; a carriage return alone is an error.
    ///
    /// - Precondition: the next scalar is LF or CR.
    private mutating func consumeNewline() throws(TOMLSubsetError) {
        if peek() == "\r" {
            guard peek(1) == "\n" else { throw invalid("carriage return not followed by a line feed") }
            advance()
        }
        advance()
    }

    /// Consumes `#` and the rest of the line, up to (not including) its newline.
    ///
    /// - Precondition: the next scalar is `#`.
    private mutating func skipComment() throws(TOMLSubsetError) {
        advance()
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            guard !TOMLParser.isForbiddenControl(scalar) else {
                throw invalid("control character \(TOMLSubset.describe(scalar)) in a comment")
            }
            advance()
        }
    }

    // MARK: Tables and keys

    /// `[name]`.
    ///
    /// - Precondition: the next scalar is `[`.
    private mutating func parseTableHeader() throws(TOMLSubsetError) {
        let start = position
        advance()
        if peek() == "[" { throw unsupported("arrays of tables ([[name]]) are not supported", at: start) }
        skipWhitespace()
        let (name, _) = try parseKey(what: "table name")
        skipWhitespace()
        if peek() == "." { throw unsupported("dotted table names ([a.b]) are not supported") }
        guard peek() == "]" else {
            throw invalid("expected \"]\" after the table name \(TOMLSubset.quoted(name)), found \(TOMLSubset.describe(peek()))")
        }
        advance()
        if let first = headerPositions[name] {
            throw invalid("table \(TOMLSubset.tableText(name)) is defined twice (first at \(first))", at: start)
        }
        if let key = rootKeyPositions[name] {
            throw invalid("table \(TOMLSubset.tableText(name)) has the name of the top-level key at \(key)", at: start)
        }
        finishTable()
        headerPositions[name] = start
        tables.append(TOMLTable(name: name, position: start, entries: []))
    }

    /// Ends the table being filled: its keys no longer clash with the next's.
    private mutating func finishTable() {
        keyPositions = [:]
    }

    /// `key = value`, added to the current table.
    private mutating func parseKeyValue() throws(TOMLSubsetError) {
        let (key, keyPosition) = try parseKey(what: "key or a table header")
        skipWhitespace()
        if peek() == "." { throw unsupported("dotted keys (a.b = …) are not supported") }
        guard peek() == "=" else {
            throw invalid("expected \"=\" after the key \(TOMLSubset.quoted(key)), found \(TOMLSubset.describe(peek()))")
        }
        advance()
        skipWhitespace()
        let valuePosition = position
        let value = try parseValue(insideArray: false)
        if let first = keyPositions[key] {
            let table = tables.last?.name.map { TOMLSubset.tableText($0) } ?? "the top level"
            throw invalid("key \(TOMLSubset.quoted(key)) is defined twice in \(table) (first at \(first))", at: keyPosition)
        }
        keyPositions[key] = keyPosition
        let entry = TOMLEntry(key: key, keyPosition: keyPosition, value: value, valuePosition: valuePosition)
        if tables.isEmpty {
            rootKeyPositions[key] = keyPosition
            root.entries.append(entry)
        } else {
            tables[tables.count - 1].entries.append(entry)
        }
    }

    /// A bare or quoted key, and where it starts.
    private mutating func parseKey(what: String) throws(TOMLSubsetError) -> (String, TOMLPosition) {
        let start = position
        switch peek() {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { throw unsupported("multi-line strings cannot be keys") }
            return (try parseBasicString(), start)
        case "'":
            if peek(1) == "'" && peek(2) == "'" { throw unsupported("multi-line strings cannot be keys") }
            return (try parseLiteralString(), start)
        case let scalar? where TOMLParser.isBareKey(scalar):
            var key = String.UnicodeScalarView()
            while let scalar = peek(), TOMLParser.isBareKey(scalar) {
                key.append(scalar)
                advance()
            }
            return (String(key), start)
        case let scalar:
            throw invalid("expected a \(what), found \(TOMLSubset.describe(scalar))")
        }
    }

    // MARK: Values

    /// A string, array (when not already inside one), number or boolean.
    private mutating func parseValue(insideArray: Bool) throws(TOMLSubsetError) -> TOMLValue {
        switch peek() {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { throw unsupported("multi-line strings (\"\"\"…\"\"\") are not supported") }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'" && peek(2) == "'" { throw unsupported("multi-line strings ('''…''') are not supported") }
            return .string(try parseLiteralString())
        case "[":
            if insideArray { throw unsupported("nested arrays are not supported (arrays hold strings)") }
            return try parseArray()
        case "{":
            throw unsupported("inline tables ({ … }) are not supported")
        case let scalar? where TOMLBareValue.isTokenScalar(scalar):
            let start = position
            var token: [UInt8] = []
            while let scalar = peek(), TOMLBareValue.isTokenScalar(scalar) {
                token.append(UInt8(truncatingIfNeeded: scalar.value))  // ASCII: isTokenScalar
                advance()
            }
            switch TOMLBareValue.classify(token) {
            case .value(let value): return value
            case .invalid(let message): throw invalid(message, at: start)
            case .unsupported(let message): throw unsupported(message, at: start)
            }
        case let scalar:
            throw invalid("expected a value, found \(TOMLSubset.describe(scalar))")
        }
    }

    /// `[ value, … ]` over any number of lines, trailing comma allowed.
    ///
    /// - Precondition: the next scalar is `[`.
    private mutating func parseArray() throws(TOMLSubsetError) -> TOMLValue {
        let open = position
        advance()
        var elements: [TOMLElement] = []
        while true {
            try skipArraySpace()
            guard let scalar = peek() else {
                throw invalid("unterminated array (opened at \(open)): expected a value or \"]\", found the end of the file")
            }
            if scalar == "]" { break }
            let elementPosition = position
            elements.append(TOMLElement(value: try parseValue(insideArray: true), position: elementPosition))
            try skipArraySpace()
            guard let next = peek() else {
                throw invalid("unterminated array (opened at \(open)): expected \",\" or \"]\", found the end of the file")
            }
            if next == "]" { break }
            guard next == "," else {
                throw invalid("expected \",\" or \"]\" in the array, found \(TOMLSubset.describe(next))")
            }
            advance()
        }
        advance()
        return .array(elements)
    }

    /// Spaces, newlines and comments between array elements.
    private mutating func skipArraySpace() throws(TOMLSubsetError) {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t": advance()
            case "\n", "\r": try consumeNewline()
            case "#": try skipComment()
            default: return
            }
        }
    }

    /// `"…"` with escapes, on one line.
    ///
    /// - Precondition: the next scalar is `"`.
    private mutating func parseBasicString() throws(TOMLSubsetError) -> String {
        let open = position
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw invalid("unterminated string (opened at \(open)): no closing \" before \(TOMLSubset.describe(peek()))")
            }
            switch scalar {
            case "\"":
                advance()
                return String(text)
            case "\\":
                text.append(try parseEscape())
            default:
                guard !TOMLParser.isForbiddenControl(scalar) else {
                    throw invalid("control character \(TOMLSubset.describe(scalar)) in a string (write it as the escape \\u\(TOMLSubset.hexadecimal(scalar.value, digits: 4)))")
                }
                text.append(scalar)
                advance()
            }
        }
    }

    /// One escape sequence of a basic string.
    ///
    /// - Precondition: the next scalar is `\`.
    private mutating func parseEscape() throws(TOMLSubsetError) -> Unicode.Scalar {
        let start = position
        advance()
        guard let letter = peek() else {
            throw invalid("incomplete escape: expected a letter after \"\\\", found the end of the file", at: start)
        }
        let simple: Unicode.Scalar? = switch letter {
        case "b": "\u{08}"
        case "t": "\t"
        case "n": "\n"
        case "f": "\u{0C}"
        case "r": "\r"
        case "\"": "\""
        case "\\": "\\"
        default: nil
        }
        if let simple {
            advance()
            return simple
        }
        guard letter == "u" || letter == "U" else {
            let shown = letter.value >= 0x21 && letter.value <= 0x7E ? "\"\\\(letter)\"" : "\"\\\" followed by \(TOMLSubset.describe(letter))"
            throw invalid("invalid escape \(shown) (valid: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
        advance()
        let digits = letter == "u" ? 4 : 8
        var value: UInt32 = 0
        for _ in 0..<digits {
            // At most 8 digits of 4 bits: `value` fits in 32 bits.
            guard let scalar = peek(), let digit = TOMLParser.hexValue(scalar) else {
                throw invalid("incomplete escape: \\\(letter) needs \(digits) hexadecimal digits, found \(TOMLSubset.describe(peek()))", at: start)
            }
            value = value << 4 | digit
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw invalid("escape \\\(letter)\(TOMLSubset.hexadecimal(value, digits: digits)) is not a Unicode scalar value", at: start)
        }
        return scalar
    }

    /// The value of a hexadecimal digit (either case), or nil.
    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }

    /// `'…'`: no escapes, on one line.
    ///
    /// - Precondition: the next scalar is `'`.
    private mutating func parseLiteralString() throws(TOMLSubsetError) -> String {
        let open = position
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw invalid("unterminated string (opened at \(open)): no closing ' before \(TOMLSubset.describe(peek()))")
            }
            if scalar == "'" {
                advance()
                return String(text)
            }
            guard !TOMLParser.isForbiddenControl(scalar) else {
                throw invalid("control character \(TOMLSubset.describe(scalar)) in a string")
            }
            text.append(scalar)
            advance()
        }
    }
}

/// Unquoted values: booleans, integers and floats in their TOML 1.0 forms,
/// and the shapes of dates and times, recognized only to be refused.
enum TOMLBareValue {
    /// What an unquoted token is.
    enum Outcome: Equatable {
        case value(TOMLValue)
        case invalid(String)
        case unsupported(String)
    }

    /// Whether `scalar` can be part of an unquoted value (ASCII only).
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "+", "-", ".", ":": true
        default: false
        }
    }

    /// Classifies one unquoted token.
    ///
    /// - Parameter token: ASCII bytes, each accepted by `isTokenScalar`.
    /// - Complexity: O(token.count).
    static func classify(_ token: [UInt8]) -> Outcome {
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true": return .value(.boolean(true))
        case "false": return .value(.boolean(false))
        case "inf", "+inf": return .value(.float(.infinity))
        case "-inf": return .value(.float(-.infinity))
        case "nan", "+nan", "-nan": return .value(.float(.nan))
        default: break
        }
        if isDateOrTime(token) { return .unsupported("dates and times are not supported") }
        if let first = token.first, isLetter(first) {
            return .invalid("expected a value, found the bare word \(TOMLSubset.quoted(text)) (strings must be in quotes)")
        }
        if let integer = integer(token) {
            guard let value = integer else { return .invalid("integer \(TOMLSubset.quoted(text)) does not fit in 64 bits") }
            return .value(.integer(value))
        }
        if let value = float(token) { return .value(.float(value)) }
        return .invalid("invalid number \(TOMLSubset.quoted(text))")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30) < radix
        case 0x41...0x46, 0x61...0x66: radix == 16
        default: false
        }
    }

    /// `YYYY-…` or `HH:…`: a date, a date-time or a time.
    private static func isDateOrTime(_ token: [UInt8]) -> Bool {
        let digits = token.prefix { isDigit($0, radix: 10) }.count
        guard digits < token.count else { return false }
        let separator = token[digits]  // digits < token.count
        return (digits == 4 && separator == UInt8(ascii: "-")) || (digits == 2 && separator == UInt8(ascii: ":"))
    }

    /// Digits of `radix` with single underscores between them, underscores
    /// removed; nil when empty or malformed.
    private static func digits(_ bytes: [UInt8], radix: Int) -> String? {
        guard let first = bytes.first, let last = bytes.last,
              isDigit(first, radix: radix), isDigit(last, radix: radix) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var previousWasUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard !previousWasUnderscore else { return nil }
                previousWasUnderscore = true
                continue
            }
            guard isDigit(byte, radix: radix) else { return nil }
            previousWasUnderscore = false
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The integer `token` spells: nil when it is not an integer, `.some(nil)`
    /// when it is one that does not fit in `Int64`.
    private static func integer(_ token: [UInt8]) -> Int64?? {
        let radixes: [UInt8: Int] = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2]
        if token.count > 2, token[0] == UInt8(ascii: "0"), let radix = radixes[token[1]] {
            guard let digits = digits(Array(token.dropFirst(2)), radix: radix) else { return nil }
            return .some(Int64(digits, radix: radix))
        }
        var body = token
        var negative = false
        if let sign = body.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            body.removeFirst()
        }
        guard let digits = digits(body, radix: 10), digits == "0" || !digits.hasPrefix("0") else { return nil }
        return .some(Int64((negative ? "-" : "") + digits))
    }

    /// The float `token` spells (a fraction, an exponent or both), or nil.
    private static func float(_ token: [UInt8]) -> Double? {
        var body = token
        var sign = ""
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? "-" : ""
            body.removeFirst()
        }
        let exponentIndex = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = exponentIndex.map { Array(body[..<$0]) } ?? body
        var exponent = exponentIndex.map { Array(body[($0 + 1)...]) }
        let pointIndex = mantissa.firstIndex(of: UInt8(ascii: "."))
        let whole = pointIndex.map { Array(mantissa[..<$0]) } ?? mantissa
        let fraction = pointIndex.map { Array(mantissa[($0 + 1)...]) }
        guard fraction != nil || exponent != nil else { return nil }
        guard let wholeDigits = digits(whole, radix: 10), wholeDigits == "0" || !wholeDigits.hasPrefix("0") else { return nil }
        var text = sign + wholeDigits
        if let fraction {
            guard let fractionDigits = digits(fraction, radix: 10) else { return nil }
            text += "." + fractionDigits
        }
        if exponent != nil {
            var exponentSign = ""
            if let first = exponent?.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                exponentSign = first == UInt8(ascii: "-") ? "-" : ""
                exponent?.removeFirst()
            }
            guard let exponentDigits = digits(exponent ?? [], radix: 10) else { return nil }
            text += "e" + exponentSign + exponentDigits
        }
        return Double(text)
    }
}
