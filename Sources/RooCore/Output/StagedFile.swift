#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside `path` and renamed into place
/// by `commit`, so readers never see a partial file; dropped uncommitted, the
/// temporary file is removed.
///
/// Opening happens at once, so an unwritable destination fails (exit 73)
/// before any long computation rather than after it.
final class StagedFile {
    let path: String
    private let temporary: String
    private var stream: UnsafeMutablePointer<FILE>?

    /// - Throws: `RooError(.cannotCreate)` when the temporary file cannot be created.
    init(path: String) throws {
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        guard let stream = fopen(temporary, "wb") else {
            throw RooError(.cannotCreate, "\(path): cannot create: \(String(cString: strerror(errno)))")
        }
        self.stream = stream
    }

    deinit {
        if let stream {
            fclose(stream)
            unlink(temporary)
        }
    }

    /// Appends `bytes`. - Throws: `RooError(.ioError)` on a short write.
    func write(_ bytes: [UInt8]) throws {
        guard let stream else { preconditionFailure("StagedFile written after commit") }
        guard bytes.isEmpty || fwrite(bytes, 1, bytes.count, stream) == bytes.count else {
            throw RooError(.ioError, "\(path): write failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes, syncs and renames the file into place.
    ///
    /// - Throws: `RooError(.ioError)`; the temporary file is removed then.
    func commit() throws {
        guard let stream else { return }
        let flushed = fflush(stream) == 0 && fsync(fileno(stream)) == 0
        fclose(stream)
        self.stream = nil
        guard flushed, rename(temporary, path) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(temporary)
            throw RooError(.ioError, "\(path): cannot finish writing: \(detail)")
        }
    }
}
