import MappedIO

/// The pages of one column chunk, checked as they are read.
///
/// A chunk holds at most one dictionary page, first, then data pages (v1 or
/// v2) whose value counts add up to exactly the chunk's `num_values` (which
/// `ColumnChunkDecoder.validate` ties to the row group's `num_rows`). An
/// index page or an unknown page type inside a chunk means the chunk is
/// damaged (a flipped type byte would otherwise skip a page and read the
/// next chunk's bytes as values): it is an error, as in pyarrow. Pages are
/// read only up to the start of the next column chunk in the file (or the
/// footer), so a lying header never reaches another chunk's data.
struct ChunkPages {
    /// A page with what it holds.
    struct Next {
        var page: Page
        /// Values (including nulls) of a data page; nil for the dictionary page.
        var values: Int?
    }

    private var iterator: PageIterator
    /// Values the chunk declares.
    let valueCount: Int
    /// Values of the data pages read so far.
    private(set) var valuesRead = 0
    private var dictionarySeen = false

    /// - Throws: `.corruptPage` when the chunk's first page lies outside the data region.
    init(file: ParquetFile, meta: ColumnMetaData) throws {
        let start = ColumnChunkDecoder.firstPageOffset(meta)
        iterator = try PageIterator(
            file: file.mapping.bytes, dataEnd: file.pageDataEnd(forChunkAt: start), start: start)
        valueCount = Int(meta.numValues)
    }

    /// The next page, or nil once the data pages hold `valueCount` values.
    ///
    /// - Throws: `ParquetError(.corruptPage)` for a misplaced dictionary page,
    ///   an index or unknown page, a page without its type's header, a data
    ///   page that would hold more values than remain, or a chunk that ends
    ///   before its values do; the byte offset is the page's.
    mutating func next() throws -> Next? {
        guard valuesRead < valueCount else { return nil }
        let page = try iterator.next()
        let header = page.header
        switch header.type {
        case .dictionaryPage:
            guard header.dictionaryPage != nil else {
                throw ParquetError(
                    .corruptPage, "DICTIONARY_PAGE without dictionary_page_header", byteOffset: page.offset)
            }
            guard !dictionarySeen, valuesRead == 0 else {
                throw ParquetError(
                    .corruptPage,
                    "DICTIONARY_PAGE after data pages or a second one in the column chunk (the chunk is damaged)",
                    byteOffset: page.offset)
            }
            dictionarySeen = true
            return Next(page: page, values: nil)
        case .dataPage, .dataPageV2:
            guard let declared = header.dataPage?.numValues ?? header.dataPageV2?.numValues,
                (header.type == .dataPage) == (header.dataPage != nil)
            else {
                throw ParquetError(.corruptPage, "\(header.type) without its page header", byteOffset: page.offset)
            }
            guard declared >= 0 else {
                throw ParquetError(
                    .corruptPage, "negative value count \(declared) in page header", byteOffset: page.offset)
            }
            let values = Int(declared)
            guard values <= valueCount - valuesRead else {
                throw ParquetError(
                    .corruptPage,
                    "page holds \(values) values but only \(valueCount - valuesRead) remain in the column chunk",
                    byteOffset: page.offset)
            }
            valuesRead += values
            return Next(page: page, values: values)
        case .indexPage:
            throw ParquetError(
                .corruptPage,
                "INDEX_PAGE inside the column chunk: only dictionary and data pages belong there (the chunk is "
                    + "damaged)",
                byteOffset: page.offset)
        default:
            throw ParquetError(
                .corruptPage,
                "unknown page type \(header.type.rawValue) inside the column chunk (the chunk is damaged)",
                byteOffset: page.offset)
        }
    }
}

extension ColumnChunkDecoder {
    /// Walks the page headers of a column chunk (bodies are not read) and
    /// checks that they hold exactly the values the footer declares: call it
    /// before allocating anything sized by the footer's row count.
    ///
    /// - Parameter rows: the rows a decode will ask for (nil = all).
    /// - Returns: how many values `decode(…, rows:)` materializes for
    ///   `rows` (whole pages overlapping the range: a decode holds whole pages).
    /// - Throws: `ParquetError` naming file, row group, column and page.
    /// - Complexity: O(pages of the chunk).
    @discardableResult
    public static func verifiedValueCount(
        _ file: ParquetFile, rowGroup: Int, column: Int, rows: Range<Int>? = nil
    ) throws -> Int {
        precondition(
            rowGroup >= 0 && rowGroup < file.rowGroupCount && column >= 0 && column < file.schema.columns.count)
        let descriptor = file.schema.columns[column]
        do {
            let group = file.metadata.rowGroups[rowGroup]
            let meta = try validate(group.columns[column], descriptor: descriptor, rowCount: group.numRows)
            if meta.numValues == 0 { return 0 }  // an empty chunk has no pages to read
            var pages = try ChunkPages(file: file, meta: meta)
            var pageStart = 0
            var materialized = 0
            while let next = try pages.next() {
                guard let values = next.values else { continue }
                if rows.map({ pageStart < $0.upperBound && pageStart + values > $0.lowerBound }) ?? true {
                    materialized += values
                }
                pageStart += values
            }
            return materialized
        } catch let error as ParquetError {
            throw error.adding(path: file.path, rowGroup: rowGroup, column: descriptor.name)
        }
    }
}
