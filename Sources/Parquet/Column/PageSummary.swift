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
            var pages = try ChunkPages(file: self, meta: meta)
            var summaries: [PageSummary] = []
            while let next = try pages.next() {
                let page = next.page
                var summary = PageSummary(
                    offset: page.offset, type: page.header.type,
                    compressedSizeBytes: Int(page.header.compressedPageSize),
                    uncompressedSizeBytes: Int(page.header.uncompressedPageSize), valueCount: next.values ?? 0,
                    encoding: nil)
                if let data = page.header.dataPage {
                    summary.encoding = data.encoding
                } else if let data = page.header.dataPageV2 {
                    summary.encoding = data.encoding
                } else if let dictionary = page.header.dictionaryPage {
                    summary.valueCount = Int(dictionary.numValues)
                    summary.encoding = dictionary.encoding
                }
                summaries.append(summary)
            }
            return summaries
        }
    }
}
