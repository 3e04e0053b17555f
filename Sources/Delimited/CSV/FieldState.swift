/// Where a scanner stands inside a record, as far as record boundaries are
/// concerned. `CSVChunker` and `CSVDialect.detect` use it; `RecordScanner`
/// follows exactly the same rules, so a chunk never ends inside a record.
///
/// The rules (RFC 4180, lenient on quotes inside unquoted fields):
/// - a quote at the start of a field opens a quoted field;
/// - a quote anywhere else in an unquoted field is data;
/// - inside a quoted field, LF and the delimiter are data; a quote either
///   closes the field or, when doubled, is data;
/// - after a closing quote, any byte other than a delimiter, quote or LF
///   continues the field as unquoted text (the parser marks the record
///   malformed);
/// - an LF outside a quoted field ends the record.
enum FieldState: UInt8 {
    /// At the start of a field (record start or after a delimiter).
    case fieldStart
    /// Inside an unquoted field.
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a quote inside a quoted field: the closing quote, or the
    /// first of a doubled quote.
    case quoteInQuoted

    /// The state after one byte.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    func next(_ byte: UInt8, delimiter: UInt8, quote: UInt8) -> FieldState {
        if self == .quoted { return byte == quote ? .quoteInQuoted : .quoted }
        if byte == quote { return afterQuote }
        if byte == delimiter || byte == ByteValue.lineFeed { return .fieldStart }
        return .unquoted
    }

    /// The state after a quote byte.
    @inline(__always)
    var afterQuote: FieldState {
        switch self {
        case .fieldStart: return .quoted
        case .unquoted: return .unquoted
        case .quoted: return .quoteInQuoted
        case .quoteInQuoted: return .quoted
        }
    }
}
