#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands inputs: files as given, directories recursed for `*.parquet` and
/// `*.csv*`, `-` for CSV on standard input.
enum InputExpansion {
    /// The data files of `inputs`, directories expanded (sorted bytewise).
    ///
    /// - Throws: `RooError(.noInput)` for a missing input or an empty directory.
    /// - Parameter everyFile: take every (non-hidden) file of a directory,
    ///   not only `*.parquet`/`*.csv*` (`--layout` inputs: `*.TXT`, `*.ZIP`, `*.asc`).
    static func parquetFiles(_ inputs: [String], everyFile: Bool = false) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            if input == "-" {
                // CSV on standard input (plain, gzip or zstd), read once.
                guard !files.contains("-") else { throw RooError(.usage, "- (standard input) can be given only once") }
                files.append(input)
                continue
            }
            var status = stat()
            guard stat(input, &status) == 0 else {
                throw RooError(.noInput, "\(input): \(String(cString: strerror(errno)))")
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                let found = walk(input, everyFile: everyFile).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                guard !found.isEmpty else { throw RooError(.noInput, "\(input): directory holds no *.parquet or *.csv* files") }
                files += found
            } else {
                files.append(input)
            }
        }
        guard !files.isEmpty else { throw RooError(.usage, "no input files") }
        return files
    }

    private static func walk(_ directory: String, everyFile: Bool) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                result += walk(path, everyFile: everyFile)
            } else if everyFile || name.hasSuffix(".parquet") || name.contains(".csv") {
                result.append(path)
            }
        }
        return result
    }
}

extension InputExpansion {
    /// Whether `path` is a Parquet file (leading magic `PAR1`); anything else is read as CSV.
    static func isParquet(_ path: String) -> Bool {
        guard path != "-" else { return false }
        guard let stream = fopen(path, "rb") else { return path.hasSuffix(".parquet") }
        defer { fclose(stream) }
        var magic = [UInt8](repeating: 0, count: 4)
        return fread(&magic, 1, 4, stream) == 4 && magic == Array("PAR1".utf8)
    }
}
