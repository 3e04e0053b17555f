import CProcessGuard

/// What must happen when the process is interrupted or a mapped input
/// shrinks under it (`CProcessGuard`): temporary output files are removed on
/// SIGINT, SIGTERM, SIGHUP and SIGPIPE, and a SIGBUS inside a tracked
/// mapping becomes one `roo: error:` line naming the file and exit status 74.
public enum ProcessGuard {
    /// Installs the signal handlers once for the process (idempotent; the
    /// trackers below call it, so a program that writes or maps files is
    /// always covered).
    public static func install() { roo_guard_install() }

    /// Tracks a temporary file for removal on interrupt.
    ///
    /// - Returns: the slot to pass to `untrackTemporary(_:)`; -1 when the
    ///   fixed table (`ROO_GUARD_TEMPORARY_SLOTS`) is full or the path is
    ///   longer than `ROO_GUARD_PATH_BYTES_MAX` (the file is then not
    ///   removed on interrupt, which loses nothing but tidiness).
    static func trackTemporary(_ path: String) -> Int32 {
        install()
        return roo_guard_track_temporary(path)
    }

    static func untrackTemporary(_ slot: Int32) { roo_guard_untrack_temporary(slot) }

    /// Tracks a read-only mapping so that a fault inside it names `path`.
    static func trackMapping(_ bytes: UnsafeRawBufferPointer, path: String) -> Int32 {
        install()
        return roo_guard_track_mapping(bytes.baseAddress, bytes.count, path)
    }

    static func untrackMapping(_ slot: Int32) { roo_guard_untrack_mapping(slot) }

    /// The line the SIGBUS handler would write for a fault at `address` (tests).
    public static func faultMessage(at address: UnsafeRawPointer?) -> String {
        var buffer = [CChar](repeating: 0, count: Int(ROO_GUARD_PATH_BYTES_MAX) + 256)
        let length = roo_guard_fault_message(address, &buffer, buffer.count)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
