import Customs
import Parquet
import RooSupport
import TextFormats

extension InspectReport {
    /// Output formats of `roo inspect`.
    package enum Format: String, Sendable, CaseIterable {
        case md
        case json
    }

    /// Renders the report in `format`.
    package func rendered(_ format: Format) -> String {
        switch format {
        case .md: markdown()
        case .json: json().rendered(indent: 2) + "\n"
        }
    }

    func json() -> JSONValue {
        let columnValues: [JSONValue] = columns.map { column in
            var members: [(String, JSONValue)] = [
                ("name", .string(column.name)), ("physical_type", .string(column.physicalType)),
                ("logical_type", column.logicalType.map(JSONValue.string) ?? .null),
                ("converted_type", column.convertedType.map(JSONValue.string) ?? .null),
                ("repetition", .string(column.repetition)), ("nullable", .bool(column.nullable)),
            ]
            if let precision = column.precision { members.append(("precision", .integer(Int64(precision)))) }
            if let scale = column.scale { members.append(("scale", .integer(Int64(scale)))) }
            if let length = column.typeLength { members.append(("type_length", .integer(Int64(length)))) }
            return .object(members)
        }
        let groupValues: [JSONValue] = rowGroups.map { group in
            .object([
                ("index", .integer(Int64(group.index))), ("rows", .integer(group.rows)),
                ("total_bytes", .integer(group.totalBytes)), ("compressed_bytes", .integer(group.compressedBytes)),
                ("columns", .array(group.chunks.map(InspectReport.chunkJSON))),
            ])
        }
        return .object([
            ("file", .string(path)), ("size_bytes", .integer(Int64(sizeBytes))),
            ("created_by", createdBy.map(JSONValue.string) ?? .null),
            ("format_version", .integer(Int64(formatVersion))),
            ("rows", .integer(rows)), ("row_group_count", .integer(Int64(rowGroups.count))),
            ("schema", .array(columnValues)), ("row_groups", .array(groupValues)),
            (
                "key_value_metadata",
                .array(
                    keyValueMetadata.map {
                        .object([("key", .string($0.key)), ("value", $0.value.map(JSONValue.string) ?? .null)])
                    })
            ),
            ("unsupported", .array(unsupported.map(JSONValue.string))),
        ])
    }

    private static func chunkJSON(_ chunk: Chunk) -> JSONValue {
        .object([
            ("column", .string(chunk.column)), ("codec", .string(chunk.codec)),
            ("encodings", .array(chunk.encodings.map(JSONValue.string))), ("values", .integer(chunk.values)),
            ("compressed_bytes", .integer(chunk.compressedBytes)),
            ("uncompressed_bytes", .integer(chunk.uncompressedBytes)),
            ("compression_ratio", chunk.compressionRatio.map { .raw(formatRatio($0)) } ?? .null),
            ("null_count", chunk.nullCount.map(JSONValue.integer) ?? .null),
            ("min", chunk.minJSON.map(JSONValue.raw) ?? .null), ("max", chunk.maxJSON.map(JSONValue.raw) ?? .null),
            ("data_page_offset", .integer(chunk.dataPageOffset)),
            ("dictionary_page_offset", chunk.dictionaryPageOffset.map(JSONValue.integer) ?? .null),
        ])
    }

    static func formatRatio(_ ratio: Double) -> String {
        let hundredths = (ratio * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "0.00" }
        var out: [UInt8] = []
        DecimalText.append(Int64(hundredths), scale: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func markdown() -> String {
        var lines: [String] = []
        lines.append("# \(MarkdownTable.inline(path))")
        lines.append("")
        lines.append("- size: \(Plural.count(sizeBytes, "byte"))")
        lines.append("- created by: \(MarkdownTable.inline(createdBy ?? "(unknown)"))")
        lines.append("- format version: \(formatVersion)")
        lines.append("- rows: \(rows)")
        lines.append("- row groups: \(rowGroups.count)")
        for item in keyValueMetadata {
            let value = MarkdownTable.inline(MarkdownTable.shorten(item.value ?? "", limit: 80))
            lines.append("- metadata `\(MarkdownTable.inline(item.key))`: \(value)")
        }
        lines.append("")
        lines.append("## Schema")
        lines.append("")
        lines.append(
            contentsOf: MarkdownTable.render(
                header: [
                    "column", "physical type", "logical type", "converted type", "precision", "scale", "nullable",
                ],
                rows: columns.map { column in
                    [
                        column.name, column.physicalType + (column.typeLength.map { "(\($0))" } ?? ""),
                        column.logicalType ?? "",
                        column.convertedType ?? "", column.precision.map(String.init) ?? "",
                        column.scale.map(String.init) ?? "",
                        column.nullable ? "yes" : "no",
                    ]
                }))
        for group in rowGroups { lines.append(contentsOf: markdownRowGroup(group)) }
        if !unsupported.isEmpty {
            lines.append("")
            lines.append("## Unsupported")
            lines.append("")
            for note in unsupported { lines.append("- \(MarkdownTable.inline(note))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func markdownRowGroup(_ group: RowGroup) -> [String] {
        var lines = [
            "",
            "## Row group \(group.index): \(Plural.count(group.rows, "row")), "
                + "\(Plural.count(group.compressedBytes, "byte")) compressed",
            "",
        ]
        lines.append(
            contentsOf: MarkdownTable.render(
                header: ["column", "codec", "encodings", "compressed", "uncompressed", "ratio", "nulls", "min", "max"],
                rows: group.chunks.map { chunk in
                    [
                        chunk.column, chunk.codec, chunk.encodings.joined(separator: ","),
                        String(chunk.compressedBytes),
                        String(chunk.uncompressedBytes), chunk.compressionRatio.map(InspectReport.formatRatio) ?? "",
                        chunk.nullCount.map(String.init) ?? "",
                        MarkdownTable.shorten(chunk.minText ?? "", limit: 40),
                        MarkdownTable.shorten(chunk.maxText ?? "", limit: 40),
                    ]
                }))
        return lines
    }
}
