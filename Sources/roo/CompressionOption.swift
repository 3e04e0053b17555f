import ArgumentParser
import Parquet

/// `--compression zstd[:LEVEL]|snappy|none` of the commands that write
/// Parquet, parsed once when the arguments are read; a wrong value is kept
/// with its problem and refused by `check()` in `validate()`.
struct CompressionOption: ExpressibleByArgument, Sendable {
    let text: String
    let codec: CompressionCodec
    let zstdLevel: Int32
    private let problem: String?

    init(argument: String) {
        text = argument
        let parts = argument.lowercased().split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(
            String.init)
        switch parts.first {
        case "zstd":
            let level = parts.count == 2 ? Int32(parts[1]) : 3
            if let level, (1...22).contains(level) {
                (codec, zstdLevel, problem) = (.zstd, level, nil)
            } else {
                (codec, zstdLevel, problem) = (.zstd, 3, "--compression zstd:LEVEL takes a level 1...22")
            }
        case "snappy": (codec, zstdLevel, problem) = (.snappy, 0, nil)
        case "none", "uncompressed": (codec, zstdLevel, problem) = (.uncompressed, 0, nil)
        default: (codec, zstdLevel, problem) = (.zstd, 3, "--compression must be zstd[:LEVEL], snappy or none")
        }
    }

    static let zstd = CompressionOption(argument: "zstd")

    var defaultValueDescription: String { text }

    /// - Throws: `ValidationError` saying which forms are accepted.
    func check() throws {
        if let problem { throw ValidationError(problem) }
    }
}
