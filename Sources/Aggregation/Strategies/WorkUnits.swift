import Synchronization

/// The work units of a plan, claimed by the runners in increasing order:
/// a fixed count (row groups known from the footers), or units read on
/// demand (text chunks). A read unit is read when a worker claims it, under
/// the claim lock: reading unit i+1 overlaps the aggregation of unit i, and
/// at most one claimed unit per worker is in memory.
///
/// Failures stay deterministic: units are claimed in order, so when unit u
/// fails every unit below u has been claimed and runs to its end, and the
/// lowest failing unit's error is the one reported (`FailureCollector`).
public final class WorkUnits: Sendable {
    /// Makes unit `index` ready: `true`, or `false` when the input has no more
    /// units. Called with 0, 1, 2, … one call at a time.
    public typealias Reader = @Sendable (_ index: Int) throws -> Bool

    private struct State {
        var next = 0
        var ended = false
    }

    private let state = Mutex(State())
    /// The number of units, when known before the run.
    public let count: Int?
    private let read: Reader?

    /// `count` units, 0..<count.
    public init(count: Int) {
        precondition(count >= 0, "negative unit count")
        self.count = count
        read = nil
    }

    /// Units read on demand by `read`, until it returns `false`.
    public init(reading read: @escaping Reader) {
        count = nil
        self.read = read
    }

    /// How many workers are worth starting for `threads` threads: no more
    /// than the units, at least one.
    func workers(threads: Int) -> Int { min(max(1, threads), max(count ?? threads, 1)) }

    /// The next unit, or nil when none is left, the run was stopped, or
    /// reading the unit failed (recorded in `failures` at its index).
    ///
    /// - Complexity: O(1) plus the read of the unit.
    func claim(failures: FailureCollector) -> Int? {
        state.withLock { state -> Int? in
            guard !state.ended else { return nil }
            let index = state.next
            if let count {
                guard index < count else {
                    state.ended = true
                    return nil
                }
            } else if let read {
                do {
                    guard try read(index) else {
                        state.ended = true
                        return nil
                    }
                } catch {
                    failures.record(unit: index, error)
                    state.ended = true
                    return nil
                }
            }
            state.next = index + 1
            return index
        }
    }

    /// No unit is handed out after this (a unit failed: the run fails anyway).
    func stop() { state.withLock { $0.ended = true } }
}
