import MappedIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to descriptor 1.
package enum StandardOutput {
    /// Writes all of `bytes`, retrying short and interrupted writes.
    ///
    /// - Throws: `RooError(.ioError)` (e.g. a closed pipe).
    package static func writeAll(_ bytes: [UInt8]) throws {
        var written = 0
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            // Safe because: the loop runs only while `written < raw.count`, `write(2)` is asked for the
            // `raw.count - written` bytes left after `base + written`, and a non-negative result is at most that.
            while written < raw.count {
                let result = write(1, base + written, raw.count - written)
                if result < 0 {
                    let number = errno
                    if number == EINTR { continue }
                    throw RooError(.ioError, "stdout: \(SystemError.describe(errno: number))")
                }
                written += result
            }
        }
    }
}
