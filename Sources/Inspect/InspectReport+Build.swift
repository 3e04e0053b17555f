import Parquet
import RooSupport

extension InspectReport {
    /// Reads the footer of `path` and describes it.
    ///
    /// - Throws: `RooError` when the file is not Parquet (65, saying what it
    ///   is: `InputLook`), cannot be opened, or its footer is
    ///   malformed. Unsupported codecs/encodings/nesting are listed in
    ///   `unsupported` rather than thrown.
    package static func build(path: String) throws -> InspectReport {
        try InputLook.requireParquet(path)
        let file: ParquetFile
        do { file = try ParquetFile(path: path) } catch let error as ParquetError { throw RooError(error) }
        let schema = file.schema
        var notes: [String] = []
        if !schema.isFlat { notes.append("nested schema: only flat (non-repeated) columns can be read") }
        let columns = schema.columns.map(column)
        let groups = file.metadata.rowGroups.enumerated().map { index, group in
            rowGroup(index: index, group: group, schema: schema, notes: &notes)
        }
        var seen = Set<String>()
        let uniqueNotes = notes.filter { seen.insert($0).inserted }
        return InspectReport(
            path: path, sizeBytes: file.mapping.count, createdBy: file.metadata.createdBy,
            formatVersion: file.metadata.version, rows: file.rowCount, columns: columns, rowGroups: groups,
            keyValueMetadata: file.metadata.keyValueMetadata, unsupported: uniqueNotes
        )
    }

    private static func column(_ descriptor: ColumnDescriptor) -> Column {
        var precision = descriptor.precision
        var scale = descriptor.scale
        if case let .decimal(logicalScale, logicalPrecision)? = descriptor.logicalType {
            precision = logicalPrecision
            scale = logicalScale
        }
        return Column(
            name: descriptor.name, physicalType: descriptor.physicalType.description,
            logicalType: descriptor.logicalType?.description, convertedType: descriptor.convertedType?.description,
            precision: precision, scale: scale,
            typeLength: descriptor.physicalType == .fixedLenByteArray ? descriptor.typeLength : nil,
            repetition: descriptor.repetition.description, nullable: descriptor.isNullable
        )
    }

    private static func rowGroup(
        index: Int, group: Parquet.RowGroup, schema: Schema, notes: inout [String]
    ) -> RowGroup {
        var chunks: [Chunk] = []
        var compressedTotal: Int64 = 0
        for (column, chunk) in zip(schema.columns, group.columns) {
            guard let meta = chunk.metaData else {
                notes.append("column \"\(column.name)\": column chunk metadata missing or encrypted")
                continue
            }
            if chunk.isEncrypted { notes.append("column \"\(column.name)\": encrypted column chunk") }
            for problem in ParquetSupport.unsupportedFeatures(column: column, metadata: meta) {
                notes.append("column \"\(column.name)\": \(problem)")
            }
            compressedTotal = compressedTotal.addingReportingOverflow(meta.totalCompressedSize).partialValue
            chunks.append(chunkReport(column, meta))
        }
        return RowGroup(
            index: index, rows: group.numRows, totalBytes: group.totalByteSize,
            compressedBytes: group.totalCompressedSize ?? compressedTotal, chunks: chunks)
    }

    private static func chunkReport(_ column: ColumnDescriptor, _ meta: ColumnMetaData) -> Chunk {
        let kind = CellKind(column)
        let stats = meta.statistics
        func render(_ bytes: [UInt8]?, json: Bool) -> String? {
            guard let bytes else { return nil }
            var out: [UInt8] = []
            bytes.withUnsafeBytes { raw in
                if json {
                    CellWriter.appendJSON(raw, kind: kind, to: &out)
                } else {
                    CellWriter.appendText(raw, kind: kind, to: &out)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return Chunk(
            column: column.name, codec: meta.codec.description, encodings: meta.encodings.map(\.description),
            values: meta.numValues, compressedBytes: meta.totalCompressedSize,
            uncompressedBytes: meta.totalUncompressedSize,
            nullCount: stats?.nullCount,
            minJSON: render(stats?.effectiveMin, json: true), maxJSON: render(stats?.effectiveMax, json: true),
            minText: render(stats?.effectiveMin, json: false), maxText: render(stats?.effectiveMax, json: false),
            dataPageOffset: meta.dataPageOffset, dictionaryPageOffset: meta.dictionaryPageOffset
        )
    }
}
