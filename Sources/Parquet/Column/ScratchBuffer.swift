/// A growable, reusable buffer of trivial values (DuckDB's `ResizableBuffer`).
///
/// Capacity only grows (in powers of two) and is kept across `removeAll()`,
/// so steady-state decoding allocates nothing. Memory is 16-byte aligned,
/// so a byte buffer can be viewed as any fixed-width number type.
public final class ScratchBuffer<Element: BitwiseCopyable> {
    static var alignmentBytes: Int { 16 }

    @usableFromInline var base: UnsafeMutablePointer<Element>
    /// Elements allocated.
    public private(set) var capacity: Int
    /// Elements in use.
    @inlinable public var count: Int {
        get { _count }
        set {
            assert(newValue >= 0 && newValue <= capacity)
            _count = newValue
        }
    }
    @usableFromInline var _count: Int = 0

    /// An empty buffer with room for `capacity` elements.
    public init(capacity: Int = 16) {
        let wanted = max(capacity, 1)
        base = ScratchBuffer.allocate(wanted)
        self.capacity = wanted
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: count * MemoryLayout<Element>.stride,
            alignment: max(alignmentBytes, MemoryLayout<Element>.alignment)
        )
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// Makes room for at least `minimumCapacity` elements, keeping the contents.
    ///
    /// - Complexity: O(count) when it grows, else O(1).
    @inlinable
    public func reserve(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(minimumCapacity) }
    }

    /// Safe because: the new block holds `newCapacity >= capacity` elements (doubling from `capacity >= 1`, set at
    /// init, until it reaches `minimumCapacity`), and only the `count <= capacity` elements in use are copied out of
    /// the old block before it is freed (every writer of `count` reserves first).
    @usableFromInline
    func grow(_ minimumCapacity: Int) {
        var newCapacity = capacity
        while newCapacity < minimumCapacity { newCapacity *= 2 }
        let newBase = ScratchBuffer.allocate(newCapacity)
        newBase.update(from: base, count: count)
        UnsafeMutableRawPointer(base).deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Sets `count` to 0, keeping capacity.
    @inlinable public func removeAll() { count = 0 }

    /// Sets `count` to `newCount`, growing as needed. New elements are uninitialised
    /// (trivial types: their bytes are whatever was there).
    @inlinable
    public func resize(_ newCount: Int) {
        reserve(newCount)
        count = newCount
    }

    /// Appends one element.
    @inlinable
    public func append(_ element: Element) {
        if count == capacity { grow(count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Appends raw bytes' worth of elements.
    @inlinable
    public func append(contentsOf source: UnsafeBufferPointer<Element>) {
        reserve(count + source.count)
        if let address = source.baseAddress { (base + count).update(from: address, count: source.count) }
        count += source.count
    }

    /// Pointer to the first element; valid until the next growth.
    @inlinable public var pointer: UnsafeMutablePointer<Element> { base }

    /// The elements in use; valid until the next mutation that grows the buffer.
    @inlinable public var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Element at `index`. - Precondition: `index < count` (checked in debug builds).
    @inlinable
    public subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }
}
