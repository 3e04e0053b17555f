import Dispatch

/// How the kernel is parallelised (SPEC §4). Every strategy produces the
/// same merged aggregate, hence byte-identical tables.
public enum Strategy: String, CaseIterable, Sendable {
    /// One thread, the baseline.
    case serial
    /// `DispatchQueue.concurrentPerform` over work units; one accumulator per
    /// worker; partials merged in worker order.
    case concurrentPerform = "concurrent-perform"
}

/// The per-worker side of a plan: decodes and aggregates work units.
public protocol WorkUnitProcessor: AnyObject {
    /// Aggregates work unit `unit` into `partial`.
    func process(unit: Int, into partial: PartialAggregate) throws
}

/// What to run: `unitCount` work units, and a factory for per-worker processors.
public struct AggregationPlan: Sendable {
    public var unitCount: Int
    public var makeProcessor: @Sendable () -> any WorkUnitProcessor

    public init(unitCount: Int, makeProcessor: @escaping @Sendable () -> any WorkUnitProcessor) {
        self.unitCount = unitCount
        self.makeProcessor = makeProcessor
    }
}

extension Strategy {
    /// Runs `plan` with `threads` workers (serial always uses one).
    ///
    /// - Throws: the error of the lowest-numbered failing work unit, so the
    ///   message does not depend on scheduling.
    public func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        switch self {
        case .serial: try SerialRunner.run(plan)
        case .concurrentPerform: try ConcurrentPerformRunner.run(plan, threads: max(1, threads))
        }
    }
}
