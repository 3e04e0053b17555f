/// One parsed field: its bytes are `storage[start..<end]` of its batch.
@usableFromInline
struct FieldSpan: BitwiseCopyable {
    @usableFromInline var start: Int
    @usableFromInline var end: Int
    @usableFromInline var isQuoted: Bool

    @inlinable
    init(start: Int, end: Int, isQuoted: Bool) {
        self.start = start
        self.end = end
        self.isQuoted = isQuoted
    }
}

/// One parsed record: its fields, raw text and line.
@usableFromInline
struct RecordSpan: BitwiseCopyable {
    /// Index of the record's first field in the batch's field list.
    @usableFromInline var firstField: Int
    @usableFromInline var fieldCount: Int
    /// The raw text is `storage[rawStart..<rawEnd]` (no trailing newline).
    @usableFromInline var rawStart: Int
    @usableFromInline var rawEnd: Int
    /// Offset in the chunk just after the record's newline.
    @usableFromInline var nextRecordStart: Int
    @usableFromInline var lineNumber: Int
    @usableFromInline var malformation: Malformation?
}

/// Why a record is malformed.
@usableFromInline
enum Malformation: UInt8, BitwiseCopyable {
    /// The chunk (the input) ends inside a quoted field.
    case unterminatedQuote
    /// A byte other than a delimiter or newline follows a closing quote.
    case textAfterClosingQuote
    /// Rejected by a record builder (a layout); the reason is kept by the batch.
    case built

    var reason: String {
        switch self {
        case .unterminatedQuote: return "unterminated quote"
        case .textAfterClosingQuote: return "text after closing quote"
        case .built: return "malformed record"
        }
    }
}
