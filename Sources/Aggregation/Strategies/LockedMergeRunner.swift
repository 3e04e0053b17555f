import Dispatch
import Synchronization

/// `locked-merge`: `threads` workers take units from an atomic counter,
/// aggregate each unit into a fresh local partial, then merge it into one
/// shared accumulator under a lock (the lock is held once per unit, never
/// per line).
enum LockedMergeRunner {
    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = min(threads, max(plan.unitCount, 1))
        let shared = Mutex(UncheckedBox(PartialAggregate()))
        let next = Atomic<Int>(0)
        let failures = FailureCollector()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let processor = plan.makeProcessor()
            while !failures.hasFailure {
                let unit = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard unit < plan.unitCount else { return }
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
