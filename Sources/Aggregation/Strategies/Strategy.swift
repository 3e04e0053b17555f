import Dispatch

/// How the kernel is parallelised (docs/performance.md, Parallel strategies). Every strategy produces the
/// same merged aggregate, hence byte-identical tables.
public enum Strategy: String, CaseIterable, Sendable {
    /// One thread, the baseline.
    case serial
    /// `DispatchQueue.concurrentPerform` over work units; one accumulator per
    /// worker; partials merged in worker order.
    case concurrentPerform = "concurrent-perform"
    /// A concurrent `DispatchQueue` + `DispatchGroup`, one block per (small)
    /// work unit; at most `threads` blocks hold a worker at once.
    case workQueue = "work-queue"
    /// One shared accumulator updated with atomic adds (shows contention).
    case sharedAtomic = "shared-atomic"
    /// Each unit aggregated locally, then merged into one shared accumulator under a lock.
    case lockedMerge = "locked-merge"
    /// Swift structured concurrency: `withTaskGroup`, `threads` child tasks.
    case taskGroup = "task-group"

    /// Whether the strategy benefits from work units smaller than a row group.
    public var prefersSmallUnits: Bool { self == .workQueue }
}

/// The per-worker side of a plan: decodes work units into line blocks.
public protocol WorkUnitProcessor: AnyObject {
    /// Decodes work unit `unit` into a `LineBlock` of codes and passes it,
    /// with the kernel configuration for its file, to `body`.
    func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws
}

extension WorkUnitProcessor {
    /// Decodes work unit `unit` and aggregates it into `partial`.
    public func process(unit: Int, into partial: PartialAggregate) throws {
        try classify(unit: unit) { block, configuration in
            Kernel.aggregate(block, configuration: configuration, into: partial)
        }
    }
}

/// What to run: the work units, and a factory for per-worker processors
/// (one per worker for the whole run, so their scratch is built once).
public struct AggregationPlan: Sendable {
    public var units: WorkUnits
    public var makeProcessor: @Sendable () -> any WorkUnitProcessor

    public init(units: WorkUnits, makeProcessor: @escaping @Sendable () -> any WorkUnitProcessor) {
        self.units = units
        self.makeProcessor = makeProcessor
    }

    /// `unitCount` units known before the run.
    public init(unitCount: Int, makeProcessor: @escaping @Sendable () -> any WorkUnitProcessor) {
        self.init(units: WorkUnits(count: unitCount), makeProcessor: makeProcessor)
    }
}

extension Strategy {
    /// Runs `plan` with `threads` workers (serial always uses one).
    ///
    /// - Throws: the error of the lowest-numbered failing work unit, so the
    ///   message does not depend on scheduling.
    public func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let threads = max(1, threads)
        switch self {
        case .serial: return try SerialRunner.run(plan)
        case .concurrentPerform: return try ConcurrentPerformRunner.run(plan, threads: threads)
        case .workQueue: return try WorkQueueRunner.run(plan, threads: threads)
        case .sharedAtomic: return try SharedAtomicRunner.run(plan, threads: threads)
        case .lockedMerge: return try LockedMergeRunner.run(plan, threads: threads)
        case .taskGroup: return try TaskGroupRunner.run(plan, threads: threads)
        }
    }
}
