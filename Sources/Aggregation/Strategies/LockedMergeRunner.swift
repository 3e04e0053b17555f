import Dispatch
import Synchronization

/// `locked-merge`: `threads` workers claim units in order,
/// aggregate each unit into a fresh local partial, then merge it into one
/// shared accumulator under a lock (the lock is held once per unit, never
/// per line).
enum LockedMergeRunner {
    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = plan.units.workers(threads: threads)
        let shared = Mutex(UncheckedBox(PartialAggregate()))
        let failures = FailureCollector()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let processor = plan.makeProcessor()
            while !failures.hasFailure, let unit = plan.units.claim(failures: failures) {
                let local = PartialAggregate()
                do {
                    try processor.process(unit: unit, into: local)
                } catch {
                    failures.record(unit: unit, error)
                    return
                }
                shared.withLock { $0.value.merge(local) }
            }
        }
        try failures.throwIfFailed()
        return shared.withLock { $0.value }
    }
}
