/// An error from reading a Parquet file, with as much location as is known.
///
/// Low layers (Thrift, decoders, codecs) throw with `code` and `message`;
/// the column and file readers fill in `path`, `rowGroup`, `column` and
/// `byteOffset` as the error passes up. `description` renders the one-line
/// form of every roo error (docs/cli.md, Errors): `a.parquet: row group 3, column "v", page at byte 12: zstd: …`.
public struct ParquetError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is. Everything except `.io` means bad or
    /// unsupported data (exit code 65); `.io` is a read or write failure
    /// (74), `.notFound` a missing input (66) and `.cannotCreate` an output
    /// that cannot be created (73).
    public enum Code: String, Sendable {
        case notFound
        case io
        case cannotCreate
        case notParquet
        case encrypted
        case corruptFooter
        case corruptThrift
        case corruptSchema
        case corruptPage
        case corruptLevels
        case corruptValues
        case decompression
        case unsupported
        case outOfRange
    }

    public var code: Code
    /// The problem itself, e.g. `zstd: corrupted block`.
    public var message: String
    /// The file, when known.
    public var path: String?
    /// Zero-based row group index, when known.
    public var rowGroup: Int?
    /// Column name (dotted path), when known.
    public var column: String?
    /// Absolute byte offset in the file of the page or structure at fault.
    public var byteOffset: Int?
    /// What the byte offset points at (`page`, `footer`, `column chunk`).
    public var offsetSubject: String

    public init(
        _ code: Code,
        _ message: String,
        path: String? = nil,
        rowGroup: Int? = nil,
        column: String? = nil,
        byteOffset: Int? = nil,
        offsetSubject: String = "page"
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.rowGroup = rowGroup
        self.column = column
        self.byteOffset = byteOffset
        self.offsetSubject = offsetSubject
    }

    /// Fills in location fields that are still unknown; known ones are kept.
    public func adding(
        path: String? = nil,
        rowGroup: Int? = nil,
        column: String? = nil,
        byteOffset: Int? = nil,
        offsetSubject: String? = nil
    ) -> ParquetError {
        var copy = self
        if copy.path == nil { copy.path = path }
        if copy.rowGroup == nil { copy.rowGroup = rowGroup }
        if copy.column == nil { copy.column = column }
        if copy.byteOffset == nil {
            copy.byteOffset = byteOffset
            if let offsetSubject { copy.offsetSubject = offsetSubject }
        }
        return copy
    }

    public var description: String {
        var location: [String] = []
        if let rowGroup { location.append("row group \(rowGroup)") }
        if let column { location.append("column \"\(column)\"") }
        if let byteOffset { location.append("\(offsetSubject) at byte \(byteOffset)") }
        var text = path.map { "\($0): " } ?? ""
        if !location.isEmpty { text += location.joined(separator: ", ") + ": " }
        return text + message
    }
}

extension ParquetError {
    /// Wraps any error thrown inside `body` with location context.
    @inlinable
    static func context<T>(
        path: String? = nil,
        rowGroup: Int? = nil,
        column: String? = nil,
        byteOffset: Int? = nil,
        offsetSubject: String? = nil,
        _ body: () throws -> T
    ) throws -> T {
        do {
            return try body()
        } catch let error as ParquetError {
            throw error.adding(
                path: path, rowGroup: rowGroup, column: column, byteOffset: byteOffset, offsetSubject: offsetSubject)
        }
    }
}
