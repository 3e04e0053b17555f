import Delimited

/// A JSON array of rows, each an array of values, the first row the field
/// names: what the US Census International Trade API returns
/// (`[["CTY_CODE","I_COMMODITY",…],["5700","8504400000",…],…]`). Values are
/// strings (unescaped: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
/// `\uXXXX` with surrogate pairs), `null` (an empty field), or a number,
/// `true` or `false` (their text). Any layout of white space is accepted
/// (one row per line, one line, or pretty-printed).
///
/// All functions are total: any bytes give rows, malformed records with a
/// reason, or a `JSONRows.Failure` — never a trap.
enum JSONRows {
    /// Why the header row cannot be read.
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    /// One value of a row: its bytes in the buffer (a string without its
    /// quotes), and whether they hold escapes to decode.
    struct Value {
        var range: Range<Int>
        var isEscaped: Bool
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 }

    /// The field names (the first row) and the offset just after that row.
    ///
    /// - Throws: `Failure` when the input does not start with `[` and a row of strings.
    static func header(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> (names: [String], end: Int, lines: Int) {
        // Safe because: `bytes[cursor.position]` is read only after `cursor.atEnd` was checked false, and
        // `Cursor.row` reads inside `bytes` only (see its comment).
        var cursor = Cursor(bytes: bytes, line: 1)
        cursor.skipSpace()
        guard !cursor.atEnd, bytes[cursor.position] == UInt8(ascii: "[") else {
            throw Failure(line: cursor.line, reason: "not a JSON array of rows (it should start with [[\"NAME\", …])")
        }
        cursor.position += 1
        cursor.skipSpace()
        guard !cursor.atEnd, bytes[cursor.position] == UInt8(ascii: "[") else {
            throw Failure(line: cursor.line, reason: "the array should start with a header row [\"NAME\", …]")
        }
        cursor.position += 1
        var values: [Value] = []
        if let reason = cursor.row(into: &values) { throw Failure(line: cursor.line, reason: "header row: " + reason) }
        var names: [String] = []
        var scratch: [UInt8] = []
        for value in values {
            scratch.removeAll(keepingCapacity: true)
            JSONRows.appendDecoded(bytes, value, to: &scratch)
            names.append(String(decoding: scratch, as: UTF8.self))
        }
        guard !names.isEmpty else { throw Failure(line: cursor.line, reason: "the header row names no field") }
        return (names, cursor.position, cursor.line - 1)
    }

    /// Where a chunk starting at `start` (between rows) should end: after the
    /// first row that ends at or beyond `start + size`, or at the end; and the
    /// line ends before that (the next chunk's first line number).
    ///
    /// - Complexity: O(bytes scanned), one pass.
    static func boundary(_ bytes: UnsafeRawBufferPointer, from start: Int, size: Int) -> (end: Int, lines: Int) {
        // Safe because: the loop reads `bytes[index]` for `index < bytes.count` only.
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        var lines = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0a { lines += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 && index - start >= size { return (index, lines) }
            case 0x0a where depth <= 0 && index - start >= size: return (index, lines)
            default: break
            }
        }
        return (bytes.count, lines)
    }

    /// Parses the rows of `bytes` (a chunk between rows: after the header or
    /// after a row) into `batch`, which `beginBuilding` started with the same
    /// bytes. The outer array's `]` must be followed by white space only.
    ///
    /// - Complexity: O(bytes).
    static func parse(_ bytes: UnsafeRawBufferPointer, firstLine: Int, into batch: RecordBatch) {
        // Safe because: every read of `bytes[cursor.position]` follows a check of `cursor.atEnd`, the ranges
        // handed to the batch come from `Cursor.row` (inside `bytes`) or are `start..<cursor.position` with
        // `start <= cursor.position <= bytes.count`.
        var cursor = Cursor(bytes: bytes, line: firstLine)
        var values: [Value] = []
        var scratch: [UInt8] = []
        var closed = false
        while true {
            cursor.skipSpace()
            if cursor.atEnd { break }
            let start = cursor.position
            let line = cursor.line
            let byte = bytes[start]
            if byte == UInt8(ascii: ",") {
                cursor.position += 1
                continue
            }
            if byte == UInt8(ascii: "]") && !closed {
                closed = true
                cursor.position += 1
                continue
            }
            let reason: String?
            if closed {
                reason = "text after the end of the JSON array"
            } else if byte != UInt8(ascii: "[") {
                reason = "expected a row [\"…\", …], found " + Cursor.describe(byte)
            } else {
                cursor.position += 1
                reason = cursor.row(into: &values)
            }
            if let reason {
                cursor.skipLine()
                batch.beginRecord(raw: start..<cursor.position, lineNumber: line)
                batch.markMalformed(reason)
                continue
            }
            batch.beginRecord(raw: start..<cursor.position, lineNumber: line)
            for value in values {
                if value.isEscaped {
                    scratch.removeAll(keepingCapacity: true)
                    JSONRows.appendDecoded(bytes, value, to: &scratch)
                    scratch.withUnsafeBytes { batch.appendField($0) }
                } else {
                    batch.appendRawField(value.range)
                }
            }
        }
    }

