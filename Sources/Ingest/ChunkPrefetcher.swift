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
    /// Each chunk read, with the reader's `compressedBytesRead` just after it.
    private let state = Mutex<(queue: [(Result<CSVChunk?, DelimitedError>, bytesRead: Int)], cancelled: Bool)>(
        ([], false))
    private let slots: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    /// Consumer side only: the end (or an error) was returned.
    private var ended = false
    /// Consumer side only: input bytes read up to the end of the last chunk
    /// `next()` returned (compressed bytes when compressed), for progress.
    private(set) var bytesRead = 0

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
                do throws(DelimitedError) { result = .success(try reader.nextChunk()) } catch {
                    result = .failure(error)
                }
                let bytesRead = reader.compressedBytesRead
                state.withLock { $0.queue.append((result, bytesRead)) }
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
        let (result, bytesRead) = state.withLock { $0.queue.removeFirst() }
        slots.signal()
        self.bytesRead = bytesRead
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
