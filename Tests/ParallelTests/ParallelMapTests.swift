import Parallel
import Synchronization
import Testing

/// The one ordered parallel map (ingest's chunk conversion, generate's row groups).
struct ParallelMapTests {
    @Test func resultsComeInIndexOrder() {
        let squares = ParallelMap.ordered(1_000) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(ParallelMap.ordered(0) { $0 }.isEmpty)
    }

    /// With a worker limit (`--threads`), every index still runs once, results in index order, and no more
    /// than `workers` run at once.
    @Test(arguments: [1, 2, 3, 16])
    func aWorkerLimitKeepsTheOrderAndTheLimit(workers: Int) {
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let calls = Atomic<Int>(0)
        let cubes = ParallelMap.ordered(200, workers: workers) { index in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            _ = most.max(now, ordering: .sequentiallyConsistent)
            calls.add(1, ordering: .relaxed)
            defer { running.subtract(1, ordering: .sequentiallyConsistent) }
            return index * index * index
        }
        #expect(cubes == (0..<200).map { $0 * $0 * $0 })
        #expect(calls.load(ordering: .relaxed) == 200)
        #expect(most.load(ordering: .sequentiallyConsistent) <= workers)
        #expect(ParallelMap.ordered(0, workers: workers) { $0 }.isEmpty)
    }

    /// An array made in place by several workers, piece by piece, is the array `map` makes (counts at and
    /// around the piece boundaries, and none).
    @Test(arguments: [1, 2, 3])
    func anArrayMadeInPlaceEqualsTheMap(workers: Int) {
        for count in [0, 1, 63, 64, 65, 1_000] {
            let made = ParallelMap.array(count: count, workers: workers, piece: 64) { "row \($0)" }
            #expect(made == (0..<count).map { "row \($0)" }, "\(count) at \(workers) workers")
        }
    }

    struct Failure: Error, Equatable { let index: Int }

    /// Whatever order the iterations run in, the error of the lowest failing
    /// index is the one thrown, and every index still runs once.
    @Test func theLowestFailingIndexIsThrown() {
        let calls = Atomic<Int>(0)
        #expect(throws: Failure(index: 3)) {
            try ParallelMap.ordered(64) { (index: Int) throws(Failure) -> Int in
                calls.add(1, ordering: .relaxed)
                if index % 7 == 3 { throw Failure(index: index) }
                return index
            }
        }
        #expect(calls.load(ordering: .relaxed) == 64)
    }
}
