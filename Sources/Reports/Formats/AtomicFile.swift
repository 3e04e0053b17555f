#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: a temporary file in the same directory, then rename.
public enum AtomicFile {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "\(path): \(detail)" }
    }

    /// Replaces `path` with `contents`; no partial file is ever visible and
    /// the temporary file is removed on failure.
    public static func write(_ contents: String, to path: String) throws(WriteError) {
        try write(bytes: Array(contents.utf8), to: path)
    }

    /// Replaces `path` with `bytes`, atomically as `write(_:to:)`.
    public static func write(bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        guard let stream = fopen(temporary, "wb") else {
            throw WriteError(path: path, detail: "cannot create: \(String(cString: strerror(errno)))")
        }
        var bytes = bytes
        let written = bytes.isEmpty ? 0 : fwrite(&bytes, 1, bytes.count, stream)
        let flushed = fflush(stream) == 0 && fsync(fileno(stream)) == 0
        fclose(stream)
        guard written == bytes.count, flushed else {
            unlink(temporary)
            throw WriteError(path: path, detail: "write failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, detail: "rename failed: \(detail)")
        }
    }
}
