import MappedIO

/// One page of a column chunk: its decoded header and its (still
/// compressed) body, borrowed from the mapping.
struct Page {
    /// Absolute file offset of the page header.
    var offset: Int
    var header: PageHeader
    var body: UnsafeRawBufferPointer
}

/// Walks the pages of a column chunk from its first page.
///
/// Pages are identified by their headers, not by the chunk's declared size:
/// some writers understate `total_compressed_size` or omit
/// `dictionary_page_offset` (parquet-testing `nation.dict-malformed`). Reads
/// are bounded by `dataEnd` (the next column chunk's start or the footer),
/// so a lying header can never read another chunk's bytes.
struct PageIterator {
    /// Largest page (compressed or uncompressed) accepted.
    static let pageSizeBytesMax = 1 << 30

    private let data: ByteCursor
    private(set) var offset: Int

    /// - Parameters:
    ///   - file: the whole mapping.
    ///   - dataEnd: first byte after the chunk's region (`ParquetFile.pageDataEnd(forChunkAt:)`).
    ///   - start: offset of the chunk's first page.
    init(file: UnsafeRawBufferPointer, dataEnd: Int, start: Int) throws {
        guard start >= 4, start < dataEnd, dataEnd <= file.count else {
            throw ParquetError(
                .corruptPage, "column chunk starts at byte \(start), outside the data region 4..<\(dataEnd)",
                byteOffset: start, offsetSubject: "column chunk")
        }
        // Safe because 0 <= dataEnd <= file.count was checked.
        data = ByteCursor(UnsafeRawBufferPointer(rebasing: file[0..<dataEnd]))
        offset = start
    }

    /// Reads the next page header and body.
    mutating func next() throws -> Page {
        let headerOffset = offset
        guard offset < data.bytes.count, let rest = data.slice(offset: offset, length: data.bytes.count - offset) else {
            throw ParquetError(
                .corruptPage,
                "column chunk ends (at the next column chunk or the footer) before all its values were read",
                byteOffset: headerOffset)
        }
        var decoder = ThriftCompactDecoder(rest)
        let header: PageHeader
        do {
            header = try decoder.readPageHeader()
        } catch let error as ParquetError {
            throw error.adding(byteOffset: headerOffset)
        }
        let compressed = Int(header.compressedPageSize)
        let uncompressed = Int(header.uncompressedPageSize)
        guard compressed >= 0, uncompressed >= 0,
            compressed <= PageIterator.pageSizeBytesMax, uncompressed <= PageIterator.pageSizeBytesMax
        else {
            throw ParquetError(
                .corruptPage,
                "invalid page sizes: compressed \(compressed), uncompressed \(uncompressed) bytes (limit "
                    + "\(PageIterator.pageSizeBytesMax))",
                byteOffset: headerOffset)
        }
        let bodyOffset = headerOffset + decoder.position
        guard let body = data.slice(offset: bodyOffset, length: compressed) else {
            throw ParquetError(
                .corruptPage,
                "page body of \(compressed) bytes at byte \(bodyOffset) runs past the data region (ends at "
                    + "\(data.bytes.count))",
                byteOffset: headerOffset)
        }
        offset = bodyOffset + compressed
        return Page(offset: headerOffset, header: header, body: body)
    }
}
