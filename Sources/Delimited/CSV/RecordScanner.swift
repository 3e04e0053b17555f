/// The hot loop of `RecordBatch.parse`: splits a chunk into records and
/// fields (RFC 4180, rules in `FieldState`).
///
/// Works on a raw copy of the chunk at `base[0..<count]`; unescaped copies
/// of quoted fields that contain doubled quotes go to `base[count...]`.
/// Every other field points into the raw copy, so most fields are never
/// copied. That second region needs at most `count` bytes: each unescaped
/// field is no longer than its raw text and the raw texts do not overlap.
struct RecordScanner {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    let quote: UInt8
    /// false: no field is quoted (a quote byte is data).
    let isQuoting: Bool
    /// Whether records without quotes are split eight bytes at a time
    /// (`scanPlainRecord`); false only in tests, which compare both ways.
    let splitsPlainRecords: Bool
    /// The next byte to look at.
    private(set) var position = 0
    /// The physical line of `base[position]`.
    private(set) var lineNumber: Int
    /// The next free byte of the unescape region, `count...2 * count`.
    private var unescapedEnd: Int

    /// How a field ended.
    enum Terminator {
        /// A delimiter: another field follows.
        case delimiter
        /// LF, CRLF or the end of the chunk; `rawEnd` excludes the newline.
        case recordEnd(rawEnd: Int)
    }

    /// A scanner over `base[0..<count]`, which must be followed by `count`
    /// writable bytes.
    init(
        base: UnsafeMutablePointer<UInt8>, count: Int, dialect: CSVDialect, firstLineNumber: Int,
        splitsPlainRecords: Bool = true
    ) {
        self.base = base
        self.count = count
        self.delimiter = dialect.delimiter
        self.quote = dialect.quote
        isQuoting = dialect.isQuoting
        self.splitsPlainRecords = splitsPlainRecords
        self.lineNumber = firstLineNumber
        self.unescapedEnd = count
    }

    /// Parses records until the chunk ends or `recordCountMax` are read.
    ///
    /// - Complexity: O(`count`), amortised O(1) allocation per field (the
    ///   arrays keep their capacity between chunks).
    mutating func run(fields: inout SpanBuffer<FieldSpan>, records: inout SpanBuffer<RecordSpan>, recordCountMax: Int) {
        while position < count, records.count < recordCountMax {
            if skipEmptyLine() { continue }
            records.append(scanRecord(fields: &fields))
        }
    }

    /// Skips an LF or CRLF at `position` (an empty line); false otherwise.
    @inline(__always)
    private mutating func skipEmptyLine() -> Bool {
        let byte = base[position]
        if byte == ByteValue.lineFeed {
            position += 1
            lineNumber += 1
            return true
        }
        if byte == ByteValue.carriageReturn, position + 1 < count, base[position + 1] == ByteValue.lineFeed {
            position += 2
            lineNumber += 1
            return true
        }
        return false
    }

    private mutating func scanRecord(fields: inout SpanBuffer<FieldSpan>) -> RecordSpan {
        if splitsPlainRecords, let record = scanPlainRecord(fields: &fields) { return record }
        let rawStart = position
        let startLineNumber = lineNumber
        let firstField = fields.count
        var malformation: Malformation? = nil
        while true {
            let terminator: Terminator
            if isQuoting, position < count, base[position] == quote {
                terminator = scanQuotedField(fields: &fields, malformation: &malformation)
            } else {
                let fieldStart = position
                let (fieldEnd, end) = scanToFieldEnd()
                fields.append(FieldSpan(start: fieldStart, end: fieldEnd, isQuoted: false))
                terminator = end
            }
            if case .recordEnd(let rawEnd) = terminator {
                return RecordSpan(
                    firstField: firstField, fieldCount: fields.count - firstField, rawStart: rawStart,
                    rawEnd: rawEnd, nextRecordStart: position, lineNumber: startLineNumber,
                    malformation: malformation)
            }
        }
    }

    /// The record at `position` when it holds no quote byte (with quoting)
    /// and its LF is at least eight bytes before the chunk's end: its field
    /// ends found eight bytes at a time (`ByteSearch`), every delimiter and
    /// the LF of a word taken from one bit mask. The same fields and record
    /// as the general scan (a CR right before the LF is dropped, a CR
    /// elsewhere is data). Nil, with nothing appended or moved, for any
    /// other record: the general scan then reads it.
    ///
    /// - Complexity: O(record length), one word per eight bytes and one
    ///   step per field.
    @inline(__always)
    private mutating func scanPlainRecord(fields: inout SpanBuffer<FieldSpan>) -> RecordSpan? {
        let firstField = fields.count
        let delimiters = ByteSearch.broadcast(delimiter)
        let lineFeeds = ByteSearch.broadcast(ByteValue.lineFeed)
        let quotes = ByteSearch.broadcast(quote)
        var fieldStart = position
        var index = position
        // Safe because: each word is read only when 8 bytes remain before `count`, and every index taken from
        // a word's mask is one of those 8 bytes (`index + trailingZeroBitCount / 8`), so every read of `base`
        // is below `count`; a CR is looked at only one byte before an LF at or after `fieldStart`.
        while count - index >= 8 {
            let word = ByteSearch.word(base, index)
            var stops = ByteSearch.zeroBytes(word ^ delimiters) | ByteSearch.zeroBytes(word ^ lineFeeds)
            // Without quoting a quote is data.
            let quoted = isQuoting ? ByteSearch.zeroBytes(word ^ quotes) : 0
            // Only the stops before the first quote of the word count; a quote before the LF ends this path.
            if quoted != 0 { stops &= (1 << UInt64(quoted.trailingZeroBitCount)) &- 1 }
            while stops != 0 {
                let at = index + stops.trailingZeroBitCount >> 3
                if base[at] == ByteValue.lineFeed {
                    let end = at > fieldStart && base[at - 1] == ByteValue.carriageReturn ? at - 1 : at
                    fields.append(FieldSpan(start: fieldStart, end: end, isQuoted: false))
                    let record = RecordSpan(
                        firstField: firstField, fieldCount: fields.count - firstField, rawStart: position,
                        rawEnd: end, nextRecordStart: at + 1, lineNumber: lineNumber, malformation: nil)
                    position = at + 1
                    lineNumber += 1
                    return record
                }
                fields.append(FieldSpan(start: fieldStart, end: at, isQuoted: false))
                fieldStart = at + 1
                stops &= stops &- 1
            }
            if quoted != 0 { break }
            index += 8
        }
        fields.truncate(to: firstField)
        return nil
    }

