#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProgressLine {
    /// The sizes of the files at `paths` together: the bytes a progress line
    /// counts for text inputs (compressed bytes as stored).
    ///
    /// - Returns: nil when one of them is not a regular file (`-`, a FIFO, a
    ///   device: its size is unknown until it ends).
    /// - Complexity: one `stat(2)` per path.
    package static func fileBytes(_ paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            var status = stat()
            guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
            total += Int(status.st_size)
        }
        return total
    }
}
