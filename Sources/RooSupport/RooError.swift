import Delimited
import Layouts
import MappedIO
import Parquet

/// An error that ends a roo command: one line for stderr and a sysexits code.
package struct RooError: Error, CustomStringConvertible, Sendable {
    /// sysexits(3) codes used by roo (docs/cli.md, Exit codes).
    package enum ExitStatus: Int32, Sendable {
        case usage = 64
        case dataError = 65
        case noInput = 66
        case cannotCreate = 73
        case ioError = 74
    }

    package var status: ExitStatus
    package var message: String
    /// The lower layer's error this one was mapped from (a `ParquetError`,
    /// `SystemError`, `DelimitedError` or `LayoutError`), nil for roo's own.
    package var cause: (any Error & Sendable)?

    package init(_ status: ExitStatus, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.status = status
        self.message = message
        self.cause = cause
    }

    /// Maps a Parquet reader or writer error to its exit status, keeping its
    /// one-line text: the only such mapping (a missing input 66, a read or
    /// write failure 74, an output that cannot be created or put in place 73,
    /// anything about the file's contents 65).
    package init(_ error: ParquetError) {
        switch error.code {
        case .notFound: status = .noInput
        case .io: status = .ioError
        case .cannotCreate: status = .cannotCreate
        default: status = .dataError
        }
        message = error.description
        cause = error
    }

    /// Maps a system call failure: an output that cannot be created is 73,
    /// a missing input 66, an empty or short file 65, anything else 74.
    package init(_ error: SystemError) {
        switch error.code {
        case .cannotCreate: status = .cannotCreate
        case .notFound: status = .noInput
        case .tooShort: status = .dataError
        case .unreadable, .ioError: status = .ioError
        }
        message = error.description
        cause = error
    }

    /// Maps a text reader error: a missing input 66, a read failure 74, a
    /// damaged or malformed file 65.
    package init(_ error: DelimitedError) {
        let status: ExitStatus =
            switch error.code {
            case .notFound: .noInput
            case .io: .ioError
            case .decompression, .malformed: .dataError
            }
        self.init(status, error.description, cause: error)
    }

    /// Maps a layout reader error: a field the layout needs but the file
    /// lacks is a usage error (64); the reader's own errors as above.
    package init(_ error: LayoutError) {
        switch error {
        case .missingField: self.init(.usage, error.description, cause: error)
        case .malformedInput: self.init(.dataError, error.description, cause: error)
        case let .input(inner): self.init(inner)
        }
    }

    /// Any error as a `RooError` (unknown errors are I/O failures).
    package static func from(_ error: any Error) -> RooError {
        if let roo = error as? RooError { return roo }
        if let parquet = error as? ParquetError { return RooError(parquet) }
        if let system = error as? SystemError { return RooError(system) }
        if let delimited = error as? DelimitedError { return RooError(delimited) }
        if let layout = error as? LayoutError { return RooError(layout) }
        return RooError(.ioError, String(describing: error))
    }

    package var description: String { message }
}
