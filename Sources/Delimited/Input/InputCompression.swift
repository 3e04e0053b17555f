/// How the bytes of an input file are compressed, detected from its first
/// bytes (the magic number), never from the file name.
public enum InputCompression: Sendable, Equatable {
    /// Plain bytes.
    case none
    /// One or more gzip members (RFC 1952), magic `1f 8b`.
    case gzip
    /// One or more zstd frames (RFC 8878), magic `28 b5 2f fd`.
    case zstd

    /// The number of leading bytes `detect(prefix:)` needs to decide.
    static let magicByteCountMax = 4

    /// The compression whose magic number starts `prefix`, else `.none`.
    ///
    /// - Parameter prefix: the first bytes of the file; fewer than
    ///   `magicByteCountMax` only when the file is that short.
    /// - Returns: `.gzip` for `1f 8b`, `.zstd` for `28 b5 2f fd`, else `.none`.
    /// - Complexity: O(1).
    static func detect(prefix: UnsafeRawBufferPointer) -> InputCompression {
        if prefix.count >= 2, prefix[0] == 0x1f, prefix[1] == 0x8b { return .gzip }
        if prefix.count >= 4, prefix[0] == 0x28, prefix[1] == 0xb5, prefix[2] == 0x2f, prefix[3] == 0xfd {
            return .zstd
        }
        return .none
    }
}
