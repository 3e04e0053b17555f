import MappedIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of a ZIP archive, read from its central directory (APPNOTE
/// 6.3: end of central directory record, ZIP64 locator and record, central
/// file headers with ZIP64 extra fields), every offset and size checked
/// against the file before use. Only what reading one entry needs is kept.
struct ZipDirectory {
    struct Entry {
        var name: String
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isEncrypted: Bool
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    let entries: [Entry]
    let fileSize: UInt64

    /// Largest central directory read (bytes): a real one is far smaller.
    static let directorySizeMax: UInt64 = 256 << 20

    /// Reads the central directory of the archive open on `descriptor`.
    ///
    /// - Throws: `.malformed` naming what does not fit, `.io` on read errors.
    init(descriptor: Int32, path: String) throws(DelimitedError) {
        let fail = ZipDirectory.failure(path: path)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let number = errno
            throw DelimitedError(.io, path: path, "fstat: \(SystemError.describe(errno: number))")
        }
        let size = UInt64(max(status.st_size, 0))
        fileSize = size
        let (entryCount, directorySize, directoryOffset) = try ZipDirectory.endRecord(
            descriptor, path: path, size: size)
        guard directoryOffset <= size, directorySize <= size - directoryOffset else {
            throw fail(
                "central directory (\(directorySize) bytes at byte \(directoryOffset)) runs past the end of the file "
                    + "(\(size) bytes)"
            )
        }
        guard directorySize <= ZipDirectory.directorySizeMax else {
            throw fail("central directory of \(directorySize) bytes is too large")
        }
        guard entryCount <= directorySize / 46 else {
            throw fail("\(entryCount) entries cannot fit a central directory of \(directorySize) bytes")
        }
        let directory = try ZipDirectory.read(
            descriptor, path: path, offset: directoryOffset, count: Int(directorySize))
        entries = try ZipDirectory.entries(directory, count: entryCount, at: directoryOffset, path: path)
    }

    /// `ZIP: message` as a malformed-input error on `path`.
    private static func failure(path: String) -> (String) -> DelimitedError {
        { message in DelimitedError(.malformed, path: path, "ZIP: \(message)") }
    }

    /// The entry count, size and offset of the central directory, from the
    /// end record (and the ZIP64 end record when the end record says so).
    ///
    /// - Throws: `.malformed` when there is no end record or the ZIP64
    ///   records are missing or outside the file; `.io` on read errors.
    private static func endRecord(
        _ descriptor: Int32, path: String, size: UInt64
    ) throws(DelimitedError) -> (entryCount: UInt64, directorySize: UInt64, directoryOffset: UInt64) {
        let fail = failure(path: path)
        // The end record (22 bytes + a comment of up to 65535) sits at the end.
        let tailCount = min(size, 22 + 65_535)
        let tail = try read(descriptor, path: path, offset: size - tailCount, count: Int(tailCount))
        guard let end = lastSignature(0x0605_4b50, in: tail, minimumRoom: 22) else {
            throw fail("no end of central directory record (not a ZIP archive, or truncated)")
        }
        let entryCount = UInt64(tail.u16(end + 10))
        let directorySize = UInt64(tail.u32(end + 12))
        let directoryOffset = UInt64(tail.u32(end + 16))
        guard entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF else {
            return (entryCount, directorySize, directoryOffset)
        }
        // ZIP64: a locator right before the end record points at the ZIP64 end record.
        let endOffset = size - tailCount + UInt64(end)
        guard endOffset >= 20 else { throw fail("ZIP64 locator missing") }
        let locator = try read(descriptor, path: path, offset: endOffset - 20, count: 20)
        guard locator.u32(0) == 0x0706_4b50 else { throw fail("ZIP64 locator missing") }
        let recordOffset = locator.u64(8)
        guard recordOffset <= endOffset, endOffset - recordOffset >= 56 else {
            throw fail("ZIP64 end record at byte \(recordOffset) is outside the file")
        }
        let record = try read(descriptor, path: path, offset: recordOffset, count: 56)
        guard record.u32(0) == 0x0606_4b50 else { throw fail("no ZIP64 end record at byte \(recordOffset)") }
        return (record.u64(32), record.u64(40), record.u64(48))
    }

    /// The `count` central file headers of `directory` (read from byte
    /// `offset` of the file, for messages).
    ///
    /// - Throws: `.malformed` naming the first damaged header.
    /// - Complexity: O(directory.count).
    private static func entries(
        _ directory: [UInt8], count: UInt64, at offset: UInt64, path: String
    ) throws(DelimitedError) -> [Entry] {
        let fail = failure(path: path)
        var entries: [Entry] = []
        var position = 0
        for _ in 0..<count {
            guard directory.count - position >= 46, directory.u32(position) == 0x0201_4b50 else {
                throw fail("central file header \(entries.count + 1) at byte \(offset + UInt64(position)) is damaged")
            }
            let nameLength = Int(directory.u16(position + 28))
            let extraLength = Int(directory.u16(position + 30))
            let commentLength = Int(directory.u16(position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else {
                throw fail("central file header \(entries.count + 1) runs past the directory")
            }
            var entry = Entry(
                name: String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                method: directory.u16(position + 10), crc32: directory.u32(position + 16),
                compressedSize: UInt64(directory.u32(position + 20)),
                uncompressedSize: UInt64(directory.u32(position + 24)),
                localHeaderOffset: UInt64(directory.u32(position + 42)),
                isEncrypted: directory.u16(position + 8) & 1 != 0)
            let extra = position + 46 + nameLength
            try applyZip64Extra(directory, extra..<(extra + extraLength), to: &entry, path: path)
            entries.append(entry)
            position = next
        }
        return entries
    }

    /// Reads the ZIP64 extra field (id 1) among the extra fields at `range`
    /// of `directory`: the 64-bit values of `entry`'s fields set to
    /// 0xFFFFFFFF, in this order.
    ///
    /// - Precondition: `range` lies inside `directory`.
    /// - Throws: `.malformed` when the field is shorter than what it must hold.
    private static func applyZip64Extra(
        _ directory: [UInt8], _ range: Range<Int>, to entry: inout Entry, path: String
    ) throws(DelimitedError) {
        var extra = range.lowerBound
        while range.upperBound - extra >= 4 {
            let id = directory.u16(extra)
            let length = Int(directory.u16(extra + 2))
            guard range.upperBound - extra - 4 >= length else { break }
            if id == 1 {
                var field = extra + 4
                let fieldEnd = field + length
                let name = entry.name
                func take() throws(DelimitedError) -> UInt64 {
                    guard fieldEnd - field >= 8 else {
                        throw failure(path: path)("ZIP64 extra field of \(name) is too short")
                    }
                    defer { field += 8 }
                    return directory.u64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try take() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try take() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try take() }
            }
            extra += 4 + length
        }
    }

    /// The byte range of `entry`'s data, from its local header.
    ///
    /// - Throws: `.malformed` when the header or data lie outside the file.
    func dataRange(of entry: Entry, descriptor: Int32, path: String) throws(DelimitedError) -> Range<UInt64> {
        func fail(_ message: String) -> DelimitedError {
            DelimitedError(.malformed, path: path, "ZIP: \(entry.name): \(message)")
        }
        guard entry.localHeaderOffset <= fileSize, fileSize - entry.localHeaderOffset >= 30 else {
            throw fail("local header at byte \(entry.localHeaderOffset) is outside the file")
        }
        let header = try ZipDirectory.read(descriptor, path: path, offset: entry.localHeaderOffset, count: 30)
        guard header.u32(0) == 0x0403_4b50 else { throw fail("no local header at byte \(entry.localHeaderOffset)") }
        let start = entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else {
            throw fail("\(entry.compressedSize) bytes of data at byte \(start) run past the end of the file")
        }
        return start..<(start + entry.compressedSize)
    }

    /// `count` bytes at `offset` (pread, retried on EINTR).
    static func read(_ descriptor: Int32, path: String, offset: UInt64, count: Int) throws(DelimitedError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        // Safe because: `bytes` holds `count` bytes and the loop runs only while `done < count`; `pread` is asked
        // for `count - done` bytes at `base + done` and returns at most that, so `done` never passes `count`.
        while done < count {
            let result = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(descriptor, base + done, count - done, off_t(clamping: offset) + off_t(done))
            }
            if result < 0 {
                let number = errno
                if number == EINTR { continue }
                throw DelimitedError(.io, path: path, "read at byte \(offset): \(SystemError.describe(errno: number))")
            }
            if result == 0 {
                throw DelimitedError(.malformed, path: path, "ZIP: file ends at byte \(offset + UInt64(done))")
            }
            done += result
        }
        return bytes
    }

    /// The offset of the last `signature` with at least `minimumRoom` bytes from it to the end.
    static func lastSignature(_ signature: UInt32, in bytes: [UInt8], minimumRoom: Int) -> Int? {
        guard bytes.count >= minimumRoom else { return nil }
        var position = bytes.count - minimumRoom
        while position >= 0 {
            if bytes.u32(position) == signature { return position }
            position -= 1
        }
        return nil
    }
}

private extension [UInt8] {
    /// Little-endian values at `offset`. - Precondition: the bytes are there (callers check first).
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
