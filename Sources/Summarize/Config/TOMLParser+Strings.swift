/// The string forms of the subset: basic strings with their escapes, and literal strings.
extension TOMLParser {
    /// `"…"` with escapes, on one line.
    ///
    /// - Precondition: the next scalar is `"`.
    mutating func parseBasicString() throws(TOMLSubsetError) -> String {
        try parseOneLineString(closing: "\"", escapes: true)
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
        let simple: Unicode.Scalar? =
            switch letter {
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
            let shown =
                letter.value >= 0x21 && letter.value <= 0x7E
                ? "\"\\\(letter)\"" : "\"\\\" followed by \(TOMLSubset.describe(letter))"
            throw invalid(
                "invalid escape \(shown) (valid: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
        advance()
        let digits = letter == "u" ? 4 : 8
        var value: UInt32 = 0
        for _ in 0..<digits {
            // At most 8 digits of 4 bits: `value` fits in 32 bits.
            guard let scalar = peek(), let digit = TOMLParser.hexValue(scalar) else {
                throw invalid(
                    "incomplete escape: \\\(letter) needs \(digits) hexadecimal digits, found "
                        + "\(TOMLSubset.describe(peek()))",
                    at: start)
            }
            value = value << 4 | digit
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw invalid(
                "escape \\\(letter)\(TOMLSubset.hexadecimal(value, digits: digits)) is not a Unicode scalar value",
                at: start)
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
    mutating func parseLiteralString() throws(TOMLSubsetError) -> String {
        try parseOneLineString(closing: "'", escapes: false)
    }

    /// A string on one line up to `closing`, with `\` escapes when `escapes`
    /// (basic strings) or none (literal strings); control characters are
    /// refused (in a basic string, with the escape to write instead).
    ///
    /// - Precondition: the next scalar is the opening quote.
    private mutating func parseOneLineString(
        closing: Unicode.Scalar, escapes: Bool
    ) throws(TOMLSubsetError) -> String {
        let open = position
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw invalid(
                    "unterminated string (opened at \(open)): no closing \(closing) before "
                        + TOMLSubset.describe(peek()))
            }
            if scalar == closing {
                advance()
                return String(text)
            }
            if escapes && scalar == "\\" {
                text.append(try parseEscape())
                continue
            }
            guard !TOMLParser.isForbiddenControl(scalar) else {
                let hint = " (write it as the escape \\u\(TOMLSubset.hexadecimal(scalar.value, digits: 4)))"
                throw invalid("control character \(TOMLSubset.describe(scalar)) in a string" + (escapes ? hint : ""))
            }
            text.append(scalar)
            advance()
        }
    }
}
