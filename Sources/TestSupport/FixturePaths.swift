#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where tests find their inputs.
public enum FixturePaths {
    /// The package root (derived from this file's path).
    public static var packageRoot: String {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Sources/TestSupport/FixturePaths.swift
        return components.joined(separator: "/")
    }

    /// The conformance corpus (Parquet files from other writers with their
    /// expected values, and malformed files): `$ROO_CONFORMANCE_DIR`, which
    /// `scripts/test.sh` sets when it is unset. Without it the path names the
    /// variable, so the conformance tests fail saying what to set.
    public static var conformance: String {
        if let directory = getenv("ROO_CONFORMANCE_DIR"), directory.pointee != 0 { return String(cString: directory) }
        return "(set ROO_CONFORMANCE_DIR to the conformance corpus, or run scripts/test.sh)"
    }

    /// `Fixtures/` inside the package.
    public static var fixtures: String { packageRoot + "/Fixtures" }

    /// The `roo` binary built next to the test bundle.
    public static func rooBinary(configuration: String = "debug") -> String {
        packageRoot + "/.build/\(configuration)/roo"
    }

    /// Whether a file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// File names in `directory` (not recursive), sorted.
    public static func list(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        // Safe because: `entry` is read before the next `readdir`/`closedir` (which may reuse it);
        // `withUnsafeBytes(of:)` spans exactly the fixed-size `d_name` array, and `prefix` stops at its first
        // NUL or at its end, whichever comes first.
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads a whole file; nil if it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        guard let stream = fopen(path, "rb") else { return nil }
        defer { fclose(stream) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, stream)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Writes `bytes` to `path`, replacing it.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let stream = fopen(path, "wb") else { return false }
        defer { fclose(stream) }
        return bytes.isEmpty || fwrite(bytes, 1, bytes.count, stream) == bytes.count
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory() -> String {
        var template = Array("/tmp/roo-test-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return "/tmp" }
            return String(cString: result)
        }
    }
}
