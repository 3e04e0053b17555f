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
            return .invalid(
                "expected a value, found the bare word \(TOMLSubset.quoted(text)) (strings must be in quotes)")
        }
        if let integer = integer(token) {
            guard let value = integer else {
                return .invalid("integer \(TOMLSubset.quoted(text)) does not fit in 64 bits")
            }
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
            isDigit(first, radix: radix), isDigit(last, radix: radix)
        else { return nil }
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
        guard let wholeDigits = digits(whole, radix: 10), wholeDigits == "0" || !wholeDigits.hasPrefix("0") else {
            return nil
        }
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
