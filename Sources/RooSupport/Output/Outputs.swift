import MappedIO

/// Opening and committing roo's output files (`OutputFile`), with errors
/// as `RooError`: an output that cannot be created is exit 73, a failed
/// write exit 74.
package enum Outputs {
    /// Opens `path` for writing (staged, or in place for a device or FIFO).
    package static func open(_ path: String) throws -> OutputFile {
        do { return try OutputFile(path: path) } catch { throw RooError(error) }
    }

    /// Commits `files` as one set (`OutputFile.commit(_:)`): all appear, or none.
    package static func commit(_ files: [OutputFile]) throws {
        do { try OutputFile.commit(files) } catch { throw RooError(error) }
    }

    /// Writes the whole file `path` (staged, renamed into place), refusing a
    /// path that is one of `inputs`.
    ///
    /// - Throws: `RooError(.cannotCreate)` / `.ioError`.
    package static func write(_ bytes: [UInt8], toFile path: String, inputs: [String] = []) throws {
        try OutputTargets.check(outputs: [path], inputs: inputs)
        let file = try open(path)
        try write(bytes, to: file)
        try commit([file])
    }

    /// Appends `bytes` to `file`.
    package static func write(_ bytes: [UInt8], to file: OutputFile) throws {
        do { try file.write(bytes) } catch { throw RooError(error) }
    }
}
