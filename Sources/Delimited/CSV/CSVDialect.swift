/// The delimiter and quote byte of a delimited text file (RFC 4180 with a
/// configurable separator).
public struct CSVDialect: Sendable, Equatable {
    /// The field separator, e.g. `,` (44), `;` (59), tab (9) or `|` (124).
    public var delimiter: UInt8
    /// The quote byte, `"` (34) by default. A field that starts with it is
    /// quoted; inside, the quote is written twice.
    public var quote: UInt8 = 34
    /// Whether quoting applies at all; false = every byte is data (pipe files
    /// such as pedimento exports, fixed-width text), and `quote` is unused.
    public var isQuoting = true

    /// A dialect with the given separator and quote.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator; must differ from `quote`, LF and CR
    ///     (see `isValid`).
    ///   - quote: the quote byte, `"` by default.
    public init(delimiter: UInt8, quote: UInt8 = 34) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// A dialect without quoting: records end at LF, fields at `delimiter`, nothing else.
    public static func unquoted(delimiter: UInt8) -> CSVDialect {
        var dialect = CSVDialect(delimiter: delimiter, quote: delimiter == 0 ? 1 : 0)
        dialect.isQuoting = false
        return dialect
    }

    /// `,`-separated values.
    public static let comma = CSVDialect(delimiter: 44)
    /// `;`-separated values (common where `,` is the decimal mark).
    public static let semicolon = CSVDialect(delimiter: 59)
    /// Tab-separated values.
    public static let tab = CSVDialect(delimiter: 9)
    /// `|`-separated values.
    public static let pipe = CSVDialect(delimiter: 124)

    /// Whether the parser can use this dialect: the delimiter and quote are
    /// different bytes and neither is LF or CR. Check this before passing a
    /// user-supplied dialect to `CSVChunker` or `RecordBatch.parse`, which
    /// treat an invalid dialect as a program error.
    public var isValid: Bool {
        delimiter != quote
            && delimiter != ByteValue.lineFeed && delimiter != ByteValue.carriageReturn
            && quote != ByteValue.lineFeed && quote != ByteValue.carriageReturn
    }
}

/// Byte values the scanners compare against.
enum ByteValue {
    static let lineFeed: UInt8 = 10
    static let carriageReturn: UInt8 = 13
}
