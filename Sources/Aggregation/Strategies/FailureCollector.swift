import Synchronization

/// Collects work-unit failures from any thread; the lowest unit's error wins,
/// so the reported message does not depend on scheduling.
final class FailureCollector: Sendable {
    private let state = Mutex<(unit: Int, error: any Error)?>(nil)

    func record(unit: Int, _ error: any Error) {
        state.withLock { current in
            if let existing = current, existing.unit <= unit { return }
            current = (unit, error)
        }
    }

    var hasFailure: Bool { state.withLock { $0 != nil } }

    func throwIfFailed() throws {
        if let failure = state.withLock({ $0 }) { throw failure.error }
    }
}

/// A box that lets non-Sendable per-worker state cross into Dispatch blocks.
/// Safe because each box is used by one block at a time (documented per use).
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
