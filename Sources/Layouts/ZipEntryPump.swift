import Foundation
import Synchronization
import ZIPFoundation

/// Inflates one entry of a ZIP archive (ZIPFoundation, CRC checked) on a
/// background thread into a socket pair, so the entry reads as a plain
/// stream (`InputStream(descriptor:path:)`) with bounded memory.
///
/// `send` with `MSG_NOSIGNAL` never raises SIGPIPE: when the reader stops
/// early and closes its end, the pump's next write fails and it ends.
final class ZipEntryPump: Sendable {
    /// The end to read the inflated entry from; the reader owns and closes it.
    let readDescriptor: Int32
    /// The entry's path inside the archive.
    let entryPath: String
    private let failure = Mutex<String?>(nil)

    /// Opens `path` and starts inflating its entry `member` (matched
    /// case-insensitively on the file name), or its only file when nil.
    ///
    /// - Throws: `LayoutError.archive` when the archive cannot be read or the entry is missing or ambiguous.
    init(path: String, member: String?) throws(LayoutError) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw LayoutError.archive(path: path, detail: "cannot read the ZIP archive: \(error)")
        }
        let files = archive.filter { $0.type == .file }
        let chosen: Entry
        if let member {
            guard let found = files.first(where: { ($0.path as NSString).lastPathComponent.lowercased() == member.lowercased() }) else {
                throw LayoutError.archive(path: path, detail: "the ZIP archive has no \(member) (entries: \(files.map(\.path).joined(separator: ", ")))")
            }
            chosen = found
        } else {
            guard files.count == 1, let only = files.first else {
                throw LayoutError.archive(path: path, detail: "the ZIP archive holds \(files.count) files; expected one (entries: \(files.map(\.path).joined(separator: ", ")))")
            }
            chosen = only
        }
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            throw LayoutError.archive(path: path, detail: "socketpair: \(String(cString: strerror(errno)))")
        }
        readDescriptor = ends[0]
        entryPath = chosen.path
        let writeDescriptor = ends[1]
        nonisolated(unsafe) let archiveForPump = archive  // used by the pump thread only
        nonisolated(unsafe) let entry = chosen  // used by the pump thread only
        Thread.detachNewThread { [self] in
            defer { close(writeDescriptor) }
            do {
                // ZIPFoundation returns the CRC-32 of what it inflated; comparing it is the caller's job.
                let checksum = try archiveForPump.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { data in
                    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                        guard let base = raw.baseAddress else { return }
                        var offset = 0
                        while offset < raw.count {
                            let sent = send(writeDescriptor, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                            if sent < 0 {
                                if errno == EINTR { continue }
                                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                            }
                            offset += sent
                        }
                    }
                }
                if checksum != entry.checksum {
                    failure.withLock { $0 = "\(entry.path): CRC-32 of the inflated data does not match the archive's (damaged archive)" }
                }
            } catch {
                failure.withLock { $0 = "\(entry.path): \(error)" }
            }
        }
    }

    /// Why inflating stopped early, once the reader has seen the end of the stream.
    var failureReason: String? { failure.withLock { $0 } }
}