    /// Appends the bytes of a string value with its escapes decoded (`\u`
    /// escapes as UTF-8; a lone surrogate as U+FFFD).
    static func appendDecoded(_ bytes: UnsafeRawBufferPointer, _ value: Value, to out: inout [UInt8]) {
        // Safe because: `value.range` lies inside `bytes` (`Cursor.row` made it), and every read is at
        // `index < value.range.upperBound`, checked before it (`hex` checks its four digits).
        guard value.isEscaped else {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[value.range]))
            return
        }
        let end = value.range.upperBound
        var index = value.range.lowerBound
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var code: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = Cursor.hexDigit(bytes[at + offset]) else { return nil }
                code = code << 4 | digit
            }
            return code
        }
        while index < end {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < end else {
                out.append(byte)
                continue
            }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex(index) else { continue }
                index += 4
                if (0xd800..<0xdc00).contains(code), index + 1 < end, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex(index + 2), (0xdc00..<0xe000).contains(low)
                {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                    index += 6
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: out.append(escape)  // \" \\ \/
            }
        }
    }
}

extension JSONRows {
    /// A position in the bytes and its line.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var line: Int

        init(bytes: UnsafeRawBufferPointer, line: Int) {
            self.bytes = bytes
            self.line = line
        }

        var atEnd: Bool { position >= bytes.count }

        mutating func skipSpace() {
            // Safe because: `bytes[position]` is read only while `position < bytes.count`.
            while position < bytes.count && JSONRows.isSpace(bytes[position]) {
                if bytes[position] == 0x0a { line += 1 }
                position += 1
            }
        }

        /// Moves past the next line end (or to the end): resynchronises after a malformed row.
        mutating func skipLine() {
            // Safe because: `bytes[position]` is read only while `position < bytes.count`.
            while position < bytes.count && bytes[position] != 0x0a { position += 1 }
        }

        static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }

        /// A byte for a message: the character, or its hex code when it is no printable ASCII.
        static func describe(_ byte: UInt8) -> String {
            (0x21...0x7e).contains(byte)
                ? "'" + String(UnicodeScalar(byte)) + "'"
                : "byte 0x" + String(byte, radix: 16, uppercase: true)
        }

        /// Reads the values of a row whose `[` was consumed, through its `]`,
        /// into `values`; nil when it is well formed, else why not.
        mutating func row(into values: inout [Value]) -> String? {
            // Safe because: each `bytes[position]` read follows an `atEnd` check; ranges made are
            // `start..<position` with `start <= position <= bytes.count`.
            values.removeAll(keepingCapacity: true)
            skipSpace()
            if !atEnd && bytes[position] == UInt8(ascii: "]") {
                position += 1
                return nil
            }
            while true {
                skipSpace()
                guard !atEnd else { return "the row has no closing ]" }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    if let reason = string(into: &values) { return reason }
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    return "a nested array or object is no field value"
                } else {
                    let start = position
                    while !atEnd, !JSONRows.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ","),
                        bytes[position] != UInt8(ascii: "]")
                    {
                        position += 1
                    }
                    let token = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                    if token.elementsEqual("null".utf8) {
                        values.append(Value(range: start..<start, isEscaped: false))
                    } else if token.allSatisfy({ Cursor.isNumberByte($0) }) && !token.isEmpty
                        || token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8)
                    {
                        values.append(Value(range: start..<position, isEscaped: false))
                    } else {
                        return "expected a value, found " + (token.isEmpty ? Cursor.describe(byte) : "text")
                    }
                }
                skipSpace()
                guard !atEnd else { return "the row has no closing ]" }
                let next = bytes[position]
                position += 1
                if next == UInt8(ascii: "]") { return nil }
                guard next == UInt8(ascii: ",") else {
                    return "expected , or ] after a value, found " + Cursor.describe(next)
                }
            }
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        /// Reads a string value at its opening quote.
        mutating func string(into values: inout [Value]) -> String? {
            // Safe because: `bytes[position]` is read only while `position < bytes.count`.
            position += 1
            let start = position
            var isEscaped = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    values.append(Value(range: start..<position, isEscaped: isEscaped))
                    position += 1
                    return nil
                }
                if byte < 0x20 { return "a control character (\(Cursor.describe(byte))) inside a string" }
                if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                    position += 1
                }
                position += 1
            }
            return "a string with no closing quote"
        }
    }
}