    /// Advances over unquoted text to the next delimiter or newline.
    ///
    /// - Returns: the end of the field's bytes (a CR before the LF dropped)
    ///   and how the field ended.
    @inline(__always)
    private mutating func scanToFieldEnd() -> (fieldEnd: Int, terminator: Terminator) {
        let fieldStart = position
        let index = ByteSearch.firstIndex(of: delimiter, or: ByteValue.lineFeed, in: base, from: position, to: count)
        guard index < count else {
            position = count
            return (count, .recordEnd(rawEnd: count))
        }
        position = index + 1
        if base[index] == delimiter { return (index, .delimiter) }
        // An LF: drop a CR right before it (inside this field).
        let end = (index > fieldStart && base[index - 1] == ByteValue.carriageReturn) ? index - 1 : index
        lineNumber += 1
        return (end, .recordEnd(rawEnd: end))
    }

    /// Scans a field whose first byte (at `position`) is the quote.
    private mutating func scanQuotedField(
        fields: inout SpanBuffer<FieldSpan>, malformation: inout Malformation?
    ) -> Terminator {
        let contentStart = position + 1
        var index = contentStart
        var hasDoubledQuote = false
        // Safe because every read is below `count`; a doubled quote is taken
        // only when its second byte is below `count`.
        while true {
            index = ByteSearch.firstIndex(of: quote, or: ByteValue.lineFeed, in: base, from: index, to: count)
            guard index < count else { break }
            if base[index] == ByteValue.lineFeed {
                lineNumber += 1
                index += 1
                continue
            }
            guard index + 1 < count, base[index + 1] == quote else { break }
            hasDoubledQuote = true
            index += 2
        }
        fields.append(
            hasDoubledQuote
                ? unescape(from: contentStart, to: index)
                : FieldSpan(start: contentStart, end: index, isQuoted: true))
        guard index < count else {
            if malformation == nil { malformation = .unterminatedQuote }
            position = count
            return .recordEnd(rawEnd: endWithoutNewline(from: contentStart))
        }
        position = index + 1
        return afterClosingQuote(malformation: &malformation)
    }

    /// Handles the byte after a closing quote.
    private mutating func afterClosingQuote(malformation: inout Malformation?) -> Terminator {
        guard position < count else { return .recordEnd(rawEnd: count) }
        let byte = base[position]
        if byte == delimiter {
            position += 1
            return .delimiter
        }
        if byte == ByteValue.lineFeed {
            position += 1
            lineNumber += 1
            return .recordEnd(rawEnd: position - 1)
        }
        if byte == ByteValue.carriageReturn, position + 1 < count, base[position + 1] == ByteValue.lineFeed {
            position += 2
            lineNumber += 1
            return .recordEnd(rawEnd: position - 2)
        }
        // `"ab"c`: the rest of the field is unquoted text, as in `FieldState`.
        if malformation == nil { malformation = .textAfterClosingQuote }
        return scanToFieldEnd().terminator
    }

    /// Copies `base[from..<to]` to the unescape region, `""` becoming `"`.
    ///
    /// - Precondition: quotes in the range come in adjacent pairs (the
    ///   quoted-field loop guarantees it).
    private mutating func unescape(from: Int, to: Int) -> FieldSpan {
        let start = unescapedEnd
        var target = unescapedEnd
        var index = from
        // Safe because the output never exceeds the input range and all
        // unescaped fields fit in `count` bytes (see the type's doc).
        while index < to {
            let byte = base[index]
            base[target] = byte
            target += 1
            index += byte == quote ? 2 : 1
        }
        unescapedEnd = target
        return FieldSpan(start: start, end: target, isQuoted: true)
    }

    /// The end of the chunk without one trailing LF or CRLF, not before
    /// `lowerBound` (for the raw text of an unterminated record).
    private func endWithoutNewline(from lowerBound: Int) -> Int {
        var end = count
        if end > lowerBound, base[end - 1] == ByteValue.lineFeed {
            end -= 1
            if end > lowerBound, base[end - 1] == ByteValue.carriageReturn { end -= 1 }
        }
        return end
    }
}
