/// A bounds-checked reader over a borrowed byte range.
///
/// Every checked read returns `nil` when the range does not hold enough bytes,
/// so callers turn that into an error with their own context. Range checks
/// compare by subtraction and never compute `offset + length`, so they cannot
/// overflow (swift-nio's `rangeWithinReadableBytes`).
///
/// The cursor does not own its memory: it is valid only while the owner of
/// `bytes` (usually a `MappedFile`) is alive.
public struct ByteCursor {
    /// The bytes this cursor reads.
    public let bytes: UnsafeRawBufferPointer
    /// Index of the next byte to read, `0...bytes.count`.
    @inlinable public var position: Int { _position }
    @usableFromInline var _position: Int

    /// A cursor at the start of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self._position = 0
    }

    /// Bytes left after `position`.
    @inlinable public var remaining: Int { bytes.count - position }

    /// Whether `offset..<offset+length` lies inside `0..<limit`, computed without overflow.
    @inlinable
    public static func isRangeValid(offset: Int, length: Int, limit: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= limit && length <= limit - offset
    }

    /// The sub-range `offset..<offset+length` of the whole buffer, or `nil` if
    /// any part lies outside it or either number is negative.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func slice(offset: Int, length: Int) -> UnsafeRawBufferPointer? {
        guard ByteCursor.isRangeValid(offset: offset, length: length, limit: bytes.count) else { return nil }
        // Safe because the range was validated above against `bytes.count`.
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }

    /// Moves `position` to `offset`; `nil` if `offset` lies outside `0...count`.
    @inlinable
    public mutating func seek(to offset: Int) -> Void? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        _position = offset
        return ()
    }

    /// Reads `length` bytes at `position` and advances; `nil` if fewer remain.
    @inlinable
    public mutating func readBytes(_ length: Int) -> UnsafeRawBufferPointer? {
        guard let range = slice(offset: position, length: length) else { return nil }
        _position += length
        return range
    }

    /// Reads one byte and advances; `nil` at the end.
    @inlinable
    public mutating func readUInt8() -> UInt8? {
        guard position < bytes.count else { return nil }
        // Safe because position < count.
        let value = bytes[position]
        _position += 1
        return value
    }

    /// Reads a little-endian fixed-width integer and advances; `nil` if too few bytes remain.
    @inlinable
    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { return nil }
        // Safe because `size <= remaining` was checked; loadUnaligned tolerates any alignment.
        let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
        _position += size
        return value
    }

    /// Reads a little-endian integer at an absolute offset without moving; `nil` if out of range.
    @inlinable
    public func peekLittleEndian<T: FixedWidthInteger>(at offset: Int, as _: T.Type = T.self) -> T? {
        guard ByteCursor.isRangeValid(offset: offset, length: MemoryLayout<T>.size, limit: bytes.count) else {
            return nil
        }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Advances `position` by `count` bytes; `nil` if fewer remain.
    @inlinable
    public mutating func skip(_ count: Int) -> Void? {
        guard count >= 0, count <= remaining else { return nil }
        _position += count
        return ()
    }

    /// Reads one byte without bounds checking.
    ///
    /// - Precondition: `remaining >= 1`, established by the caller's batch check.
    @inlinable
    public mutating func uncheckedReadUInt8() -> UInt8 {
        let value = bytes[position]
        _position += 1
        return value
    }
}
