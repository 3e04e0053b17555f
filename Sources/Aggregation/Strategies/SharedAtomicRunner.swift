import Atomics
import Customs
import Dispatch
import Synchronization

/// `shared-atomic`: every worker adds into ONE shared hash table with atomic
/// operations (compare-exchange to claim a key's slot, atomic adds for the
/// seven measures). Exact like the others, but every line touches shared
/// cache lines: it shows the cost of contention.
enum SharedAtomicRunner {
    static func run(_ plan: AggregationPlan, threads: Int) throws -> PartialAggregate {
        let workers = plan.units.workers(threads: threads)
        let table = AtomicGroupTable(slotCount: AtomicGroupTable.slotCountDefault)
        defer { table.deallocate() }
        let failures = FailureCollector()
        let counts = (0..<workers).map { _ in UncheckedBox(LineCounts()) }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let processor = plan.makeProcessor()
            // counts[worker] is touched only by this iteration.
            let local = counts[worker]
            while !failures.hasFailure, let unit = plan.units.claim(failures: failures) {
                do {
                    try processor.classify(unit: unit) { block, configuration in
                        Kernel.forEachAggregated(block, configuration: configuration, counts: &local.value) {
                            key, measures in
                            table.add(measures, key: key)
                        }
                    }
                    if table.isFull { throw AtomicGroupTable.Full(slotCount: table.slotCount) }
                } catch {
                    failures.record(unit: unit, error)
                    return
                }
            }
        }
        try failures.throwIfFailed()
        let result = PartialAggregate()
        for local in counts { result.counts.add(local.value) }
        table.drain(into: result.groups)
        return result
    }
}

/// A fixed-size open-addressing table of atomics shared by all workers.
final class AtomicGroupTable: @unchecked Sendable {
    // @unchecked Sendable: all shared state is accessed through atomics.
    static let slotCountDefault = 1 << 18
    static let measureCount = 8
    /// The carry bit of each measure offset (0 for the line counts, which cannot wrap).
    static let carryBits: [UInt8] = [
        0, MeasureCarries.Bit.customsValue, MeasureCarries.Bit.duty, 0, MeasureCarries.Bit.dutyFreeValue,
        MeasureCarries.Bit.preferenceValue, MeasureCarries.Bit.nonRegionalValue, MeasureCarries.Bit.dutiableValue,
    ]

    struct Full: Error, CustomStringConvertible {
        var slotCount: Int
        var description: String { "shared-atomic: more than \(slotCount * 3 / 4) groups; use another strategy" }
    }

    let slotCount: Int
    private let keys: UnsafeMutablePointer<UnsafeAtomic<UInt64>.Storage>
    private let measures: UnsafeMutablePointer<UnsafeAtomic<Int64>.Storage>
    private let occupied = ManagedAtomic<Int>(0)
    /// Wraps of the shared sums per cell (rare, so a lock is fine).
    private let carries = Mutex<[UInt64: MeasureCarries]>([:])

    init(slotCount: Int) {
        self.slotCount = slotCount
        keys = .allocate(capacity: slotCount)
        keys.initialize(repeating: .init(0), count: slotCount)
        measures = .allocate(capacity: slotCount * AtomicGroupTable.measureCount)
        measures.initialize(repeating: .init(0), count: slotCount * AtomicGroupTable.measureCount)
    }

    func deallocate() {
        keys.deallocate()
        measures.deallocate()
    }

    var isFull: Bool { occupied.load(ordering: .relaxed) * 4 > slotCount * 3 }

    /// Atomically adds `value` to the cell of `key`, claiming a slot if needed.
    func add(_ value: Measures, key: UInt64) {
        guard let slot = slot(for: key) else { return }
        let base = slot * AtomicGroupTable.measureCount
        let amounts = [
            value.lines, value.customsValue, value.duty, value.dutyFreeLines, value.dutyFreeValue,
            value.preferenceValue, value.nonRegionalValue, value.dutiableValue,
        ]
        var wrapped: UInt8 = 0
        for (offset, amount) in amounts.enumerated() where amount != 0 {
            let cell = UnsafeAtomic<Int64>(at: measures + base + offset)
            let old = cell.loadThenWrappingIncrement(by: amount, ordering: .relaxed)
            if old.addingReportingOverflow(amount).overflow { wrapped |= AtomicGroupTable.carryBits[offset] }
        }
        if wrapped != 0 { carries.withLock { $0[key, default: MeasureCarries()].record(wrapped, addend: value) } }
    }

    private func slot(for key: UInt64) -> Int? {
        let mask = slotCount - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        for _ in 0..<slotCount {
            let cell = UnsafeAtomic<UInt64>(at: keys + index)
            let current = cell.load(ordering: .acquiring)
            if current == key { return index }
            if current == 0 {
                let (exchanged, original) = cell.compareExchange(
                    expected: 0, desired: key, ordering: .acquiringAndReleasing)
                if exchanged {
                    occupied.wrappingIncrement(ordering: .relaxed)
                    return index
                }
                if original == key { return index }
            }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Copies every cell into `accumulator` (after all workers are done).
    func drain(into accumulator: GroupAccumulator) {
        var table = accumulator.table
        table.carries = carries.withLock { $0 }
        for slot in 0..<slotCount {
            let key = UnsafeAtomic<UInt64>(at: keys + slot).load(ordering: .relaxed)
            guard key != 0 else { continue }
            let base = slot * AtomicGroupTable.measureCount
            func value(_ offset: Int) -> Int64 {
                UnsafeAtomic<Int64>(at: measures + base + offset).load(ordering: .relaxed)
            }
            var cell = Measures()
            cell.lines = value(0)
            cell.customsValue = value(1)
            cell.duty = value(2)
            cell.dutyFreeLines = value(3)
            cell.dutyFreeValue = value(4)
            cell.preferenceValue = value(5)
            cell.nonRegionalValue = value(6)
            cell.dutiableValue = value(7)
            let target = table.slot(for: key)
            table.add(cell, at: target)
        }
        accumulator.table = table
    }
}
