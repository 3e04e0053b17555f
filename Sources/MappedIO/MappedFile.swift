#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory.
///
/// The mapping lives as long as the object; `bytes` must not be used after
/// the last reference is gone. Prefer the scoped `withMappedFile(path:_:)`.
/// Files over 4 GiB are supported (sizes are `Int`, 64-bit).
public final class MappedFile: @unchecked Sendable {
    // @unchecked Sendable: the mapping is read-only (PROT_READ) and immutable
    // for the object's lifetime; unmapping happens only in deinit.

    /// The path the file was opened with.
    public let path: String
    /// The mapped bytes (read-only). Valid for the lifetime of `self`.
    public let bytes: UnsafeRawBufferPointer
    /// The `ProcessGuard` slot naming this file if a read faults (SIGBUS
    /// when the file is truncated while mapped); -1 when untracked.
    private let guardSlot: Int32
    /// Whether the bytes are a mapping of a file (its pages can be dropped and faulted in again), not an
    /// anonymous copy (a stream read into memory, in-memory files), whose dropped pages would read as zeros.
    private let isFileBacked: Bool

    /// Maps the file at `path` read-only.
    ///
    /// - Parameter path: file to map. It must be a regular, non-empty file.
    /// - Throws: `SystemError` (`.notFound`, `.unreadable`, `.tooShort` for an
    ///   empty file, `.ioError`), naming the call and errno.
    /// - Complexity: O(1); pages are faulted in lazily.
    ///   A stream (stdin `-`, a FIFO, `<(…)`) is read once into memory instead.
    public init(path: String) throws(SystemError) {
        self.path = path
        if HeldStreams.isStream(path) {
            // A FIFO, `<(…)` or stdin cannot be mapped: read it once into memory.
            let contents = try MappedFile.readStream(path)
            var copy: Result<UnsafeRawBufferPointer, SystemError>?
            contents.withUnsafeBytes { raw in
                copy = Result { () throws(SystemError) in try MappedFile.anonymousCopy(raw, path: path) }
            }
            bytes = try copy?.get() ?? UnsafeRawBufferPointer(start: nil, count: 0)
            guardSlot = -1
            isFileBacked = false
            return
        }
        let descriptor = try MappedFile.openReadOnly(path)
        defer { _ = close(descriptor) }
        let size = try MappedFile.regularFileSize(descriptor, path: path)
        guard size > 0 else {
            throw SystemError(code: .tooShort, call: "fstat", path: path, errno: 0, detail: "file is empty (0 bytes)")
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw SystemError.fromErrno(errno, call: "mmap", path: path)
        }
        self.bytes = UnsafeRawBufferPointer(start: base, count: size)
        guardSlot = ProcessGuard.trackMapping(bytes, path: path)
        isFileBacked = true
    }

    /// A read-only anonymous mapping holding a copy of `contents`, named
    /// `path` in messages (in-memory files: fuzzing, tests).
    ///
    /// - Throws: `.tooShort` when `contents` is empty, `.ioError` when the
    ///   mapping cannot be made.
    /// - Complexity: O(contents.count).
    public init(copying contents: UnsafeRawBufferPointer, path: String) throws(SystemError) {
        self.path = path
        bytes = try MappedFile.anonymousCopy(contents, path: path)
        guardSlot = -1
        isFileBacked = false
    }

