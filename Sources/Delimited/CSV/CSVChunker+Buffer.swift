#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVChunker {
    /// Reads until `buffer[start..<end]` holds at least `windowBytes` bytes
    /// or the input ends, then drops a leading BOM.
    ///
    /// - Parameter windowBytes: `> 0`, at most `recordSizeBytesMax`.
    func fill(windowBytes: Int) throws(DelimitedError) {
        // Before the BOM check, read 3 more bytes: the BOM may be dropped.
        let target = hasCheckedByteOrderMark ? windowBytes : windowBytes + Self.byteOrderMark.count
        if end - start < target, !isAtEndOfInput {
            compact()
            reserve(target)
            // Safe because `start == 0` after `compact()` and `target <= buffer.count`.
            while end < target, !isAtEndOfInput {
                let free = UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[end..<target]))
                let count = try stream.read(into: free)
                if count == 0 { isAtEndOfInput = true } else { end += count }
            }
        }
        dropByteOrderMark()
    }

    /// Feeds the bytes not yet scanned to the boundary scanner.
    func scanBuffered() {
        guard scanIndex < end, let base = buffer.baseAddress else { return }
        if let boundary = scanner.scan(base, from: scanIndex, to: end) { lastBoundary = boundary }
        scanIndex = end
    }

    /// Hands out `buffer[start..<boundary]` as a chunk.
    func emit(upTo boundary: Int) -> CSVChunk {
        precondition(boundary > start && boundary <= end, "chunk boundary outside the buffer")
        let bytes = UnsafeBufferPointer(rebasing: buffer[start..<boundary])
        let chunk = CSVChunk(bytes: Array(bytes), firstLineNumber: nextLineNumber)
        nextLineNumber +=
            bytes.baseAddress.map { ByteSearch.count(of: ByteValue.lineFeed, in: $0, count: bytes.count) } ?? 0
        start = boundary
        lastBoundary = nil
        return chunk
    }

    private func dropByteOrderMark() {
        guard !hasCheckedByteOrderMark, end - start >= Self.byteOrderMark.count || isAtEndOfInput else { return }
        hasCheckedByteOrderMark = true
        let mark = Self.byteOrderMark
        guard end - start >= mark.count, buffer[start] == mark[0], buffer[start + 1] == mark[1],
            buffer[start + 2] == mark[2]
        else { return }
        start += mark.count
        scanIndex = max(scanIndex, start)
    }

    /// Moves the unreturned bytes to the front of the buffer.
    private func compact() {
        guard start > 0, let base = buffer.baseAddress else { return }
        let count = end - start
        if count > 0 { memmove(base, base + start, count) }
        end = count
        scanIndex -= start
        lastBoundary = lastBoundary.map { $0 - start }
        start = 0
    }

    /// Grows the buffer to at least `capacity` bytes, keeping `0..<end`.
    private func reserve(_ capacity: Int) {
        guard buffer.count < capacity else { return }
        let grown = max(capacity, min(buffer.count * 2, recordSizeBytesMax))
        let replacement = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: grown)
        if end > 0, let target = replacement.baseAddress, let origin = buffer.baseAddress {
            target.initialize(from: origin, count: end)
        }
        buffer.deallocate()
        buffer = replacement
    }
}
