/// A growable list of plain values in memory owned by one `RecordBatch`.
///
/// Unlike `Array`, appending needs no uniqueness check, and `removeAll()`
/// keeps the memory: after the first chunks the parser no longer allocates.
///
/// Ownership is manual: the owner calls `deallocate()` once, and the value
/// must not be copied while it may grow (a copy would keep the old memory).
/// `RecordBatch` only mutates it in place (`inout` on its stored property).
/// (A `~Copyable` struct with a `deinit` would say this in the type, but
/// the 6.3 optimizer crashes inlining such a `deinit` into the
/// `@inlinable` accessors of `RecordBatch`.)
@usableFromInline
struct SpanBuffer<Element: BitwiseCopyable> {
    @usableFromInline private(set) var base: UnsafeMutablePointer<Element>
    @usableFromInline private(set) var count = 0
    private var capacity: Int

    init() {
        capacity = 64
        base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func deallocate() { base.deallocate() }

    /// The element at `index`, `0..<count` (a program error otherwise).
    @inlinable
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "span index out of range")
        // Safe because the index was checked above.
        return base[index]
    }

    /// Adds `element` at the end, doubling the memory when full.
    ///
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Empties the list, keeping its memory.
    mutating func removeAll() { count = 0 }

    /// Drops the elements from `newCount` on, keeping the memory.
    ///
    /// - Precondition: `0 <= newCount <= count`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "truncate to \(newCount) of \(count)")
        count = newCount
    }

    private mutating func grow() {
        let grown = capacity * 2
        let replacement = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        replacement.initialize(from: base, count: count)
        base.deallocate()
        base = replacement
        capacity = grown
    }
}
