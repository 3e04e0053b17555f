/// What a page header says, without decoding the page (for reports and benchmarks).
public struct PageSummary: Sendable {
    public var offset: Int
    public var type: PageType
    public var compressedSizeBytes: Int
    public var uncompressedSizeBytes: Int
    /// Values (including nulls) in a data page; entries in a dictionary page.
    public var valueCount: Int
    public var encoding: Encoding?
}

extension ParquetFile {
    /// The page headers of one column chunk, in file order.
    ///
    /// - Throws: `ParquetError` for unreadable headers (as `decode` would).
    /// - Complexity: O(pages); page bodies are not read.
    public func pageSummaries(rowGroup: Int, column: Int) throws -> [PageSummary] {
        precondition(rowGroup >= 0 && rowGroup < rowGroupCount && column >= 0 && column < schema.columns.count)
        let chunk = metadata.rowGroups[rowGroup].columns[column]
        guard let meta = chunk.metaData, meta.numValues > 0 else { return [] }
        return try ParquetError.context(path: path, rowGroup: rowGroup, column: schema.columns[column].name) {
            var pages = try PageIterator(file: mapping.bytes, dataEnd: footerOffset, start: ColumnChunkDecoder.firstPageOffset(meta))
            var summaries: [PageSummary] = []
            var values = 0
            while values < meta.numValues {
                let page = try pages.next()
                var summary = PageSummary(
                    offset: page.offset, type: page.header.type,
                    compressedSizeBytes: Int(page.header.compressedPageSize),
                    uncompressedSizeBytes: Int(page.header.uncompressedPageSize), valueCount: 0, encoding: nil)
                if let data = page.header.dataPage {
                    summary.valueCount = Int(data.numValues)
                    summary.encoding = data.encoding
                } else if let data = page.header.dataPageV2 {
                    summary.valueCount = Int(data.numValues)
                    summary.encoding = data.encoding
                } else if let dictionary = page.header.dictionaryPage {
                    summary.valueCount = Int(dictionary.numValues)
                    summary.encoding = dictionary.encoding
                }
                if page.header.type == .dataPage || page.header.type == .dataPageV2 {
                    guard summary.valueCount >= 0 else { throw ParquetError(.corruptPage, "negative value count", byteOffset: page.offset) }
                    values += summary.valueCount
                }
                summaries.append(summary)
            }
            return summaries
        }
    }
}
