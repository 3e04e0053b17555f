/// A small JSON reader for tests: numbers stay as their source text so
/// integers of any size compare exactly and floats can be compared as Doubles.
public indirect enum ScannedJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([ScannedJSON])
    case object([(String, ScannedJSON)])

    public static func == (lhs: ScannedJSON, rhs: ScannedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case let .bool(value): String(value)
        case let .number(text): text
        case let .string(text): "\"\(text)\""
        case let .array(items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case let .object(members): "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        }
    }

    /// Member `key` of an object.
    public subscript(key: String) -> ScannedJSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Parses one JSON document; nil when malformed.
    public static func parse(_ text: String) -> ScannedJSON? {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let value = scanner.value() else { return nil }
        scanner.skipSpace()
        return scanner.position == scanner.bytes.count ? value : nil
    }

    struct Scanner {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard position + utf8.count <= bytes.count, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
                return false
            }
            position += utf8.count
            return true
        }

        mutating func value() -> ScannedJSON? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "\""): return string().map(ScannedJSON.string)
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "{"): return object()
            default: return number()
            }
        }

        mutating func number() -> ScannedJSON? {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            return position > start ? .number(String(decoding: bytes[start..<position], as: UTF8.self)) : nil
        }

        mutating func string() -> String? {
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    continue
                }
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(escape)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
            else { return nil }
            position += 4
            return value
        }

        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if high >= 0xD800 && high < 0xDC00, literal("\\u"), let low = hex4() {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high) ?? Unicode.Scalar(0xFFFD)
        }

        mutating func array() -> ScannedJSON? {
            position += 1
            var items: [ScannedJSON] = []
            skipSpace()
            if literal("]") { return .array(items) }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                skipSpace()
                if literal("]") { return .array(items) }
                guard literal(",") else { return nil }
            }
        }

        mutating func object() -> ScannedJSON? {
            position += 1
            var members: [(String, ScannedJSON)] = []
            skipSpace()
            if literal("}") { return .object(members) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else {
                    return nil
                }
                skipSpace()
                guard literal(":"), let item = value() else { return nil }
                members.append((key, item))
                skipSpace()
                if literal("}") { return .object(members) }
                guard literal(",") else { return nil }
            }
        }
    }
}
