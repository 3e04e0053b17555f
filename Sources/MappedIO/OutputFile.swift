#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file roo writes, which never destroys anything on the way.
///
/// * A regular file (or a path that does not exist yet) is **staged**: the
///   bytes go to a new temporary file beside the target, created exclusively
///   (`O_CREAT | O_EXCL | O_NOFOLLOW`) under an unpredictable name
///   `.NAME.roo-tmp-XXXXXXXXXXXXXXXX`, and `commit` renames it into place.
///   Until then the target keeps its old bytes; a failure, a dropped file or
///   an interrupt (`ProcessGuard`) removes the temporary file.
/// * Anything else — a character device such as `/dev/null` or `/dev/full`,
///   a FIFO, a socket, `/dev/stdout`, `/dev/fd/N` — is written **in place**:
///   it is opened for writing (never replaced by a regular file), and write
///   errors are reported (`ENOSPC` from `/dev/full` is an I/O error).
///
/// Writes are buffered (`bufferSizeBytes`); errors carry the path and errno.
/// Not thread-safe: one writer at a time.
public final class OutputFile {
    /// How the target is written.
    public enum Placement: Sendable, Equatable {
        /// Through a temporary file renamed into place by `commit`.
        case staged
        /// Directly into the (non-regular) target.
        case inPlace
    }

    private enum State { case open, prepared, committed, discarded }

    /// Bytes buffered before one `write(2)`.
    public static let bufferSizeBytes = 1 << 16
    /// Marker in every temporary file name; directory walks skip such files.
    public static let temporaryMarker = ".roo-tmp-"

    /// The target path, as given.
    public let path: String
    public let placement: Placement
    /// The temporary file of a staged output.
    public let temporaryPath: String?
    private var descriptor: Int32
    private var guardSlot: Int32 = -1
    private var buffer: [UInt8] = []
    private var state = State.open
    /// Bytes accepted by `write` so far.
    public private(set) var bytesWritten = 0

    /// Opens the output (creates the temporary file of a staged one).
    ///
    /// - Throws: `SystemError` with code `.cannotCreate` when the temporary
    ///   file or the in-place target cannot be opened, or the target is a directory.
    /// - Complexity: O(1).
    public convenience init(path: String) throws(SystemError) {
        var generator = SystemRandomNumberGenerator()
        try self.init(path: path, randomSuffix: { generator.next() })
    }

    /// As `init(path:)`, with the temporary names' random part from
    /// `randomSuffix` (tests plant files at predicted names).
    package init(path: String, randomSuffix: () -> UInt64) throws(SystemError) {
        self.path = path
        if let inherited = OutputFile.inheritedDescriptor(path) {
            let copy = dup(inherited)
            guard copy >= 0 else { throw SystemError.cannotCreate(errno, call: "dup", path: path) }
            descriptor = copy
            placement = .inPlace
            temporaryPath = nil
            return
        }
        let kind = FileKind(path: path)
        if kind == .directory {
            throw SystemError(code: .cannotCreate, call: "open", path: path, errno: EISDIR, detail: "is a directory")
        }
        if let kind, kind != .regular || OutputFile.isSystemPath(path) {
            descriptor = try OutputFile.openInPlace(path)
            placement = .inPlace
            temporaryPath = nil
            return
        }
        let (temporary, opened) = try OutputFile.createTemporary(beside: path, randomSuffix: randomSuffix)
        descriptor = opened
        placement = .staged
        temporaryPath = temporary
        guardSlot = ProcessGuard.trackTemporary(temporary)
        buffer.reserveCapacity(OutputFile.bufferSizeBytes)
    }

    deinit { discard() }

