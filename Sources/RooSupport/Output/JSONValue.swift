import TextFormats
/// A JSON document with ordered object keys, for small structured outputs
/// (`roo inspect --format json`). Bulk row output does not use it.
package indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    /// Pre-rendered JSON text inserted verbatim (e.g. a decoded statistic).
    case raw(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// Renders the document; `indent` > 0 pretty-prints with that many spaces.
    package func rendered(indent: Int = 0) -> String {
        var out: [UInt8] = []
        append(to: &out, indent: indent, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func append(to out: inout [UInt8], indent: Int, level: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case let .integer(value): out.append(contentsOf: String(value).utf8)
        case let .number(value): FloatText.appendJSON(value, to: &out)
        case let .string(value): JSONText.appendString(value, to: &out)
        case let .raw(text): out.append(contentsOf: text.utf8)
        case let .array(items):
            appendContainer(open: "[", close: "]", count: items.count, to: &out, indent: indent, level: level) {
                index, out in
                items[index].append(to: &out, indent: indent, level: level + 1)
            }
        case let .object(members):
            appendContainer(open: "{", close: "}", count: members.count, to: &out, indent: indent, level: level) {
                index, out in
                JSONText.appendString(members[index].0, to: &out)
                out.append(contentsOf: ": ".utf8)
                members[index].1.append(to: &out, indent: indent, level: level + 1)
            }
        }
    }

    private func appendContainer(
        open: Character, close: Character, count: Int, to out: inout [UInt8], indent: Int, level: Int,
        element: (Int, inout [UInt8]) -> Void
    ) {
        out.append(contentsOf: String(open).utf8)
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if indent > 0 {
                out.append(UInt8(ascii: "\n"))
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * (level + 1)))
            } else if index > 0 {
                out.append(UInt8(ascii: " "))
            }
            element(index, &out)
        }
        if indent > 0 && count > 0 {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        }
        out.append(contentsOf: String(close).utf8)
    }
}
