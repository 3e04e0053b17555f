/// parquet.thrift `PageHeader`.
struct PageHeader {
    var type = PageType.dataPage
    var uncompressedPageSize: Int32 = 0
    var compressedPageSize: Int32 = 0
    var crc: Int32?
    var dataPage: DataPageHeader?
    var dictionaryPage: DictionaryPageHeader?
    var dataPageV2: DataPageHeaderV2?
}

/// parquet.thrift `DataPageHeader` (v1: levels inside the compressed body).
struct DataPageHeader {
    var numValues: Int32 = 0
    var encoding = Encoding.plain
    var definitionLevelEncoding = Encoding.rle
    var repetitionLevelEncoding = Encoding.rle
}

/// parquet.thrift `DictionaryPageHeader`.
struct DictionaryPageHeader {
    var numValues: Int32 = 0
    var encoding = Encoding.plain
    var isSorted: Bool?
}

/// parquet.thrift `DataPageHeaderV2` (levels uncompressed, before the values).
struct DataPageHeaderV2 {
    var numValues: Int32 = 0
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var encoding = Encoding.plain
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed = true
}
