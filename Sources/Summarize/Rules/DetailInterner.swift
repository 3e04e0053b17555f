import Aggregation
import Customs
import RooSupport
import Synchronization

/// Interns the cell details of `--by` (`DetailPlan`) to dense ids shared by
/// all workers: each component's values (HS digits, period, program,
/// reporter) to a component id, and a line's tuple of component ids to the
/// detail id the group key carries (`GroupKeyLayout`). With one component
/// the component id is the detail id.
///
/// Lookups happen per dictionary entry or per distinct value per worker
/// (`DetailKeys` caches in front), so the lock stays out of the hot loop.
/// Component id 0 is the component's missing value (`fixedTexts`).
package final class DetailInterner: Sendable {
    let plan: DetailPlan

    private struct State {
        /// Per component: value bytes → id, and the text of each id.
        var ids: [[[UInt8]: UInt32]]
        var texts: [[String]]
        /// Tuples of component ids → detail id, and the tuple of each id.
        var tupleIDs: [[UInt32]: UInt32] = [:]
        var tuples: [[UInt32]] = []
    }

    private let state: Mutex<State>

    init(plan: DetailPlan) {
        self.plan = plan
        state = Mutex(
            State(
                ids: plan.components.map { _ in [:] },
                texts: plan.components.map(DetailInterner.fixedTexts)))
    }

    /// The texts a component starts with: id 0 is the missing value (`none`
    /// for no program claimed, else empty); the channel holds every
    /// `DutyFreeChannel` at the id of its raw value (0 `unknown`).
    static func fixedTexts(_ component: DetailPlan.Component) -> [String] {
        switch component {
        case .program: ["none"]
        case .channel: DutyFreeChannel.allCases.map(\.name)
        default: [""]
        }
    }

    /// The id of `value` in component `component` (1 and up).
    ///
    /// - Throws: `RooError(.dataError)` past 2^31 - 1 distinct values.
    func componentID(_ component: Int, _ value: [UInt8]) throws -> UInt32 {
        try state.withLock { state throws -> UInt32 in
            if let existing = state.ids[component][value] { return existing }
            guard state.texts[component].count < DetailInterner.idLimit else { throw tooMany() }
            let id = UInt32(state.texts[component].count)
            state.ids[component][value] = id
            state.texts[component].append(KeyText.display(value))
            return id
        }
    }

    /// The detail id of a tuple of component ids (one per component).
    ///
    /// - Throws: `RooError(.dataError)` past 2^31 - 1 distinct tuples.
    func tupleID(_ parts: [UInt32]) throws -> UInt32 {
        try state.withLock { state throws -> UInt32 in
            if let existing = state.tupleIDs[parts] { return existing }
            guard state.tuples.count < DetailInterner.idLimit else { throw tooMany() }
            let id = UInt32(state.tuples.count)
            state.tupleIDs[parts] = id
            state.tuples.append(parts)
            return id
        }
    }

    private func tooMany() -> RooError {
        RooError(
            .dataError, "more than \(DetailInterner.idLimit) distinct cells for --by: ask for fewer or coarser keys")
    }

    /// Ids are below this: a detail id fills the group key's detail bits (`GroupKeyLayout.detailBits`).
    static let idLimit = Int(GroupKeyLayout.detailMask)

    /// The detail values (one text per component) of every detail id.
    func values() -> [[String]] {
        state.withLock { state in
            if plan.components.count == 1 { return state.texts[0].map { [$0] } }
            return state.tuples.map { tuple in tuple.enumerated().map { state.texts[$0.offset][Int($0.element)] } }
        }
    }
}
