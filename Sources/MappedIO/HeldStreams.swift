import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs that can be read only once — standard input (`-`), FIFOs,
/// `<(…)` process substitutions (`/dev/fd/N`), character devices — opened
/// once and held with the bytes already read from their front.
///
/// Looking at the first bytes of an input (is it Parquet? gzip? a ZIP?) must
/// not consume them: `peek` opens such an input once, keeps the bytes it
/// read, and the reader that later opens the same path `take`s the held
/// descriptor and those bytes instead of opening it again. Regular files are
/// never held (they can be reopened and read with `pread`).
public enum HeldStreams {
    /// An open descriptor with the bytes already read from it.
    public final class Stream: @unchecked Sendable {
        // @unchecked: handed from the registry to exactly one reader, which owns it after `take`.
        public let path: String
        /// Owned: closed by whoever takes the stream (or at `deinit` if nobody does).
        public private(set) var descriptor: Int32
        /// Bytes read from the front of the stream, not yet consumed.
        public let prefix: [UInt8]

        init(path: String, descriptor: Int32, prefix: [UInt8]) {
            self.path = path
            self.descriptor = descriptor
            self.prefix = prefix
        }

        /// Gives up ownership of the descriptor (the caller closes it).
        public func releaseDescriptor() -> Int32 {
            let descriptor = self.descriptor
            self.descriptor = -1
            return descriptor
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }
    }

    private static let held = Mutex<[String: Stream]>([:])

    /// Whether `path` is read once: `-`, or an existing file that is not a
    /// regular file or directory.
    public static func isStream(_ path: String) -> Bool {
        if path == "-" { return true }
        guard let kind = FileKind(path: path) else { return false }
        return kind != .regular && kind != .directory
    }

    /// The first `count` bytes of `path` (fewer at its end), without
    /// consuming them: a regular file is read with `pread` and closed; a
    /// stream is opened once and held for `take`.
    ///
    /// - Returns: nil when the file cannot be opened or read (the reader
    ///   that opens it reports why).
    ///
    /// Safe because: `read` is given `count - filled` bytes at offset `filled` of the `count`-byte `prefix`; the loop
    /// runs only while `filled < count` (so `baseAddress!` is never taken of an empty array) and `read` returns at most
    /// what it was asked for, so `filled <= count` and `removeLast(count - filled)` is valid. `count` is bounded to
    /// 0...65536 by the precondition at entry.
    public static func peek(_ path: String, count: Int) -> [UInt8]? {
        precondition(count >= 0 && count <= 1 << 16, "peek at most 64 KiB")
        if !isStream(path) { return peekRegular(path, count: count) }
        return held.withLock { held -> [UInt8]? in
            if let stream = held[path] { return Array(stream.prefix.prefix(count)) }
            let descriptor = path == "-" ? dup(0) : openReadOnly(path)
            guard descriptor >= 0 else { return nil }
            var prefix = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let result = prefix.withUnsafeMutableBytes {
                    read(descriptor, $0.baseAddress! + filled, count - filled)
                }
                if result > 0 {
                    filled += result
                } else if result == 0 {
                    break
                } else if errno != EINTR {
                    close(descriptor)
                    return nil
                }
            }
            prefix.removeLast(count - filled)
            held[path] = Stream(path: path, descriptor: descriptor, prefix: prefix)
            return prefix
        }
    }

    /// The held stream for `path`, removed from the registry (nil when
    /// nobody peeked at it; the caller then opens the path itself).
    public static func take(_ path: String) -> Stream? {
        held.withLock { $0.removeValue(forKey: path) }
    }

    private static func openReadOnly(_ path: String) -> Int32 {
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 || errno != EINTR { return descriptor }
        }
    }

    /// Safe because: `pread` is given `count - filled` bytes at offset `filled` of the `count`-byte `prefix`; the loop
    /// runs only while `filled < count` (so `baseAddress!` exists) and `pread` returns at most what it was asked for,
    /// so `filled <= count` and `removeLast(count - filled)` is valid. Called only from `peek`, whose precondition
    /// bounds `count` to 0...65536.
    private static func peekRegular(_ path: String, count: Int) -> [UInt8]? {
        let descriptor = openReadOnly(path)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var prefix = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = prefix.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(filled))
            }
            if result > 0 {
                filled += result
            } else if result == 0 {
                break
            } else if errno != EINTR {
                return nil
            }
        }
        prefix.removeLast(count - filled)
        return prefix
    }
}
