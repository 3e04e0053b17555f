import Customs
import Parquet
import RooSupport

/// How one bound column's values are read.
package enum SourceKind: Equatable {
    /// BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY text.
    case text
    /// INT32 / INT64 plain integers.
    case integer
    /// Money: whole dollars in INT32/INT64.
    case dollars
    case decimalInt(scale: Int)
    case decimalBytes(scale: Int)
    case floating
    /// DATE (days since the epoch), for `period`.
    case date
}

/// The canonical columns of one file, resolved to leaf columns and checked
/// against the accepted types (docs/semantics.md, Canonical columns).
package struct FileBinding: @unchecked Sendable {
    // @unchecked Sendable: ParquetFile is immutable after opening.
    package let file: ParquetFile
    /// Canonical column → (leaf column index, how to read it).
    package let columns: [CanonicalColumn: (index: Int, kind: SourceKind)]
    /// The columns of the `col:NAME` keys: the plan component each fills, its leaf column, how to read it.
    package let sourceKeys: [(component: Int, index: Int, kind: SourceKind)]
    /// Whether the duty column decides duty-free status for this file.
    let dutyFreeByDuty: Bool
    /// Notes on optional columns left unmapped that a header looks like.
    let notes: [String]

    /// Every leaf column the run reads from this file, each once.
    var columnIndices: [Int] { Array(Set(columns.values.map(\.index) + sourceKeys.map(\.index))).sorted() }

    /// Resolves the canonical columns of `file`.
    ///
    /// - Throws: `RooError(.usage)` listing every column the run needs and
    ///   the file lacks (`bind`); `RooError(.dataError)` for a column of an
    ///   unaccepted type or a name the file holds twice.
    init(file: ParquetFile, options: SummarizeOptions) throws {
        self.file = file
        let names = file.schema.columns.map(\.name)
        let bound = try FileBinding.bind(names: names, options: options, path: file.path)
        var columns: [CanonicalColumn: (index: Int, kind: SourceKind)] = [:]
        for (canonical, index) in bound.indices {
            let descriptor = file.schema.columns[index]
            guard descriptor.maxRepetitionLevel == 0 else {
                throw RooError(
                    .dataError,
                    "\(file.path): column \"\(descriptor.name)\" (\(canonical.rawValue)) is repeated; only flat "
                        + "columns are supported"
                )
            }
            columns[canonical] = (index, try FileBinding.kind(of: descriptor, for: canonical, path: file.path))
        }
        self.columns = columns
        sourceKeys = try bound.sourceKeys.map { key in
            (
                key.component, key.index,
                try FileBinding.sourceKeyKind(of: file.schema.columns[key.index], path: file.path)
            )
        }
        dutyFreeByDuty = bound.dutyFreeByDuty
        notes = bound.notes
    }

    /// The canonical columns of one input's header (Parquet leaf names or
    /// CSV header), shared by both input planes: each found by its source
    /// name (`--map`, else the canonical name), compared by bytes.
    ///
    /// - Returns: canonical → position, whether duty decides duty-free
    ///   status, and notes for optional columns left unmapped that a header
    ///   looks like.
    /// - Throws: `RooError(.usage)` listing every column the run needs and
    ///   the file lacks, each with the `--map` a header suggests, or a
    ///   `col:NAME` column it lacks; `RooError(.dataError)` for a name the
    ///   header holds twice.
    static func bind(
        names: [String], options: SummarizeOptions, path: String
    ) throws -> (
        indices: [CanonicalColumn: Int], sourceKeys: [(component: Int, index: Int)], dutyFreeByDuty: Bool,
        notes: [String]
    ) {
        var indices: [CanonicalColumn: Int] = [:]
        for canonical in CanonicalColumn.allCases {
            let source = options.mapping.source(for: canonical)
            let remedy = "rename one in the file, or --map \(canonical.rawValue)= another column"
            if let index = try uniqueIndex(of: source, among: names, for: canonical.rawValue, remedy, path: path) {
                indices[canonical] = index
            }
        }
        let sourceKeys = try options.plan.components.indices.compactMap { component -> (Int, Int)? in
            guard case let .column(name) = options.plan.components[component] else { return nil }
            let key = Dimension.column(name).name
            guard let index = try uniqueIndex(of: name, among: names, for: "--by " + key, "rename one", path: path)
            else {
                // A layout field its canonical columns read is theirs: say which, and the key to use.
                let readers = options.layout?.canonicalColumns(reading: name) ?? []
                let read =
                    readers.first.map { first in
                        "; --layout \(options.layout?.name ?? "") reads \"\(KeyText.escapingControls(name))\" as "
                            + readers.map(\.rawValue).joined(separator: " and ") + ": "
                            + (readers == [.origin, .partner]
                                ? "use --by origin or partner" : FileBinding.keyAdvice(for: first))
                    } ?? ""
                throw RooError(
                    .usage,
                    "\(path): no column \"\(KeyText.escapingControls(name))\" for --by "
                        + "\(KeyText.escapingControls(key)) (names are compared exactly)\(read); the file's columns: "
                        + names.map(KeyText.escapingControls).joined(separator: ", "))
            }
            return (component, index)
        }
        let present = Set(indices.keys)
        let needed = neededColumns(present: present, options: options)
        let missing = CanonicalColumn.allCases.filter { needed.contains($0) && !present.contains($0) }
        let unbound = names.indices.filter { index in !indices.values.contains(index) }.map { names[$0] }
        if !missing.isEmpty { throw missingColumns(missing, options: options, path: path, names: names, free: unbound) }
        let optional: [CanonicalColumn] = [.program, .nonOriginatingValue].filter {
            !present.contains($0) && !options.mapping.isExplicit($0)
        }
        let likely = ColumnSuggestions.sources(for: optional, among: unbound)
        let notes = optional.compactMap { canonical -> String? in
            guard let source = likely[canonical] else { return nil }
            let effect =
                canonical == .program
                ? "no line counts as claiming a preference program" : "declared non-originating values count as 0"
            return
                "\(path): no \(canonical.rawValue) column, but \"\(KeyText.escapingControls(source))\" looks like one: "
                + "\(ColumnSuggestions.mapFlag(canonical, source)) (without it, \(effect))"
        }
        let dutyFreeByDuty = options.dutyFreeBy != .rateProvision && present.contains(.duty)
        return (indices, sourceKeys, dutyFreeByDuty, notes)
    }

    /// The columns a run with `options` needs: the required four, every
    /// explicitly mapped one, and those the options' rules and `--by` keys
    /// read (reporter, period, rate provision; duty, or program when
    /// `--duty-free-programs` decide instead).
    static func neededColumns(present: Set<CanonicalColumn>, options: SummarizeOptions) -> Set<CanonicalColumn> {
        var needed = Set(CanonicalColumn.required)
        for canonical in CanonicalColumn.allCases where options.mapping.isExplicit(canonical) {
            needed.insert(canonical)
        }
        if options.reporter != nil { needed.insert(.reporter) }
        if options.from != nil || options.to != nil { needed.insert(.period) }
        // A period key needs the period; a reporter key reads "" where a file has no reporter column.
        if options.plan.periodGrain != nil { needed.insert(.period) }
        // The channel is the rate provision's (with the claim).
        if options.plan.index(of: .channel) != nil { needed.insert(.rateProvision) }
        if options.valuesOnly {
            // The values only: duty-free status is not asked for.
        } else if options.dutyFreeBy == .rateProvision {
            needed.insert(.rateProvision)
        } else if !present.contains(.duty) {
            needed.insert(options.dutyFreePrograms == nil ? .duty : .program)
        }
        return needed
    }

    /// One error for every missing column, with the `--map` flags the file's
    /// other headers suggest.
    static func missingColumns(
        _ missing: [CanonicalColumn], options: SummarizeOptions, path: String, names: [String], free: [String]
    ) -> RooError {
        let suggested = ColumnSuggestions.sources(for: missing, among: free)
        let listed = missing.map { canonical -> String in
            let source = options.mapping.source(for: canonical)
            let named = source == canonical.rawValue ? "" : " \"\(KeyText.escapingControls(source))\""
            return "\(canonical.rawValue)\(named) (\(canonical.meaning))"
        }
        var message =
            "\(path): \(missing.count == 1 ? "no column for" : "\(missing.count) columns missing:") "
            + listed.joined(separator: ", ")
        let flags = missing.compactMap { canonical in
            suggested[canonical].map { ColumnSuggestions.mapFlag(canonical, $0) }
        }
        if !flags.isEmpty { message += "; the file's headers suggest: " + flags.joined(separator: " ") }
        // The optional columns too, so one run shows every --map the file needs.
        let used = Set(suggested.values)
        let optional: [CanonicalColumn] = [.program, .nonOriginatingValue].filter {
            !missing.contains($0) && !options.mapping.isExplicit($0) && !names.contains($0.rawValue)
        }
        let optionalFlags = ColumnSuggestions.sources(for: optional, among: free.filter { !used.contains($0) })
            .sorted { $0.key.rawValue < $1.key.rawValue }.map { ColumnSuggestions.mapFlag($0.key, $0.value) }
        if !optionalFlags.isEmpty {
            message += " (and for optional columns: " + optionalFlags.joined(separator: " ") + ")"
        }
        if missing.contains(.duty), let layout = options.layout, let why = layout.withoutDuty {
            return RooError(
                .usage,
                "\(path): --layout \(layout.name) has no duty column: \(why), so roo summarize cannot tell which "
                    + "lines are duty-free; compare its values with roo mirror (docs/mirror.md), or read them with "
                    + "roo ingest")
        }
        if missing.contains(.duty) {
            message += "; without a duty column, give --duty-free-programs LIST to decide duty-free status by program"
        }
        message += "; the file's columns: " + names.map(KeyText.escapingControls).joined(separator: ", ")
        return RooError(.usage, message)
    }

    /// The position of the column named `source` (compared by bytes), nil
    /// when there is none.
    ///
    /// - Parameters:
    ///   - role: what the column is read as (`hs_code`, `--by col:district`), and
    ///   - remedy: how to resolve two columns of that name, for the error.
    /// - Throws: `RooError(.dataError)` when two columns have that name: the
    ///   mapping would be ambiguous (a duplicate name no mapping uses is fine).
    static func uniqueIndex(
        of source: String, among names: [String], for role: String, _ remedy: String, path: String
    ) throws -> Int? {
        let wanted = Array(source.utf8)
        let matches = names.indices.filter { names[$0].utf8.elementsEqual(wanted) }
        guard matches.count <= 1 else {
            let positions = matches.map { String($0 + 1) }.joined(separator: " and ")
            throw RooError(
                .dataError,
                "\(path): \(matches.count) columns are named \"\(KeyText.display(wanted))\" (columns \(positions)), so "
                    + "\(KeyText.escapingControls(role)) is ambiguous: \(remedy)"
            )
        }
        return matches.first
    }

    /// How a `col:NAME` key's column is read: text (not a decimal) or a plain integer.
    ///
    /// - Throws: `RooError(.dataError)` for any other type or a repeated column.
    static func sourceKeyKind(of column: ColumnDescriptor, path: String) throws -> SourceKind {
        let physical = column.physicalType
        let isText =
            (physical == .byteArray || physical == .fixedLenByteArray)
            && [nil, .string, .enumeration].contains(column.logicalType)
        var isInteger = false
        if physical == .int32 || physical == .int64 {
            switch column.logicalType {
            case nil: isInteger = true
            case let .integer(width, signed)?: isInteger = signed || width < 64
            default: isInteger = false
            }
        }
        guard column.maxRepetitionLevel == 0, isText || isInteger else {
            let type = physical.description + (column.logicalType.map { "/\($0)" } ?? "")
            throw RooError(
                .dataError,
                "\(path): column \"\(KeyText.escapingControls(column.name))\" (--by col:"
                    + "\(KeyText.escapingControls(column.name))) has type \(type); a col: key reads a flat text or "
                    + "integer column"
            )
        }
        return isText ? .text : .integer
    }

    static func kind(of column: ColumnDescriptor, for canonical: CanonicalColumn, path: String) throws -> SourceKind {
        let physical = column.physicalType
        let isText = physical == .byteArray || physical == .fixedLenByteArray
        let isInteger = physical == .int32 || physical == .int64
        var decimalScale: Int?
        if case let .decimal(scale, _)? = column.logicalType { decimalScale = Int(scale) }
        let kind: SourceKind?
        switch canonical {
        case .origin, .partner, .hsCode, .rateProvision:
            kind = decimalScale == nil ? (isText ? .text : (isInteger ? .integer : nil)) : nil
        case .program, .reporter:
            kind = isText && decimalScale == nil ? .text : nil
        case .customsValue, .duty, .nonOriginatingValue, .dutiableValue:
            if let scale = decimalScale {
                kind = isInteger ? .decimalInt(scale: scale) : (isText ? .decimalBytes(scale: scale) : nil)
            } else {
                kind = isInteger ? .dollars : ((physical == .float || physical == .double) ? .floating : nil)
            }
        case .period:
            if column.logicalType == .date {
                kind = .date
            } else {
                kind = isText ? .text : (isInteger && decimalScale == nil ? .integer : nil)
            }
        }
        guard let kind else {
            let type = physical.description + (column.logicalType.map { "/\($0)" } ?? "")
            throw RooError(
                .dataError,
                "\(path): column \"\(column.name)\" (\(canonical.rawValue)) has type \(type), which roo does not "
                    + "accept for \(canonical.rawValue)"
            )
        }
        return kind
    }
}

extension FileBinding {
    /// The `--by` key that groups by canonical column `column`, in words (`use --by origin`), or why none does.
    static func keyAdvice(for column: CanonicalColumn) -> String {
        switch column {
        case .origin, .partner, .program, .reporter: "use --by \(column.rawValue)"
        case .hsCode: "use --by hs2, hs4, hs6, hs8 or hs10"
        case .period: "use --by month, quarter or year"
        case .rateProvision: "use --by channel (the duty-free channel it gives)"
        default: "it is a measure, not a key"
        }
    }
}
