import Aggregation
import Delimited
import RooSupport
import Synchronization

/// Every work unit of one `roo summarize` run, in one plan for the chosen
/// strategy: units 0..<parquetUnits are the Parquet work units (row groups,
/// known from the footers), and the units after them are the chunks of the
/// text inputs in input order, read when a worker claims them (so reading
/// overlaps aggregation, and at most one chunk per worker is in memory).
///
/// A text input is opened when the run reaches it; an error opening or
/// reading it fails the unit it would have been, so the lowest failing unit
/// is the same whatever the strategy or thread count.
final class LineSources: @unchecked Sendable {
    // @unchecked Sendable: `pending`, `current` and `opened` change only in
    // `read`, which `WorkUnits` calls under its claim lock, one call at a
    // time; `opened` is read after the run. `ready` is behind its mutex.
    let parquetUnits: Int
    private let options: SummarizeOptions
    private var pending: [(path: String, inputOrder: Int)]
    private var current: TextInput?
    /// The text inputs opened so far, in input order.
    private(set) var opened: [TextInput] = []
    private let ready = Mutex<[Int: TextChunk]>([:])

    /// A chunk read for a unit, until the worker that claimed it takes it.
    struct TextChunk: @unchecked Sendable {
        // @unchecked Sendable: handed from the reading thread to one worker.
        let input: TextInput
        let chunk: CSVChunk
        /// Input bytes read for this chunk (the progress line).
        let bytes: Int
    }

    /// - Parameter textInputs: the text inputs' paths and positions in the
    ///   expanded input list, in that order.
    init(parquetUnits: Int, textInputs: [(path: String, inputOrder: Int)], options: SummarizeOptions) {
        self.parquetUnits = parquetUnits
        self.options = options
        pending = textInputs.reversed()
    }

    /// The run's units: a fixed count when there is no text input, else read on demand.
    func workUnits() -> WorkUnits {
        guard !pending.isEmpty else { return WorkUnits(count: parquetUnits) }
        return WorkUnits(reading: { [self] index in try read(index) })
    }

    /// Makes unit `index` ready; false when no unit is left.
    ///
    /// - Precondition: called with 0, 1, 2, … one call at a time.
    private func read(_ index: Int) throws -> Bool {
        if index < parquetUnits { return true }
        while true {
            if current == nil {
                guard let next = pending.popLast() else { return false }
                let input = try TextInput(path: next.path, inputOrder: next.inputOrder, options: options)
                opened.append(input)
                current = input
            }
            if let input = current, let next = try input.nextChunk() {
                ready.withLock { $0[index] = TextChunk(input: input, chunk: next.chunk, bytes: next.bytes) }
                return true
            }
            current = nil
        }
    }

    /// The text chunk read for unit `index`, handed over once.
    ///
    /// - Precondition: `index >= parquetUnits`, the unit was read and not taken.
    func take(_ index: Int) -> TextChunk {
        guard let taken = ready.withLock({ $0.removeValue(forKey: index) }) else {
            preconditionFailure("text unit \(index) was not read")
        }
        return taken
    }
}

/// One worker of a run: Parquet units go to its `SummarizeWorker`, text
/// chunks to its `TextChunkWorker`; each is made on the first unit of its
/// kind and kept for the whole run (its scratch is built once).
final class LineSourceWorker: WorkUnitProcessor {
    let context: SummarizeContext
    let sources: LineSources
    private lazy var parquet = SummarizeWorker(context: context)
    private lazy var text = TextChunkWorker(context: context)

    init(context: SummarizeContext, sources: LineSources) {
        self.context = context
        self.sources = sources
    }

    func classify(unit: Int, _ body: (LineBlock, KernelConfiguration) throws -> Void) throws {
        if unit < sources.parquetUnits {
            try parquet.classify(unit: unit, body)
        } else {
            try text.classify(sources.take(unit), unit: unit, body)
        }
    }
}
