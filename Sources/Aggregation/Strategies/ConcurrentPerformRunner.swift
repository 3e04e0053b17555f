import Dispatch
import Synchronization

/// `concurrent-perform`: `threads` workers in `DispatchQueue.concurrentPerform`,
/// each taking the next unit from a shared atomic counter (dynamic
/// balancing), each owning its processor and partial aggregate. Partials
/// are merged in worker order after all workers finish.
enum ConcurrentPerformRunner {
    /// State shared by the workers; each slot is written by one worker only.
    final class Shared: @unchecked Sendable {
        // @unchecked Sendable: `partials[w]` and `failures[w]` are written only by
        // worker w, and read after concurrentPerform returns (a full barrier).
        let next = Atomic<Int>(0)
        var partials: [PartialAggregate]
        var failures: [(unit: Int, error: any Error)?]

        init(workers: Int) {
            partials = (0..<workers).map { _ in PartialAggregate() }
            failures = Array(repeating: nil, count: workers)
        }
    }

    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = min(threads, max(plan.unitCount, 1))
        let shared = Shared(workers: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let processor = plan.makeProcessor()
            let partial = shared.partials[worker]
            while true {
                let unit = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard unit < plan.unitCount else { return }
                do {
                    try processor.process(unit: unit, into: partial)
                } catch {
                    shared.failures[worker] = (unit, error)
                    // Skip the remaining units: the run fails anyway.
                    shared.next.store(plan.unitCount, ordering: .relaxed)
                    return
                }
            }
        }
        if let failure = shared.failures.compactMap({ $0 }).min(by: { $0.unit < $1.unit }) {
            throw failure.error
        }
        let merged = shared.partials[0]
        for partial in shared.partials.dropFirst() { merged.merge(partial) }
        return merged
    }
}
