import Dispatch

/// The one ordered parallel map of the command layer (ingest converts CSV
/// chunks with it, generate encodes row groups): `count` iterations of
/// `transform` on Dispatch's pool, results in index order.
package enum ParallelMap {
    /// `[transform(0), transform(1), …, transform(count - 1)]`, computed
    /// concurrently (`DispatchQueue.concurrentPerform`).
    ///
    /// - Precondition: `transform` is safe to call from several threads at
    ///   once for different indices.
    /// - Throws: the error of the lowest index that failed (whatever the
    ///   order the iterations ran in, so a run fails the same way every time).
    /// - Complexity: O(count) slots; the work of `count` calls spread over
    ///   the pool.
    package static func ordered<Element, Failure: Error>(
        _ count: Int, _ transform: @Sendable (Int) throws(Failure) -> Element
    ) throws(Failure) -> [Element] {
        let slots = Slots<Element, Failure>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do throws(Failure) {
                slots.results[index] = .success(try transform(index))
            } catch {
                slots.results[index] = .failure(error)
            }
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        // Every slot is set: concurrentPerform ran each index once before returning.
        for case let result? in slots.results { elements.append(try result.get()) }
        return elements
    }

    /// One result per iteration.
    private final class Slots<Element, Failure: Error>: @unchecked Sendable {
        // @unchecked Sendable: slot i is written only by iteration i, and read
        // after concurrentPerform returns (a full barrier).
        var results: [Result<Element, Failure>?]
        init(_ count: Int) { results = Array(repeating: nil, count: count) }
    }
}
