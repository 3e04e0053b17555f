import MappedIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule that an output never overwrites an input: every command checks
/// its output files against its (expanded) input files before any work.
package enum OutputTargets {
    /// Refuses outputs that name an input or each other.
    ///
    /// Two paths are the same file when they have the same device and inode
    /// (hard and symbolic links included); an output that does not exist yet
    /// is compared by its resolved path (directory resolved, name appended).
    /// Devices, FIFOs and `/dev/stdout` are written in place, never replaced,
    /// and are not compared.
    ///
    /// - Parameters:
    ///   - outputs: the files the run will write (`-` = stdout is ignored).
    ///   - inputs: the files the run reads (`-` = stdin is ignored).
    /// - Throws: `RooError(.cannotCreate)` (exit 73) naming both paths.
    /// - Complexity: O(outputs × inputs) `stat` calls at most.
    package static func check(outputs: [String], inputs: [String]) throws {
        let files = outputs.filter { $0 != "-" && isReplaceable($0) }
        guard !files.isEmpty else { return }
        var inputsByIdentity: [FileIdentity: String] = [:]
        var inputsByPath: [String: String] = [:]
        for input in inputs where input != "-" {
            if let identity = FileIdentity(path: input) { inputsByIdentity[identity] = input }
            inputsByPath[resolvedPath(input)] = input
        }
        var outputsByPath: [String: String] = [:]
        for output in files {
            let resolved = resolvedPath(output)
            let input = FileIdentity(path: output).flatMap { inputsByIdentity[$0] } ?? inputsByPath[resolved]
            if let input {
                let same = input == output ? "" : " (\(input))"
                throw RooError(
                    .cannotCreate,
                    "\(output): is an input of this run\(same); roo never writes over its inputs: choose another "
                        + "output path"
                )
            }
            if let other = outputsByPath[resolved] {
                let same = other == output ? "" : " (also given as \(other))"
                throw RooError(
                    .cannotCreate, "\(output): given as two outputs of this run\(same): choose different paths")
            }
            outputsByPath[resolved] = output
        }
    }

    /// Whether `OutputFile` writes into `path` in place (an existing device,
    /// FIFO or socket, or any path under `/dev/` or `/proc/`) rather than
    /// replacing it; a directory is neither.
    package static func isWrittenInPlace(_ path: String) -> Bool {
        !isReplaceable(path) && FileKind(path: path) != .directory
    }

    /// Whether `OutputFile` would replace the target (a regular file or a
    /// new path), rather than write into it in place.
    private static func isReplaceable(_ path: String) -> Bool {
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return false }
        guard let kind = FileKind(path: path) else { return true }
        return kind == .regular
    }

    /// `path` with its directory resolved (`realpath`) and its name kept, so
    /// that `./a.csv`, `a.csv` and `dir/../a.csv` compare equal whether or
    /// not the file exists.
    static func resolvedPath(_ path: String) -> String {
        if let resolved = realPath(path) { return resolved }
        let directory = OutputFile.directory(of: path)
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard let base = realPath(directory) else { return path }
        return (base == "/" ? "" : base) + "/" + name
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
