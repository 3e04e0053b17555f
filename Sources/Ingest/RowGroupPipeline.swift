import Dispatch
import Parquet
import Synchronization

/// Encodes full row groups on a background serial queue while the caller
/// keeps converting chunks; encoded groups are appended to the writer in
/// submission order. At most `inFlightMax` groups are pending at once
/// (bounded memory).
final class RowGroupPipeline: @unchecked Sendable {
    // @unchecked Sendable: `finished` is guarded by its Mutex; columns/options are immutable.
    private let queue = DispatchQueue(label: "roo.ingest.encode")
    private let finished = Mutex<[Result<EncodedRowGroup, any Error>]>([])
    private let admission: DispatchSemaphore
    private let columns: [WriterColumn]
    private let options: WriterOptions
    private var submitted = 0
    private var appended = 0

    init(columns: [WriterColumn], options: WriterOptions, inFlightMax: Int = 2) {
        self.columns = columns
        self.options = options
        admission = DispatchSemaphore(value: inFlightMax)
    }

    /// Queues `group` for encoding (blocks while `inFlightMax` groups are pending).
    func submit(_ group: [ColumnData], writer: ParquetWriter) throws -> Int {
        var written = 0
        while admission.wait(timeout: .now()) == .timedOut {
            written += try appendFinished(to: writer, waiting: true)
        }
        submitted += 1
        let columns = columns
        let options = options
        nonisolated(unsafe) let group = group
        queue.async { [self] in
            let result = Result { try ParquetWriter.encodeRowGroup(group, columns: columns, options: options) }
            self.finished.withLock { $0.append(result) }
        }
        return written
    }

    /// Appends the groups encoded so far (in order); returns the rows written.
    /// With `waiting`, first waits for at least one group to finish.
    func appendFinished(to writer: ParquetWriter, waiting: Bool = false) throws -> Int {
        if waiting && appended < submitted && finished.withLock({ $0.isEmpty }) {
            queue.sync {}
        }
        let ready = finished.withLock { results -> [Result<EncodedRowGroup, any Error>] in
            defer { results.removeAll() }
            return results
        }
        var rows = 0
        for result in ready {
            let group = try result.get()
            try writer.append(group)
            rows += group.rowCount
            appended += 1
            admission.signal()
        }
        return rows
    }

    /// Waits for every submitted group and appends them; returns the rows written.
    func finish(writer: ParquetWriter) throws -> Int {
        queue.sync {}
        return try appendFinished(to: writer)
    }
}
