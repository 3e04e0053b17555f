import Dispatch

/// `concurrent-perform`: `threads` workers in `DispatchQueue.concurrentPerform`,
/// each claiming the next unit (dynamic balancing), each owning its
/// processor and partial aggregate. Partials are merged in worker order
/// after all workers finish.
enum ConcurrentPerformRunner {
    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = plan.units.workers(threads: threads)
        // partials[w] is used only by worker w, and read after concurrentPerform returns (a full barrier).
        let partials = (0..<workers).map { _ in UncheckedBox(PartialAggregate()) }
        let failures = FailureCollector()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let processor = plan.makeProcessor()
            let partial = partials[worker].value
            while let unit = plan.units.claim(failures: failures) {
                do {
                    try processor.process(unit: unit, into: partial)
                } catch {
                    failures.record(unit: unit, error)
                    // Hand out no more units: the run fails anyway.
                    plan.units.stop()
                    return
                }
            }
        }
        try failures.throwIfFailed()
        let merged = partials[0].value
        for partial in partials.dropFirst() { merged.merge(partial.value) }
        return merged
    }
}
