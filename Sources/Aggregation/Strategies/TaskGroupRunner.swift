import Dispatch
import Synchronization

/// `task-group`: Swift structured concurrency. `threads` child tasks of a
/// `withTaskGroup` claim units in order, each with its own
/// processor and partial; the parent merges the partials in task order.
/// The synchronous caller waits on a semaphore; the tasks run on
/// `DispatchTaskExecutor`, so they never wait for the thread the caller
/// blocks (which may be a thread of Swift's cooperative pool).
enum TaskGroupRunner {
    static let executor = DispatchTaskExecutor()

    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = plan.units.workers(threads: threads)
        let result = UncheckedBox<PartialAggregate?>(nil)
        let failures = FailureCollector()
        let done = DispatchSemaphore(value: 0)
        Task.detached(executorPreference: executor) {
            let partials = await withTaskGroup(of: (Int, UncheckedBox<PartialAggregate>).self) { group in
                for worker in 0..<workers {
                    group.addTask(executorPreference: executor) {
                        let processor = plan.makeProcessor()
                        let partial = PartialAggregate()
                        while !failures.hasFailure, let unit = plan.units.claim(failures: failures) {
                            do { try processor.process(unit: unit, into: partial) } catch {
                                failures.record(unit: unit, error)
                                break
                            }
                        }
                        return (worker, UncheckedBox(partial))
                    }
                }
                var collected: [(Int, UncheckedBox<PartialAggregate>)] = []
                for await item in group { collected.append(item) }
                return collected.sorted { $0.0 < $1.0 }.map(\.1.value)
            }
            let merged = partials.first ?? PartialAggregate()
            for partial in partials.dropFirst() { merged.merge(partial) }
            result.value = merged
            done.signal()
        }
        done.wait()
        try failures.throwIfFailed()
        return result.value ?? PartialAggregate()
    }
}

/// Runs jobs on Dispatch threads instead of Swift's cooperative pool. The
/// pool has one thread per core: when callers block all of them (two
/// synchronous `task-group` runs side by side on a 2-core machine, each
/// waiting on its semaphore from a pool thread), tasks queued to the pool
/// never start. Dispatch adds threads while others are blocked.
final class DispatchTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "roo.task-group", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
