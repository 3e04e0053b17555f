/// The text a key's raw bytes are shown as, one to one: valid UTF-8 stays
/// as it is, except that control characters (C0, DEL, C1), backslash and
/// every byte that is not valid UTF-8 are written as escapes (`\x1B`,
/// `\\`, `\xFF`). Two different raw keys always give two different texts,
/// so keys that differ by bytes stay apart in every table, partial and
/// merge, and no input byte reaches a terminal raw.
public enum KeyText {
    /// Whether `a` sorts before `b` by their UTF-8 bytes, as every table orders its keys
    /// (not by Swift `String` order, which compares canonical equivalents as equal).
    ///
    /// - Complexity: O(shorter length), no allocation.
    @inlinable
    public static func precedesBytewise(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The display text of `bytes`.
    ///
    /// - Complexity: O(bytes.count).
    public static func display(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != 0x5c }) { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let length = scalarLength(bytes, at: index)
            if length == 0 {
                escape(bytes[index], into: &out)
                index += 1
                continue
            }
            let scalar = bytes[index..<(index + length)]
            if length == 1 {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7f {
                    escape(byte, into: &out)
                } else if byte == 0x5c {
                    out += [0x5c, 0x5c]
                } else {
                    out.append(byte)
                }
            } else if length == 2 && bytes[index] == 0xc2 && bytes[index + 1] < 0xa0 {
                // C1 controls U+0080…U+009F.
                for byte in scalar { escape(byte, into: &out) }
            } else {
                out += scalar
            }
            index += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with C0 and C1 control characters and DEL written as `\xNN`
    /// (everything else as it is): for error lines and Markdown cells, which
    /// must never carry a line break or a terminal escape from an input.
    ///
    /// - Complexity: O(text length).
    public static func escapingControls(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out += [0x5c, UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
    }

    /// Length of the well-formed UTF-8 scalar at `index` (shortest form, no
    /// surrogates, at most U+10FFFF: RFC 3629), 0 when the bytes there are not one.
    ///
    /// - Precondition: `0 <= index < bytes.count`.
    /// - Complexity: O(1).
    public static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xbf
        switch lead {
        case 0x00...0x7f: return 1
        case 0xc2...0xdf: length = 2
        case 0xe0: length = 3; low = 0xa0
        case 0xe1...0xec, 0xee...0xef: length = 3
        case 0xed: length = 3; high = 0x9f
        case 0xf0: length = 4; low = 0x90
        case 0xf1...0xf3: length = 4
        case 0xf4: length = 4; high = 0x8f
        default: return 0
        }
        guard bytes.count - index >= length else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let range = offset == 1 ? low...high : 0x80...0xbf
            guard range.contains(byte) else { return 0 }
        }
        return length
    }
}
