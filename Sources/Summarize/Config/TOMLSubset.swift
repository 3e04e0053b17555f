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
package enum TOMLSubset {
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
        let isBare =
            !key.isEmpty && key.unicodeScalars.count <= 64
            && key.unicodeScalars.allSatisfy { scalar in
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
