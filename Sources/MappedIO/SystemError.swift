#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which call, on which path, and the `errno` it set.
///
/// Modelled on swift-nio's `FileSystemError`: the message always names the
/// path, and `errno` is read at once after the failing call.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in terms a caller can branch on.
    public enum Code: Equatable, Sendable {
        /// The file does not exist (`ENOENT`, `ENOTDIR`).
        case notFound
        /// The file exists but cannot be read (`EACCES`, `EPERM`, a directory, …).
        case unreadable
        /// The file is empty or too short for its format.
        case tooShort
        /// Any other failure of the call (`mmap` out of memory, `EIO`, …).
        case ioError
    }

    /// The category of failure.
    public var code: Code
    /// The system call that failed (`open`, `fstat`, `mmap`, …).
    public var call: String
    /// The path the call was made on.
    public var path: String
    /// The `errno` value, or 0 when the failure was not a syscall error.
    public var errno: Int32
    /// A human-readable detail, without the path.
    public var detail: String

    public init(code: Code, call: String, path: String, errno: Int32, detail: String) {
        self.code = code
        self.call = call
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    /// Builds the error for a failed syscall from `errno`.
    static func fromErrno(_ number: Int32, call: String, path: String) -> SystemError {
        let code: Code
        switch number {
        case ENOENT, ENOTDIR: code = .notFound
        case EACCES, EPERM, EISDIR: code = .unreadable
        default: code = .ioError
        }
        let text = String(cString: strerror(number))
        return SystemError(code: code, call: call, path: path, errno: number, detail: "\(call): \(text) (errno \(number))")
    }

    public var description: String { "\(path): \(detail)" }
}
