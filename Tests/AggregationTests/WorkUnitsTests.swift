import Aggregation
import Foundation
import Synchronization
import Testing

/// Units read on demand (`WorkUnits(reading:)`, the text inputs' chunks)
/// and units known up front, under every strategy: every unit once, read
/// in order one at a time, the lowest failing unit's error reported, one
/// processor per worker for the whole run. Serialized: `task-group` waits
/// on a semaphore for its tasks, so cases running side by side could hold
/// every thread of the test's cooperative pool.
@Suite(.serialized) struct WorkUnitsTests {
    struct Failure: Error, Equatable { var unit: Int }

    /// Unit i is one line of origin i+1, value i+1 cents; fails at `failing`.
    final class Processor: WorkUnitProcessor {
        let failing: Set<Int>
        let block = LineBlock()
        init(failing: Set<Int>) { self.failing = failing }

        func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
            if failing.contains(unit) { throw Failure(unit: unit) }
            block.reset(count: 1)
            block.withColumns { columns in
                columns.origin[0] = UInt32(unit + 1)
                columns.partner[0] = 1
                columns.chapter[0] = 1
                columns.value[0] = Int64(unit + 1)
            }
            try body(block, KernelConfiguration(dutyFreeByDuty: true))
        }
    }

    /// A reader of `count` units that records the order of its calls and
    /// whether two ever overlapped.
    final class Reader: Sendable {
        let count: Int
        let failingRead: Int?
        let calls = Mutex<[Int]>([])
        let inside = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        init(count: Int, failingRead: Int? = nil) {
            self.count = count
            self.failingRead = failingRead
        }

        func read(_ index: Int) throws -> Bool {
            if inside.wrappingAdd(1, ordering: .sequentiallyConsistent).oldValue != 0 {
                overlapped.store(true, ordering: .sequentiallyConsistent)
            }
            defer { inside.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
            calls.withLock { $0.append(index) }
            if index == failingRead { throw Failure(unit: index) }
            return index < count
        }
    }

    static func lines(_ partial: PartialAggregate) -> (lines: Int64, value: Int64, origins: Int) {
        var value: Int64 = 0
        var origins = Set<UInt64>()
        for entry in partial.groups.entries() {
            value += entry.measures.customsValue
            origins.insert(entry.key)
        }
        return (partial.counts.linesRead, value, origins.count)
    }

    @Test(arguments: Strategy.allCases)
    func readUnitsAreEachAggregatedOnceInOrder(strategy: Strategy) throws {
        for threads in [1, 2, 3, 8] {
            let reader = Reader(count: 37)
            let plan = AggregationPlan(units: WorkUnits(reading: { try reader.read($0) })) { Processor(failing: []) }
            let result = WorkUnitsTests.lines(try strategy.run(plan, threads: threads))
            #expect(
                result.lines == 37 && result.value == 37 * 38 / 2 && result.origins == 37, "\(strategy) at \(threads)")
            // Read in order, one at a time, and never again after the end.
            #expect(reader.calls.withLock { $0 } == Array(0...37), "\(strategy) at \(threads)")
            let overlapped = reader.overlapped.load(ordering: .sequentiallyConsistent)
            #expect(!overlapped, "\(strategy) at \(threads)")
        }
    }

    @Test(arguments: Strategy.allCases)
    func theLowestFailingUnitIsReported(strategy: Strategy) {
        for threads in [1, 2, 3, 8] {
            // A unit that fails to aggregate below one that fails to read: the lower one wins.
            let reader = Reader(count: 50, failingRead: 20)
            let plan = AggregationPlan(units: WorkUnits(reading: { try reader.read($0) })) {
                Processor(failing: [11, 30])
            }
            #expect(throws: Failure(unit: 11), "\(strategy) at \(threads)") { try strategy.run(plan, threads: threads) }
            let reading = Reader(count: 50, failingRead: 9)
            let failsToRead = AggregationPlan(units: WorkUnits(reading: { try reading.read($0) })) {
                Processor(failing: [30])
            }
            #expect(throws: Failure(unit: 9), "\(strategy) at \(threads)") {
                try strategy.run(failsToRead, threads: threads)
            }
            let counted = AggregationPlan(unitCount: 40) { Processor(failing: [25, 7]) }
            #expect(throws: Failure(unit: 7), "\(strategy) at \(threads)") {
                try strategy.run(counted, threads: threads)
            }
        }
    }

    @Test func anEmptyInputRunsNoUnit() throws {
        for strategy in Strategy.allCases {
            let reader = Reader(count: 0)
            let plan = AggregationPlan(units: WorkUnits(reading: { try reader.read($0) })) { Processor(failing: []) }
            #expect(try strategy.run(plan, threads: 2).counts.linesRead == 0)
            #expect(
                try strategy.run(AggregationPlan(unitCount: 0) { Processor(failing: []) }, threads: 2).counts.linesRead
                    == 0)
        }
    }

    /// Synchronous `task-group` runs called from more tasks than the
    /// cooperative pool has threads: each caller blocks a pool thread, and
    /// the runs still finish (their tasks do not need the pool).
    @Test(.timeLimit(.minutes(1)))
    func taskGroupRunsFinishWhenCallersHoldEveryPoolThread() async throws {
        let callers = 2 * max(2, ProcessInfo.processInfo.activeProcessorCount)
        let lines = await withTaskGroup(of: Int64.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    let plan = AggregationPlan(unitCount: 20) { Processor(failing: []) }
                    return (try? Strategy.taskGroup.run(plan, threads: 2).counts.linesRead) ?? -1
                }
            }
            var all: [Int64] = []
            for await value in group { all.append(value) }
            return all
        }
        #expect(lines == Array(repeating: 20, count: callers))
    }
}