    /// Appends `bytes`.
    ///
    /// - Precondition: not yet prepared, committed or discarded.
    /// - Throws: `SystemError(.ioError)` when the file system refuses the bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        precondition(state == .open, "OutputFile written after prepare/commit/discard")
        bytesWritten += bytes.count
        if buffer.count + bytes.count > OutputFile.bufferSizeBytes {
            try flush()
            if bytes.count >= OutputFile.bufferSizeBytes {
                try writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Appends `bytes` (see `write(_:)` for the raw-buffer form).
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var failure: SystemError?
        bytes.withUnsafeBytes { raw in
            do throws(SystemError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes the buffered bytes and, for a staged file, syncs and closes it:
    /// after this only the rename of `commit` remains. Idempotent.
    ///
    /// - Throws: `SystemError(.ioError)`; the output is discarded then.
    public func prepare() throws(SystemError) {
        guard state == .open else { return }
        do throws(SystemError) {
            try flush()
            if placement == .staged, fsync(descriptor) != 0 {
                throw SystemError.fromErrno(errno, call: "fsync", path: path, code: .ioError)
            }
            let descriptor = self.descriptor
            self.descriptor = -1
            if close(descriptor) != 0 && placement == .staged {
                throw SystemError.fromErrno(errno, call: "close", path: path, code: .ioError)
            }
        } catch {
            discard()
            throw error
        }
        state = .prepared
    }

    /// Prepares the file and renames it into place (nothing more for an
    /// in-place target).
    ///
    /// - Throws: `SystemError`; the temporary file is removed then.
    public func commit() throws(SystemError) {
        try prepare()
        try renameIntoPlace()
    }

    /// Drops the output: a staged file's temporary file is removed and the
    /// target keeps its old bytes. Idempotent; a no-op once committed.
    public func discard() {
        guard state == .open || state == .prepared else { return }
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if let temporaryPath { unlink(temporaryPath) }
        ProcessGuard.untrackTemporary(guardSlot)
        state = .discarded
    }

    /// Commits `files` as one set: every file is prepared first (any failure
    /// discards them all and leaves every target as it was); then, holding
    /// an exclusive `flock` on each target directory (taken in path order),
    /// all are renamed into place, so two runs committing into the same
    /// directory never leave a mix of both sets.
    ///
    /// - Throws: `SystemError`; files not yet renamed are discarded.
    public static func commit(_ files: [OutputFile]) throws(SystemError) {
        do throws(SystemError) {
            for file in files { try file.prepare() }
        } catch {
            for file in files { file.discard() }
            throw error
        }
        let directories = Set(files.filter { $0.placement == .staged }.map { OutputFile.directory(of: $0.path) })
            .sorted()
        var locks: [Int32] = []
        defer {
            for lock in locks.reversed() {
                _ = flock(lock, LOCK_UN)
                close(lock)
            }
        }
        for directory in directories {
            let lock = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            // A directory that cannot be locked is still written; the lock only orders concurrent roo runs.
            if lock >= 0 {
                while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
                locks.append(lock)
            }
        }
        do throws(SystemError) {
            for file in files { try file.renameIntoPlace() }
        } catch {
            for file in files { file.discard() }
            throw error
        }
    }

    private func renameIntoPlace() throws(SystemError) {
        guard state == .prepared else { return }
        if let temporaryPath, rename(temporaryPath, path) != 0 {
            let number = errno
            discard()
            throw SystemError.fromErrno(number, call: "rename", path: path, code: .cannotCreate)
        }
        ProcessGuard.untrackTemporary(guardSlot)
        state = .committed
    }

    private func flush() throws(SystemError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        var failure: SystemError?
        buffer.withUnsafeBytes { raw in
            do throws(SystemError) { try writeAll(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Safe because: `next + left` is always the end of `bytes` (they start at its base address and count and both move
    /// by `result`); `write` is given `left` bytes and returns at most `left`, and the loop stops at `left == 0`, so
    /// `next` never passes the end of `bytes`.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let result = Glibc.write(descriptor, next, left)
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemError.fromErrno(errno, call: "write", path: path, code: .ioError)
            }
            guard result > 0 else {
                throw SystemError(code: .ioError, call: "write", path: path, errno: 0, detail: "write: no progress")
            }
            next += result
            left -= result
        }
    }
}

extension OutputFile {
    /// The descriptor an inherited-stream path names (`/dev/stdout`,
    /// `/dev/fd/N`, `/proc/self/fd/N`): written through a duplicate, so the
    /// shell's redirection (`>`, `>>`, a pipe) is honoured exactly.
    static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let number = Int32(path.dropFirst(prefix.count)), number >= 0 { return number }
        }
        return nil
    }

    /// Paths under `/dev/` and `/proc/` are never replaced, whatever they are.
    static func isSystemPath(_ path: String) -> Bool {
        path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
    }

    /// The directory holding `path` (`.` for a bare name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    private static func openInPlace(_ path: String) throws(SystemError) -> Int32 {
        while true {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw SystemError.cannotCreate(errno, call: "open", path: path)
        }
    }

    /// Creates `DIR/.NAME.roo-tmp-RANDOM` exclusively, with the mode of an
    /// existing target (else 0666 less the umask).
    private static func createTemporary(beside path: String, randomSuffix: () -> UInt64) throws(SystemError) -> (
        String, Int32
    ) {
        let prefix = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = String(path.dropFirst(prefix.count))
        guard !name.isEmpty, name != ".", name != ".." else {
            throw SystemError(
                code: .cannotCreate, call: "open", path: path, errno: EISDIR, detail: "names a directory, not a file")
        }
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o666
        for _ in 0..<16 {
            let suffix = String(randomSuffix(), radix: 16)
            let temporary =
                prefix + "." + name + temporaryMarker + String(repeating: "0", count: 16 - suffix.count) + suffix
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 {
                if mode != 0o666 { _ = fchmod(descriptor, mode) }
                return (temporary, descriptor)
            }
            let number = errno
            if number == EEXIST || number == EINTR { continue }
            throw SystemError.cannotCreate(number, call: "open", path: path)
        }
        throw SystemError(
            code: .cannotCreate, call: "open", path: path, errno: EEXIST,
            detail: "cannot create a temporary file beside it")
    }
}
