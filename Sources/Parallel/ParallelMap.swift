import Dispatch
import Synchronization

/// The one ordered parallel map of roo (ingest converts CSV chunks with it,
/// generate encodes row groups, the summary tables are built with it):
/// `count` iterations of `transform` on Dispatch's pool, results in index order.
public enum ParallelMap {
    /// `[transform(0), transform(1), …, transform(count - 1)]`, computed
    /// concurrently (`DispatchQueue.concurrentPerform`), by at most `workers`
    /// threads at once (one per index when nil; Dispatch runs as many at
    /// once as the machine has cores), each claiming the lowest index no
    /// worker has claimed yet: put the longest work first.
    ///
    /// - Precondition: `transform` is safe to call from several threads at
    ///   once for different indices; `workers` is nil or ≥ 1.
    /// - Throws: the error of the lowest index that failed (whatever the
    ///   order the iterations ran in, so a run fails the same way every time).
    /// - Complexity: O(count) slots; the work of `count` calls spread over
    ///   the workers.
    public static func ordered<Element, Failure: Error>(
        _ count: Int, workers: Int? = nil, _ transform: @Sendable (Int) throws(Failure) -> Element
    ) throws(Failure) -> [Element] {
        precondition(workers.map { $0 >= 1 } ?? true, "at least one worker")
        let slots = Slots<Element, Failure>(count)
        let threads = min(workers ?? count, count)
        if threads == 1 {
            for index in 0..<count { slots.run(index, transform) }
        } else if threads > 1 {
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    slots.run(index, transform)
                }
            }
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        // Every slot is set: each index ran once, before concurrentPerform returned.
        for case let result? in slots.results { elements.append(try result.get()) }
        return elements
    }

    /// `[make(0), make(1), …, make(count - 1)]` made by up to `workers` threads, `piece` indices at a time,
    /// each element written in place into the one result array (no array per piece, no copy after).
    ///
    /// Safe because: each piece initializes only its own indices `low..<high` of the buffer, pieces are
    /// disjoint and cover `0..<count`, and the count is set only after every piece has run.
    ///
    /// - Precondition: `make` is safe to call from several threads at once; `workers` ≥ 1, `piece` ≥ 1.
    /// - Complexity: O(count) calls of `make`, spread over the workers.
    public static func array<Element>(
        count: Int, workers: Int, piece: Int = 1 << 16, _ make: @Sendable (Int) -> Element
    ) -> [Element] {
        precondition(workers >= 1 && piece >= 1, "at least one worker and one index a piece")
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Shared by the pieces below, each initializing only its own range.
            nonisolated(unsafe) let base = buffer.baseAddress
            let pieces = (count + piece - 1) / piece
            _ = ordered(pieces, workers: workers) { index in
                let low = index * piece
                for position in low..<min(low + piece, count) {
                    // Safe because: `position` < count ≤ the buffer's capacity, so base is not nil here.
                    (base.unsafelyUnwrapped + position).initialize(to: make(position))
                }
            }
            initialized = count
        }
    }

    /// One result per iteration.
    private final class Slots<Element, Failure: Error>: @unchecked Sendable {
        // @unchecked Sendable: slot i is written only by iteration i, and read
        // after concurrentPerform returns (a full barrier).
        var results: [Result<Element, Failure>?]
        init(_ count: Int) { results = Array(repeating: nil, count: count) }

        /// Runs iteration `index` into its slot.
        func run(_ index: Int, _ transform: (Int) throws(Failure) -> Element) {
            do throws(Failure) {
                results[index] = .success(try transform(index))
            } catch {
                results[index] = .failure(error)
            }
        }
    }
}
