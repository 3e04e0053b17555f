import Customs

/// Strict UTF-8 decoding with positions (no overlong forms, surrogates or
/// values past U+10FFFF).
enum UTF8Scalars {
    /// The scalars of `bytes`, without one leading byte order mark.
    ///
    /// - Throws: `TOMLSubsetError` at the first byte that does not start a
    ///   valid sequence.
    /// - Complexity: O(bytes.count).
    static func decode(_ bytes: [UInt8], path: String) throws(TOMLSubsetError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var position = TOMLPosition(line: 1, column: 1)
        while offset < bytes.count {
            guard let (scalar, length) = sequence(in: bytes, at: offset) else {
                throw TOMLSubsetError(
                    path: path, position: position,
                    message:
                        "invalid TOML: invalid UTF-8 (byte "
                        + "0x\(TOMLSubset.hexadecimal(UInt32(bytes[offset]), digits: 2)))"
                )
            }
            scalars.append(scalar)
            offset += length
            if scalar == "\n" {
                position = TOMLPosition(line: position.line + 1, column: 1)
            } else {
                position.column += 1
            }
        }
        return scalars
    }

    /// The scalar starting at `offset` and its length in bytes, or nil when
    /// the bytes there are not a valid, shortest-form sequence.
    ///
    /// - Precondition: `offset < bytes.count`.
    /// - Complexity: O(1).
    static func sequence(in bytes: [UInt8], at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let length = KeyText.scalarLength(bytes, at: offset)
        guard length > 0,
            let scalar = String(decoding: bytes[offset..<(offset + length)], as: UTF8.self).unicodeScalars.first
        else { return nil }
        return (scalar, length)
    }
}
