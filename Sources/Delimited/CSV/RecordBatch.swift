/// The records of one chunk, parsed: fields as byte ranges, raw text, line
/// numbers and malformations.
///
/// Reusable: parse chunk after chunk into the same batch; its buffers only
/// grow, so steady-state parsing allocates nothing. One batch per worker
/// (not thread-safe). Field bytes stay valid until the next parse into the
/// batch.
///
/// Indices are program input, not file input: an out-of-range record or
/// field index traps.
public final class RecordBatch {
    // Exclusivity is not checked dynamically on these: a batch is used by
    // one thread, and no accessor runs while `parse` mutates them, so the
    // per-access runtime check would only cost time in the callers' loops.

    /// The raw chunk at `0..<rawCount`, then unescaped quoted fields.
    @exclusivity(unchecked) @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var storageCapacity: Int
    @exclusivity(unchecked) @usableFromInline var fields = SpanBuffer<FieldSpan>()
    @exclusivity(unchecked) @usableFromInline var records = SpanBuffer<RecordSpan>()
    /// Reasons of records a builder marked malformed, by record index.
    var builtMalformations: [Int: String] = [:]
    /// Bytes of `storage` in use while building (`RecordBatch+Build`).
    var builtStorageCount = 0

    /// An empty batch.
    public init() {
        storageCapacity = 64
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: storageCapacity)
    }

    deinit {
        storage.deallocate()
        fields.deallocate()
        records.deallocate()
    }

    /// The number of records (empty lines are not records).
    ///
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { records.count }

    /// The number of fields of record `record` (as in the file; rows may be
    /// ragged).
    ///
    /// - Parameter record: `0..<count`.
    /// - Complexity: O(1).
    @inlinable
    public func fieldCount(_ record: Int) -> Int { records[record].fieldCount }

    /// The bytes of field `field` of record `record`, unescaped (a quoted
    /// field without its quotes, `""` as `"`); valid until the next parse.
    ///
    /// - Parameters:
    ///   - record: `0..<count`.
    ///   - field: `0..<fieldCount(record)`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func field(_ record: Int, _ field: Int) -> UnsafeRawBufferPointer {
        let span = fields[fieldIndex(record, field)]
        return UnsafeRawBufferPointer(start: storage + span.start, count: span.end - span.start)
    }

    /// Whether field `field` of record `record` was written in quotes
    /// (`""` is a quoted empty field, `a,,b` has an unquoted one).
    ///
    /// - Parameters: as for `field(_:_:)`.
    /// - Complexity: O(1).
    @inlinable
    public func isQuoted(_ record: Int, _ field: Int) -> Bool {
        fields[fieldIndex(record, field)].isQuoted
    }

    /// The 1-based physical line on which record `record` starts.
    ///
    /// - Parameter record: `0..<count`.
    /// - Complexity: O(1).
    @inlinable
    public func lineNumber(_ record: Int) -> Int { records[record].lineNumber }

    /// The bytes of record `record` as in the file, without its LF or CRLF
    /// (for a rejects file); valid until the next parse.
    ///
    /// - Parameter record: `0..<count`.
    /// - Complexity: O(1).
    @inlinable
    public func rawText(_ record: Int) -> UnsafeRawBufferPointer {
        let span = records[record]
        return UnsafeRawBufferPointer(start: storage + span.rawStart, count: span.rawEnd - span.rawStart)
    }

    /// The offsets of `rawText(record)` in the chunk it was parsed from.
    ///
    /// - Parameter record: `0..<count`.
    public func rawRange(_ record: Int) -> Range<Int> {
        let span = records[record]
        return span.rawStart..<span.rawEnd
    }

    /// Why record `record` is malformed (`"unterminated quote"`, `"text after
    /// closing quote"`), or nil if it is well formed. The fields of a
    /// malformed record are a best effort.
    ///
    /// - Parameter record: `0..<count`.
    /// - Complexity: O(1).
    public func malformation(_ record: Int) -> String? {
        guard let malformation = records[record].malformation else { return nil }
        if malformation == .built, let reason = builtMalformations[record] { return reason }
        return malformation.reason
    }

    @inlinable
    func fieldIndex(_ record: Int, _ field: Int) -> Int {
        let span = records[record]
        // A static message: an interpolated one makes this too large to inline into the callers' loops.
        precondition(field >= 0 && field < span.fieldCount, "field index out of range")
        return span.firstField + field
    }
}
