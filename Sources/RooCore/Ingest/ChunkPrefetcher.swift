import Delimited
import Dispatch
import Synchronization

/// Reads (and decompresses) CSV chunks on a background thread, up to
/// `capacity` chunks ahead, so input decoding overlaps with parsing and
/// encoding. Memory stays bounded by `capacity` chunks.
final class ChunkPrefetcher: @unchecked Sendable {
    // @unchecked Sendable: `reader` is used only by the producer thread after
    // `start()`; the queue is guarded by `state`; semaphores are thread-safe.
    private let reader: any RecordChunkReader
    private let state = Mutex<(queue: [Result<CSVChunk?, DelimitedError>], cancelled: Bool)>(([], false))
    private let slots: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    /// Consumer side only: the end (or an error) was returned.
    private var ended = false

    init(reader: any RecordChunkReader, capacity: Int) {
        self.reader = reader
        slots = DispatchSemaphore(value: max(1, capacity))
    }

    func start() {
        started = true
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { finished.signal() }
            while true {
                slots.wait()
                if state.withLock({ $0.cancelled }) { return }
                let result: Result<CSVChunk?, DelimitedError>
                do throws(DelimitedError) { result = .success(try reader.nextChunk()) } catch { result = .failure(error) }
                state.withLock { $0.queue.append(result) }
                items.signal()
                if case .success(.some) = result { continue }
                return
            }
        }
    }

    /// The next chunk in input order; nil at the end (and after it).
    func next() throws(DelimitedError) -> CSVChunk? {
        if ended { return nil }
        items.wait()
        let result = state.withLock { $0.queue.removeFirst() }
        slots.signal()
        if case .success(nil) = result { ended = true }
        return try result.get()
    }

    /// Stops the producer and waits for it (call before dropping the reader).
    func cancel() {
        guard started else { return }
        state.withLock { $0.cancelled = true }
        slots.signal()
        finished.wait()
        started = false
    }

    deinit { cancel() }
}
