import Customs
import MappedIO
import Parquet
import Reports
import RooSupport

/// The Parquet form of an `ExactAggregate` (`summarize --partial`): one row
/// per group, sorted by (origin, hs_chapter, partner) bytewise, with
///
///     origin, partner STRING; hs_chapter INT32;
///     lines, duty_free_lines INT64;
///     customs_value, duty, duty_free_value, preference_value,
///     non_regional_value, dutiable_value, eligible_value,
///     eligible_preference_value DECIMAL(18,2) on INT64 (exact cents)
///
/// then, when the detail is more than the chapter (`--by`), one STRING column
/// per `DetailPlan` component after the standard ones (`hs6`, `month`,
/// `program`, `reporter`), and, in the footer's key-value metadata, `roo.partial` (format version),
/// `roo.version`, the semantic options as `roo.option.<name>` and the totals
/// counters as `roo.count.<column>`, and `roo.measures`: the optional measures the tables print
/// (`OptionalMeasures.names`, comma-separated, maybe empty). Any Parquet reader (DuckDB, Spark,
/// pyarrow) can read it; `roo merge` reads it back exactly.
package enum PartialFile {
    /// 2: adds `roo.count.hs_odd_length`; 3: adds the dutiable and eligible sums and `roo.measures`
    /// (partials of an earlier format are refused with a clear message).
    static let formatVersion = "3"
    static let moneyColumns = [
        "customs_value", "duty", "duty_free_value", "preference_value", "non_regional_value", "dutiable_value",
        "eligible_value", "eligible_preference_value",
    ]

    static let columns: [WriterColumn] =
        [
            WriterColumn(name: "origin", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "partner", physicalType: .byteArray, logicalType: .string, isOptional: false),
            WriterColumn(name: "hs_chapter", physicalType: .int32, isOptional: false),
            WriterColumn(name: "lines", physicalType: .int64, isOptional: false),
            WriterColumn(name: "duty_free_lines", physicalType: .int64, isOptional: false),
        ]
        + moneyColumns.map {
            WriterColumn(
                name: $0, physicalType: .int64, logicalType: .decimal(scale: 2, precision: 18), isOptional: false)
        }

    /// The STRING columns of a plan's detail (none for the chapter alone: it is `hs_chapter`).
    static func detailColumns(_ plan: DetailPlan) -> [WriterColumn] {
        guard !plan.isChapterOnly else { return [] }
        return plan.components.map {
            WriterColumn(name: $0.name, physicalType: .byteArray, logicalType: .string, isOptional: false)
        }
    }

    /// Counter names (metadata `roo.count.<name>`), in `totals` order.
    static var counterNames: [String] {
        ["files", "lines_read", "lines_filtered"] + RejectionReason.allCases.map(\.name) + [
            "lines_aggregated", "hs_odd_length", "unmapped_country_codes",
        ]
    }

    /// Writes `aggregate` to `path` (temporary file + rename).
    ///
    /// - Throws: `RooError(.cannotCreate)` when the file cannot be created,
    ///   `.ioError` when it cannot be written.
    /// - Complexity: O(g log g) for g groups (sorting).
    package static func write(_ aggregate: ExactAggregate, to path: String) throws {
        try Outputs.commit([finish(aggregate, to: path)])
    }

    /// Writes `aggregate` into a staged file for `path` and returns it
    /// prepared, for the caller to commit with its other outputs.
    package static func finish(_ aggregate: ExactAggregate, to path: String) throws -> OutputFile {
        // Bytewise, without a copy of any key: the positions are sorted, then the groups taken in that order.
        let all = aggregate.groups
        let order = all.indices.sorted { a, b in
            let (x, y) = (all[a], all[b])
            if !x.origin.utf8.elementsEqual(y.origin.utf8) { return KeyText.precedesBytewise(x.origin, y.origin) }
            if x.chapter != y.chapter { return x.chapter < y.chapter }
            if !x.partner.utf8.elementsEqual(y.partner.utf8) { return KeyText.precedesBytewise(x.partner, y.partner) }
            return x.detail.lexicographicallyPrecedes(y.detail, by: KeyText.precedesBytewise)
        }
        let groups = order.map { all[$0] }
        let plan = aggregate.semantics.plan
        let detailColumns = detailColumns(plan)
        func strings(_ values: [String]) -> ColumnData {
            var offsets = [0]
            var bytes: [UInt8] = []
            for value in values {
                bytes += value.utf8
                offsets.append(bytes.count)
            }
            return ColumnData(.byteArray(offsets: offsets, bytes: bytes))
        }
        let measures = groups.map(\.measures)
        let data: [ColumnData] =
            [
                strings(groups.map(\.origin)), strings(groups.map(\.partner)),
                ColumnData(.int32(groups.map { Int32($0.chapter) })),
                ColumnData(.int64(measures.map(\.lines))), ColumnData(.int64(measures.map(\.dutyFreeLines))),
                ColumnData(.int64(measures.map(\.customsValue))), ColumnData(.int64(measures.map(\.duty))),
                ColumnData(.int64(measures.map(\.dutyFreeValue))), ColumnData(.int64(measures.map(\.preferenceValue))),
                ColumnData(.int64(measures.map(\.nonRegionalValue))),
                ColumnData(.int64(measures.map(\.dutiableValue))), ColumnData(.int64(measures.map(\.eligibleValue))),
                ColumnData(.int64(measures.map(\.eligiblePreferenceValue))),
            ] + detailColumns.indices.map { index in strings(groups.map { $0.detail[index] }) }
        var options = WriterOptions()
        options.keyValueMetadata = metadata(aggregate)
        do {
            let writer = try ParquetWriter(path: path, columns: columns + detailColumns, options: options)
            if !groups.isEmpty { try writer.write(data) }
            return try writer.finish()
        } catch let error as ParquetError {
            throw RooError(error)
        }
    }

    static func metadata(_ aggregate: ExactAggregate) -> [KeyValue] {
        var entries = [
            KeyValue(key: "roo.partial", value: formatVersion), KeyValue(key: "roo.version", value: RooVersion.current),
        ]
        for (option, value) in aggregate.semantics.entries {
            entries.append(KeyValue(key: "roo.option." + option, value: value))
        }
        let totals = aggregate.totals
        var counts =
            [Int64(totals.files), totals.linesRead, totals.linesFiltered] + totals.rejected + [
                totals.linesAggregated, totals.oddHSCodes,
            ]
        var names = counterNames
        if let unmapped = totals.unmappedCountryCodes { counts.append(unmapped) } else { names.removeLast() }
        for (name, count) in zip(names, counts) {
            entries.append(KeyValue(key: "roo.count." + name, value: String(count)))
        }
        entries.append(KeyValue(key: "roo.measures", value: totals.optionalMeasures.names.joined(separator: ",")))
        if let periods = aggregate.periods {
            entries.append(KeyValue(key: "roo.periods", value: "\(periods.lowerBound)-\(periods.upperBound)"))
        }
        return entries
    }

    /// Reads a partial aggregate written by `write`.
    ///
    /// - Throws: `RooError` — 66 missing file, 65 for a file that is not a
    ///   roo partial (or a damaged one), naming the file and what is wrong.
    package static func read(_ path: String) throws -> ExactAggregate {
        let file: ParquetFile
        do { file = try ParquetFile(path: path) } catch let error as ParquetError { throw RooError(error) }
        var values: [String: String] = [:]
        for entry in file.metadata.keyValueMetadata { if let value = entry.value { values[entry.key] = value } }
        let notPartial = { (detail: String) in
            RooError(
                .dataError, "\(path): not a roo partial aggregate (\(detail)); make one with roo summarize --partial")
        }
        guard values["roo.partial"] == formatVersion else {
            if let version = values["roo.partial"] {
                throw RooError(
                    .dataError,
                    "\(path): a roo partial aggregate of format \(KeyText.escapingControls(version)), which this roo "
                        + "(format \(formatVersion)) does not merge; make it again with roo summarize --partial"
                )
            }
            throw notPartial("no roo.partial=\(formatVersion) in its metadata")
        }
        var options: [String: String] = [:]
        for name in SemanticOptions.names { options[name] = values["roo.option." + name] }
        guard let semantics = SemanticOptions(values: options) else {
            throw notPartial("options missing from its metadata")
        }
        if let invalid = semantics.invalidEntry {
            throw notPartial("roo.option.\(invalid.option) is \"\(invalid.value)\"")
        }
        var counts: [String: Int64] = [:]
        for name in counterNames {
            guard let text = values["roo.count." + name] else { continue }
            guard let count = Int64(text), count >= 0 else { throw notPartial("roo.count.\(name) is \"\(text)\"") }
            counts[name] = count
        }
        for name in counterNames.dropLast() where counts[name] == nil { throw notPartial("roo.count.\(name) missing") }
        // The unmapped counter exists exactly when codes were converted.
        let converts = semantics.value(of: "country-codes") != CountryCodeSystem.iso2.rawValue
        guard (counts["unmapped_country_codes"] != nil) == converts else {
            throw notPartial(
                "roo.count.unmapped_country_codes \(converts ? "missing" : "present") for country codes "
                    + "\(semantics.value(of: "country-codes"))"
            )
        }
        guard let measured = values["roo.measures"],
            let optionalMeasures = OptionalMeasures(
                names: measured.split(separator: ",", omittingEmptySubsequences: true))
        else {
            throw notPartial("roo.measures is \"\(KeyText.escapingControls(values["roo.measures"] ?? "missing"))\"")
        }
        var totals = TotalsInput(
            files: Int(counts["files"] ?? 0), linesRead: counts["lines_read"] ?? 0,
            linesFiltered: counts["lines_filtered"] ?? 0,
            rejected: RejectionReason.allCases.map { counts[$0.name] ?? 0 },
            linesAggregated: counts["lines_aggregated"] ?? 0,
            unmappedCountryCodes: counts["unmapped_country_codes"], oddHSCodes: counts["hs_odd_length"] ?? 0)
        totals.optionalMeasures = optionalMeasures
        let groups = try groups(file, plan: semantics.plan, path: path, notPartial: notPartial)
        try checkInvariants(totals, groups: groups, notPartial: notPartial)
        var periods: ClosedRange<Int>?
        if let text = values["roo.periods"] {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= parts[1], (100_000...999_999).contains(parts[0]),
                (100_000...999_999).contains(parts[1])
            else {
                throw notPartial("roo.periods is \"\(KeyText.escapingControls(text))\"")
            }
            periods = parts[0]...parts[1]
        }
        return ExactAggregate(groups: groups, totals: totals, semantics: semantics, periods: periods)
    }

    /// `lines_read = lines_filtered + lines_rejected + lines_aggregated`, and the
    /// groups' lines add up to `lines_aggregated` (overflow-checked): a partial
    /// that breaks them was not written by roo, and would make merged totals lie.
    private static func checkInvariants(
        _ totals: TotalsInput, groups: [GroupRow], notPartial: (String) -> RooError
    ) throws {
        func sum(_ values: [Int64]) -> Int64? {
            var total: Int64 = 0
            for value in values {
                let (next, overflow) = total.addingReportingOverflow(value)
                if overflow { return nil }
                total = next
            }
            return total
        }
        guard let accounted = sum([totals.linesFiltered, totals.linesAggregated] + totals.rejected),
            accounted == totals.linesRead
        else {
            throw notPartial("its line counters do not add up to lines_read")
        }
        guard
            groups.allSatisfy({ $0.measures.lines > 0 && (0...$0.measures.lines).contains($0.measures.dutyFreeLines) }),
            sum(groups.map(\.measures.lines)) == totals.linesAggregated
        else { throw notPartial("its groups' line counts do not add up to lines_aggregated") }
        if let unmapped = totals.unmappedCountryCodes, unmapped > totals.linesAggregated {
            throw notPartial("unmapped_country_codes exceeds lines_aggregated")
        }
        guard totals.oddHSCodes <= totals.linesAggregated else {
            throw notPartial("hs_odd_length exceeds lines_aggregated")
        }
    }

    private static func groups(
        _ file: ParquetFile, plan: DetailPlan, path: String, notPartial: (String) -> RooError
    ) throws -> [GroupRow] {
        let expected = columns + detailColumns(plan)
        let names = expected.map(\.name)
        let indexes = try names.map { name -> Int in
            guard let index = file.schema.columnIndex(named: name) else { throw notPartial("no column \(name)") }
            let descriptor = file.schema.columns[index]
            let wanted = expected[names.firstIndex(of: name) ?? 0]
            guard descriptor.physicalType == wanted.physicalType else {
                throw notPartial("column \(name) is \(descriptor.physicalType)")
            }
            if moneyColumns.contains(name), descriptor.scale != 2 {
                throw notPartial("column \(name) is not DECIMAL(18,2) cents")
            }
            return index
        }
        let decoder = ColumnChunkDecoder()
        let batches = names.map { _ in ColumnBatch() }
        var groups: [GroupRow] = []
        for rowGroup in 0..<file.rowGroupCount {
            for (slot, index) in indexes.enumerated() {
                do { try decoder.decode(file, rowGroup: rowGroup, column: index, into: batches[slot]) } catch let error
                    as ParquetError
                {
                    throw RooError(error)
                }
            }
            let rows = batches[0].rowCount
            guard batches.allSatisfy({ $0.rowCount == rows && $0.nullCount == 0 }) else {
                throw notPartial("row group \(rowGroup): columns of different lengths or with nulls")
            }
            let chapters = batches[2].values(as: Int32.self)
            let ints = (3..<columns.count).map { batches[$0].values(as: Int64.self) }
            let details = batches[columns.count...]
            for row in 0..<rows {
                let chapter = Int(chapters[row])
                guard (1...99).contains(chapter) else {
                    throw notPartial("row group \(rowGroup), row \(row): hs_chapter \(chapter)")
                }
                var measures = Measures()
                measures.lines = ints[0][row]
                measures.dutyFreeLines = ints[1][row]
                measures.customsValue = ints[2][row]
                measures.duty = ints[3][row]
                measures.dutyFreeValue = ints[4][row]
                measures.preferenceValue = ints[5][row]
                measures.nonRegionalValue = ints[6][row]
                measures.dutiableValue = ints[7][row]
                measures.eligibleValue = ints[8][row]
                measures.eligiblePreferenceValue = ints[9][row]
                let detail = details.map { String(decoding: $0.bytes(at: row), as: UTF8.self) }
                guard detail.isEmpty || detail[0].utf8.prefix(2).elementsEqual(SummaryTable.chapterText(chapter).utf8)
                else {
                    throw notPartial(
                        "row group \(rowGroup), row \(row): \(names[columns.count]) does not match hs_chapter")
                }
                groups.append(
                    GroupRow(
                        origin: String(decoding: batches[0].bytes(at: row), as: UTF8.self), chapter: chapter,
                        partner: String(decoding: batches[1].bytes(at: row), as: UTF8.self),
                        detail: detail.isEmpty ? nil : detail, measures: measures))
            }
        }
        return groups
    }
}
