/// The parser proper: one pass over decoded scalars with a position that
/// moves with the index. It recurses at most one level (an array's
/// elements are scalars), so nesting cannot exhaust the stack.
struct TOMLParser {
    let scalars: [Unicode.Scalar]
    private let path: String
    /// The next scalar to read; `0...scalars.count`.
    var index = 0
    var position = TOMLPosition(line: 1, column: 1)
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
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        guard offset >= 0, offset < scalars.count - index else { return nil }
        return scalars[index + offset]
    }

    /// Moves past one scalar (no effect at the end), keeping `position`.
    mutating func advance() {
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
    func invalid(_ message: String, at location: TOMLPosition? = nil) -> TOMLSubsetError {
        TOMLSubsetError(path: path, position: location ?? position, message: "invalid TOML: " + message)
    }

    /// Valid TOML that roo does not read, at `location` (default: here).
    func unsupported(_ message: String, at location: TOMLPosition? = nil) -> TOMLSubsetError {
        TOMLSubsetError(path: path, position: location ?? position, message: "unsupported TOML: " + message)
    }

    /// Whether TOML forbids `scalar` raw inside strings and comments
    /// (controls other than tab).
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
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
            throw invalid(
                "expected \"]\" after the table name \(TOMLSubset.quoted(name)), found \(TOMLSubset.describe(peek()))")
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
            throw invalid(
                "expected \"=\" after the key \(TOMLSubset.quoted(key)), found \(TOMLSubset.describe(peek()))")
        }
        advance()
        skipWhitespace()
        let valuePosition = position
        let value = try parseValue(insideArray: false)
        if let first = keyPositions[key] {
            let table = tables.last?.name.map { TOMLSubset.tableText($0) } ?? "the top level"
            throw invalid(
                "key \(TOMLSubset.quoted(key)) is defined twice in \(table) (first at \(first))", at: keyPosition)
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
            if peek(1) == "\"" && peek(2) == "\"" {
                throw unsupported("multi-line strings (\"\"\"…\"\"\") are not supported")
            }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'" && peek(2) == "'" {
                throw unsupported("multi-line strings ('''…''') are not supported")
            }
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
                throw invalid(
                    "unterminated array (opened at \(open)): expected a value or \"]\", found the end of the file")
            }
            if scalar == "]" { break }
            let elementPosition = position
            elements.append(TOMLElement(value: try parseValue(insideArray: true), position: elementPosition))
            try skipArraySpace()
            guard let next = peek() else {
                throw invalid(
                    "unterminated array (opened at \(open)): expected \",\" or \"]\", found the end of the file")
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
}
