/// An error reading delimited text input (file, line, what went wrong).
public struct DelimitedError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case notFound
        case io
        case decompression
        case malformed
    }

    public var code: Code
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(_ code: Code, path: String, line: Int? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path): " + (line.map { "line \($0): " } ?? "") + message
    }
}
