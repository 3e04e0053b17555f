/// A pull reader for the XML of a workbook's parts (SpreadsheetML: `xl/workbook.xml`, its relationships,
/// the shared strings and the sheets): elements with their attributes, end tags and text, entities
/// decoded. It reads well-formed documents of that kind, not XML at large: no DTD (a `<!DOCTYPE` is
/// refused, so no entity can be declared), no namespace resolution (a name is compared by its local
/// part, after any prefix), processing instructions and comments skipped.
///
/// Hostile input: every position is checked against the bytes (Swift's bounds-checked arrays), and a
/// construct that does not end is an error naming the byte offset, never a trap.
struct XMLScanner {
    enum Event: Equatable {
        /// `<name a="v">` (or `<name/>` with `isEmpty`): the local name and the attributes, values decoded.
        case start(name: String, attributes: [String: String], isEmpty: Bool)
        /// `</name>`.
        case end(name: String)
        /// Character data between tags, decoded (CDATA sections as they are).
        case text(String)
    }

    /// Why a part cannot be read: the byte offset and what is wrong.
    struct Failure: Error {
        let offset: Int
        let reason: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next event, or nil at the end of the document.
    ///
    /// - Throws: `Failure` for a tag, comment, CDATA section or entity that does not end or is not one.
    /// - Complexity: O(bytes of the event).
    mutating func next() throws(Failure) -> Event? {
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else { return .text(try text()) }
            if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                let start = position + 9
                try skip(past: "]]>")
                return .text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self))
            } else if starts(with: "<!") {
                throw Failure(offset: position, reason: "a document type declaration (not read in a workbook)")
            } else if starts(with: "</") {
                position += 2
                let name = localName(try name())
                skipSpaces()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
                    throw Failure(offset: position, reason: "end tag </\(name) does not end with >")
                }
                position += 1
                return .end(name: name)
            } else {
                return try startTag()
            }
        }
        return nil
    }

    private func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return text.withUTF8Buffer { prefix in prefix.indices.allSatisfy { bytes[position + $0] == prefix[$0] } }
    }

    private mutating func skip(past terminator: StaticString) throws(Failure) {
        let start = position
        while position < bytes.count {
            if starts(with: terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw Failure(offset: start, reason: "\(terminator) never comes")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }

    private mutating func skipSpaces() {
        while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
    }

    /// A name (with its prefix): up to white space, `/`, `>`, `=`.
    private mutating func name() throws(Failure) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<")
            {
                break
            }
            position += 1
        }
        guard position > start else { throw Failure(offset: start, reason: "a tag without a name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The part of `name` after its namespace prefix (`x:row` → `row`).
    private func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private mutating func startTag() throws(Failure) -> Event {
        let tagStart = position
        position += 1
        let name = localName(try name())
        var attributes: [String: String] = [:]
        while true {
            skipSpaces()
            guard position < bytes.count else { throw Failure(offset: tagStart, reason: "tag <\(name) never ends") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return .start(name: name, attributes: attributes, isEmpty: false)
            }
            if starts(with: "/>") {
                position += 2
                return .start(name: name, attributes: attributes, isEmpty: true)
            }
            let attribute = localName(try self.name())
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw Failure(offset: position, reason: "attribute \(attribute) of <\(name) has no value")
            }
            position += 1
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
            else {
                throw Failure(offset: position, reason: "attribute \(attribute) of <\(name) is not quoted")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count && bytes[position] != quote { position += 1 }
            guard position < bytes.count else {
                throw Failure(offset: start, reason: "attribute \(attribute) of <\(name) never ends")
            }
            attributes[attribute] = try Self.decoded(bytes[start..<position], at: start)
            position += 1
        }
    }

    private mutating func text() throws(Failure) -> String {
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
        return try Self.decoded(bytes[start..<position], at: start)
    }

    /// `raw` with its entity and character references replaced.
    ///
    /// - Throws: `Failure` for `&` that starts no reference roo knows (the five of XML, `&#N;`, `&#xH;`).
    static func decoded(_ raw: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                index += 1
                continue
            }
            guard let semicolon = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(offset: offset + index - raw.startIndex, reason: "& starts no reference")
            }
            let entity = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let text = named[entity] {
                out.append(contentsOf: text.utf8)
            } else if entity.hasPrefix("#"), let code = Self.codePoint(entity.dropFirst()),
                let scalar = Unicode.Scalar(code)
            {
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                throw Failure(offset: offset + index - raw.startIndex, reason: "&\(entity); is no reference roo reads")
            }
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func codePoint(_ text: Substring) -> UInt32? {
        if text.first == "x" || text.first == "X" { return UInt32(text.dropFirst(), radix: 16) }
        return UInt32(text, radix: 10)
    }
}
