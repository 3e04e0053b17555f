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
        /// Any other failure of the call (`mmap` out of memory, `EIO`, a
        /// write refused with `ENOSPC`, …).
        case ioError
        /// An output cannot be created or put in place (`EACCES` on its
        /// directory, a missing directory, a target that is a directory).
        case cannotCreate
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
    ///
    /// - Parameter code: the category; by default derived from `number` for a read.
    static func fromErrno(_ number: Int32, call: String, path: String, code: Code? = nil) -> SystemError {
        let code =
            code
            ?? {
                switch number {
                case ENOENT, ENOTDIR: return .notFound
                case EACCES, EPERM, EISDIR: return .unreadable
                default: return .ioError
                }
            }()
        return SystemError(
            code: code, call: call, path: path, errno: number, detail: "\(call): \(describe(errno: number))")
    }

    /// An output that cannot be opened or created.
    static func cannotCreate(_ number: Int32, call: String, path: String) -> SystemError {
        let text = String(cString: strerror(number))
        return SystemError(
            code: .cannotCreate, call: call, path: path, errno: number,
            detail: "cannot create: \(text) (\(call), errno \(number))")
    }

    public var description: String { "\(path): \(detail)" }

    /// The text of `errno` value `number` and the number, as every roo
    /// message writes it: `No such file or directory (errno 2)`. Read
    /// `errno` into `number` right after the failing call: any call after it
    /// (even building a message) may change it.
    public static func describe(errno number: Int32) -> String {
        "\(String(cString: strerror(number))) (errno \(number))"
    }
}