    private static func anonymousCopy(
        _ contents: UnsafeRawBufferPointer, path: String
    ) throws(SystemError) -> UnsafeRawBufferPointer {
        guard !contents.isEmpty, let source = contents.baseAddress else {
            throw SystemError(code: .tooShort, call: "mmap", path: path, errno: 0, detail: "file is empty (0 bytes)")
        }
        guard let base = mmap(nil, contents.count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            base != MAP_FAILED
        else {
            throw SystemError.fromErrno(errno, call: "mmap", path: path)
        }
        base.copyMemory(from: source, byteCount: contents.count)
        _ = mprotect(base, contents.count, PROT_READ)
        return UnsafeRawBufferPointer(start: base, count: contents.count)
    }

    deinit {
        ProcessGuard.untrackMapping(guardSlot)
        if let base = bytes.baseAddress {
            _ = munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    /// Number of bytes in the file.
    public var count: Int { bytes.count }

    /// A checked cursor over the whole mapping.
    public var cursor: ByteCursor { ByteCursor(bytes) }

    /// Advises the kernel about the access pattern of a byte range.
    ///
    /// - Parameters:
    ///   - sequential: `true` for `MADV_SEQUENTIAL`, `false` for `MADV_WILLNEED`.
    ///   - offset: start of the range; clamped to the file.
    ///   - length: bytes in the range; clamped to the file.
    /// Failures are ignored: advice is only a hint.
    public func advise(sequential: Bool, offset: Int = 0, length: Int? = nil) {
        guard let base = bytes.baseAddress, offset >= 0, offset < count else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let alignedStart = offset - offset % pageSize
        let wanted = min(length ?? count, count - offset)
        let alignedLength = wanted + (offset - alignedStart)
        let advice = sequential ? MADV_SEQUENTIAL : MADV_WILLNEED
        _ = madvise(UnsafeMutableRawPointer(mutating: base + alignedStart), alignedLength, advice)
    }

    /// Drops the pages of a byte range from this process's resident set
    /// (`MADV_DONTNEED`); later reads fault them in again from the page
    /// cache, so contents never change. Used once a work unit is done so
    /// resident memory stays flat in the file size. Does nothing for an
    /// anonymous copy (a stream read into memory): its dropped pages would
    /// read as zeros — and the range is widened to pages, so a neighbouring
    /// unit still being decoded by another worker would lose its bytes.
    ///
    /// - Parameters: offset/length are clamped to the file and widened to pages.
    public func discard(offset: Int, length: Int) {
        guard isFileBacked, let base = bytes.baseAddress, offset >= 0, length > 0, offset < count else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset - offset % pageSize
        let end = min(count, offset + min(length, count - offset))
        let span = end - start
        guard span > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), span, MADV_DONTNEED)
    }

    /// Every byte of a stream input (`HeldStreams`), the held prefix first.
    ///
    /// - Complexity: O(bytes) (amortized appends of 1 MiB reads).
    ///
    /// Safe because: `read` writes at most `chunk.count` bytes into the 1 MiB `chunk`, and only `chunk[0..<result]` is
    /// appended, after `result == 0` (end) and `result < 0` (error) were handled, so `0 < result <= chunk.count`.
    private static func readStream(_ path: String) throws(SystemError) -> [UInt8] {
        let held = HeldStreams.take(path)
        let descriptor: Int32
        if let held {
            descriptor = held.releaseDescriptor()
        } else {
            descriptor = path == "-" ? dup(0) : try openReadOnly(path)
        }
        defer { _ = close(descriptor) }
        var contents = held?.prefix ?? []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let result = read(descriptor, chunk.baseAddress, chunk.count)
            if result == 0 { return contents }
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemError.fromErrno(errno, call: "read", path: path)
            }
            contents.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<result]))
        }
    }

    private static func openReadOnly(_ path: String) throws(SystemError) -> Int32 {
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            let number = errno
            if number == EINTR { continue }
            throw SystemError.fromErrno(number, call: "open", path: path)
        }
    }

    private static func regularFileSize(_ descriptor: Int32, path: String) throws(SystemError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SystemError.fromErrno(errno, call: "fstat", path: path)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SystemError(code: .unreadable, call: "fstat", path: path, errno: 0, detail: "not a regular file")
        }
        return Int(status.st_size)
    }
}

/// Maps `path`, runs `body` with the mapping, and unmaps afterwards.
///
/// - Parameters:
///   - path: the file to map (see `MappedFile.init(path:)`).
///   - body: receives the mapping; it must not let `bytes` escape.
/// - Throws: `SystemError` from mapping, or whatever `body` throws.
public func withMappedFile<Result>(
    path: String,
    _ body: (MappedFile) throws -> Result
) throws -> Result {
    let file = try MappedFile(path: path)
    return try withExtendedLifetime(file) { try body(file) }
}
