import Dispatch
import Synchronization

/// `work-queue`: one block per work unit on a concurrent `DispatchQueue`,
/// tracked by a `DispatchGroup`. A semaphore admits `threads` blocks at a
/// time; each takes a free worker (processor + partial) from a locked pool,
/// so per-worker state is never shared. Plans for this strategy use small
/// units (row ranges of a row group) so the queue balances the load.
enum WorkQueueRunner {
    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = plan.units.workers(threads: threads)
        let pool = Mutex<[Int]>(Array(0..<workers))
        let states = (0..<workers).map { _ in UncheckedBox((plan.makeProcessor(), PartialAggregate())) }
        let queue = DispatchQueue(label: "roo.work-queue", attributes: .concurrent)
        let group = DispatchGroup()
        let admission = DispatchSemaphore(value: workers)
        let failures = FailureCollector()
        while true {
            admission.wait()
            // Claimed (and, for text, read) here while admitted blocks aggregate.
            guard !failures.hasFailure, let unit = plan.units.claim(failures: failures) else {
                admission.signal()
                break
            }
            queue.async(group: group) {
                defer { admission.signal() }
                // A free worker exists: admission allows at most `workers` blocks.
                guard let worker = pool.withLock({ $0.popLast() }) else { return }
                defer { pool.withLock { $0.append(worker) } }
                let state = states[worker]
                do {
                    try state.value.0.process(unit: unit, into: state.value.1)
                } catch {
                    failures.record(unit: unit, error)
                }
            }
        }
        group.wait()
        try failures.throwIfFailed()
        let merged = states[0].value.1
        for state in states.dropFirst() { merged.merge(state.value.1) }
        return merged
    }
}
