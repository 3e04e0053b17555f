/// JSON string escaping (RFC 8259); non-ASCII text is kept as UTF-8.
public enum JSONText {
    /// Appends `bytes` (UTF-8; invalid sequences become U+FFFD) as a JSON string literal.
    public static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        // Safe because: `bytes` is read only by `isPlainASCII` (which iterates it), `append(contentsOf:)` and
        // `String(decoding:)`, each bounded by `bytes.count`; the loop walks the decoded String.
        out.append(UInt8(ascii: "\""))
        if isPlainASCII(bytes) {
            out.append(contentsOf: bytes)
        } else {
            let text = String(decoding: bytes, as: UTF8.self)
            for unit in text.utf8 { appendEscaped(unit, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a Swift string as a JSON string literal.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in text.utf8 { appendEscaped(unit, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// The JSON literal for `text`.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Safe because: the loop iterates the buffer itself (`for byte in bytes`), never past `bytes.count`.
        for byte in bytes where byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        {
            return false
        }
        return true
    }

    @inline(__always)
    private static func appendEscaped(_ unit: UInt8, to out: inout [UInt8]) {
        switch unit {
        case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0..<0x20:
            let digits = Array("0123456789abcdef".utf8)
            out.append(contentsOf: "\\u00".utf8)
            out.append(digits[Int(unit >> 4)])
            out.append(digits[Int(unit & 0x0f)])
        default: out.append(unit)
        }
    }
}
