import MappedIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor read through one fixed-size buffer (the compressed side
/// of an `InputStream`).
///
/// The buffer never grows, so memory stays bounded whatever the file size.
/// The readable window is `window`; decoders call `consume(_:)` for what
/// they used and `refill()` when the window is empty.
final class InputSource {
    /// Size of the fixed read buffer.
    static let bufferSizeBytes = 1 << 20

    let path: String
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// Unread bytes are `buffer[windowStart..<windowEnd]`.
    private var windowStart = 0
    private var windowEnd = 0
    /// Whether `read(2)` has returned 0.
    private(set) var isAtEndOfFile = false
    /// Bytes read from the file so far.
    private(set) var bytesReadFromFile = 0
    /// Bytes left to read when the source is one byte range of the file (a ZIP entry).
    private var remainingInRange: UInt64?

    /// Opens `path` read-only; `-` reads standard input (a duplicate of
    /// descriptor 0, so closing this source leaves stdin open).
    ///
    /// - Throws: `.notFound` for `ENOENT`/`ENOTDIR`, `.io` for any other
    ///   `open(2)` failure, with `strerror` text.
    /// - Complexity: O(1) plus the allocation of the buffer.
    convenience init(path: String) throws(DelimitedError) {
        if let held = HeldStreams.take(path) {
            // Read once: the bytes a peek took from the front come first.
            self.init(descriptor: held.releaseDescriptor(), path: path)
            held.prefix.withUnsafeBytes { prefix in
                guard let base = prefix.baseAddress, let target = buffer.baseAddress else { return }
                target.copyMemory(from: base, byteCount: prefix.count)
            }
            windowEnd = held.prefix.count
            return
        }
        let descriptor = path == "-" ? dup(0) : Self.openRetryingInterrupts(path)
        guard descriptor >= 0 else {
            let number = errno
            let code: DelimitedError.Code = (number == ENOENT || number == ENOTDIR) ? .notFound : .io
            throw DelimitedError(code, path: path, "open: \(SystemError.describe(errno: number))")
        }
        self.init(descriptor: descriptor, path: path)
    }

    /// Reads only `range` of the open file `descriptor` (which the source owns).
    ///
    /// - Throws: `.io` when the file cannot be positioned.
    convenience init(descriptor: Int32, path: String, range: Range<UInt64>) throws(DelimitedError) {
        self.init(descriptor: descriptor, path: path)
        guard lseek(descriptor, off_t(clamping: range.lowerBound), SEEK_SET) >= 0 else {
            let number = errno
            throw DelimitedError(
                .io, path: path, "seek to byte \(range.lowerBound): \(SystemError.describe(errno: number))")
        }
        remainingInRange = UInt64(range.count)
    }

    /// Reads an open descriptor (e.g. a pipe), which the source then owns and closes.
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSizeBytes, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    private static func openRetryingInterrupts(_ path: String) -> Int32 {
        while true {
            let result = open(path, O_RDONLY | O_CLOEXEC)
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// The descriptor, for reading a ZIP archive's directory with `pread`
    /// (the source itself is not read then).
    var descriptorForArchive: Int32 { descriptor }

    /// The unread bytes in the buffer (empty when a refill is needed).
    var window: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: buffer[windowStart..<windowEnd])
    }

    /// Whether the buffer holds no unread byte.
    var isWindowEmpty: Bool { windowStart == windowEnd }

    /// Marks `byteCount` bytes of `window` as used.
    ///
    /// - Parameter byteCount: `0...window.count` (a decoder result; a larger
    ///   value is a program error).
    func consume(_ byteCount: Int) {
        precondition(byteCount >= 0 && byteCount <= windowEnd - windowStart, "consume beyond window")
        windowStart += byteCount
    }

    /// Reads more bytes after the unread ones until the window holds at least
    /// `byteCount` bytes or the file ends. Used once, for the magic number.
    ///
    /// - Parameter byteCount: at most `bufferSizeBytes`.
    /// - Complexity: O(`byteCount`).
    func fill(atLeast byteCount: Int) throws(DelimitedError) {
        precondition(byteCount <= Self.bufferSizeBytes)
        compact()
        // Safe because: the precondition above bounds `byteCount` by `bufferSizeBytes` (`buffer.count`) and
        // `compact()` set `windowStart` to 0, so the loop runs only while `windowEnd < byteCount <= buffer.count`:
        // `buffer[windowEnd...]` is in bounds and not empty, and `readFile` returns at most its count.
        while windowEnd - windowStart < byteCount, !isAtEndOfFile {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[windowEnd...])
            windowEnd += try readFile(into: target)
        }
    }

    /// Refills the empty window with the next bytes of the file (at least one
    /// byte unless the file has ended).
    ///
    /// - Complexity: O(`bufferSizeBytes`).
    func refill() throws(DelimitedError) {
        precondition(isWindowEmpty, "refill with unread bytes")
        windowStart = 0
        windowEnd = 0
        while windowEnd == 0, !isAtEndOfFile {
            windowEnd = try readFile(into: buffer)
        }
    }

    /// Reads straight into `target`, bypassing the buffer. Only valid when
    /// the window is empty (plain input after the magic check).
    ///
    /// - Returns: bytes read, 0 at end of file.
    func readDirect(into target: UnsafeMutableRawBufferPointer) throws(DelimitedError) -> Int {
        precondition(isWindowEmpty, "direct read with unread bytes")
        return try readFile(into: target)
    }

    private func compact() {
        guard windowStart > 0, let base = buffer.baseAddress else { return }
        let unread = windowEnd - windowStart
        if unread > 0 { memmove(base, base + windowStart, unread) }
        windowStart = 0
        windowEnd = unread
    }

    /// One `read(2)`, retried on `EINTR`; sets `isAtEndOfFile` on 0.
    private func readFile(into target: UnsafeMutableRawBufferPointer) throws(DelimitedError) -> Int {
        guard !target.isEmpty, !isAtEndOfFile else { return 0 }
        var wanted = target.count
        if let remaining = remainingInRange {
            guard remaining > 0 else {
                isAtEndOfFile = true
                return 0
            }
            wanted = Int(min(UInt64(wanted), remaining))
        }
        // Safe because: `wanted <= target.count` (it starts at `target.count` and is only lowered by `min`), so
        // `read(2)` writes at most `target.count` bytes into `target` and returns at most `wanted`.
        while true {
            let result = read(descriptor, target.baseAddress, wanted)
            if result > 0 {
                bytesReadFromFile += result
                if let remaining = remainingInRange { remainingInRange = remaining - UInt64(result) }
                return result
            }
            if result == 0 {
                isAtEndOfFile = true
                return 0
            }
            let number = errno
            if number == EINTR { continue }
            throw DelimitedError(
                .io, path: path,
                "read at byte \(bytesReadFromFile): \(SystemError.describe(errno: number))")
        }
    }
}
