import MappedIO
import Parquet

/// An error that ends a roo command: one line for stderr and a sysexits code.
public struct RooError: Error, CustomStringConvertible, Sendable {
    /// sysexits(3) codes used by roo (docs/cli.md, Exit codes).
    public enum ExitStatus: Int32, Sendable {
        case usage = 64
        case dataError = 65
        case noInput = 66
        case cannotCreate = 73
        case ioError = 74
    }

    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Maps a Parquet reader or writer error to its exit status, keeping its
    /// one-line text: the only such mapping (a missing input 66, a read or
    /// write failure 74, an output that cannot be created or put in place 73,
    /// anything about the file's contents 65).
    public init(_ error: ParquetError) {
        switch error.code {
        case .notFound: status = .noInput
        case .io: status = .ioError
        case .cannotCreate: status = .cannotCreate
        default: status = .dataError
        }
        message = error.description
    }

    /// Maps a system call failure: an output that cannot be created is 73,
    /// a missing input 66, an empty or short file 65, anything else 74.
    public init(_ error: SystemError) {
        switch error.code {
        case .cannotCreate: status = .cannotCreate
        case .notFound: status = .noInput
        case .tooShort: status = .dataError
        case .unreadable, .ioError: status = .ioError
        }
        message = error.description
    }

    /// Any error as a `RooError` (unknown errors are I/O failures).
    public static func from(_ error: any Error) -> RooError {
        if let roo = error as? RooError { return roo }
        if let parquet = error as? ParquetError { return RooError(parquet) }
        if let system = error as? SystemError { return RooError(system) }
        return RooError(.ioError, String(describing: error))
    }

    public var description: String { message }
}
