import Customs
import Parquet

/// How one bound column's values are read.
enum SourceKind: Equatable {
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
/// against the accepted types (SPEC §1.2).
struct FileBinding: @unchecked Sendable {
    // @unchecked Sendable: ParquetFile is immutable after opening.
    let file: ParquetFile
    /// Canonical column → (leaf column index, how to read it).
    let columns: [CanonicalColumn: (index: Int, kind: SourceKind)]
    /// Whether the duty column decides duty-free status for this file.
    let dutyFreeByDuty: Bool

    /// Resolves the canonical columns of `file`.
    ///
    /// - Throws: `RooError(.usage)` for a missing required or explicitly mapped
    ///   column (listing the file's columns and the closest name) or when
    ///   duty-free status cannot be decided; `RooError(.dataError)` for a
    ///   column of an unaccepted type.
    init(file: ParquetFile, options: SummarizeOptions) throws {
        self.file = file
        var columns: [CanonicalColumn: (index: Int, kind: SourceKind)] = [:]
        let names = file.schema.columns.map(\.name)
        for canonical in CanonicalColumn.allCases {
            let source = options.mapping.source(for: canonical)
            guard let index = try FileBinding.uniqueIndex(of: source, among: names, for: canonical, path: file.path) else {
                if CanonicalColumn.required.contains(canonical) || options.mapping.isExplicit(canonical) {
                    throw FileBinding.missing(canonical, source: source, path: file.path, names: names)
                }
                continue
            }
            let descriptor = file.schema.columns[index]
            guard descriptor.maxRepetitionLevel == 0 else {
                throw RooError(.dataError, "\(file.path): column \"\(source)\" (\(canonical.rawValue)) is repeated; only flat columns are supported")
            }
            columns[canonical] = (index, try FileBinding.kind(of: descriptor, for: canonical, path: file.path))
        }
        self.columns = columns
        dutyFreeByDuty = try FileBinding.resolveRules(present: Set(columns.keys), options: options, path: file.path, names: names)
    }

    /// Decides how duty-free status is determined for one input and checks
    /// that the columns the options need are present (shared by Parquet and CSV).
    ///
    /// - Returns: whether the duty column decides duty-free status.
    /// - Throws: `RooError(.usage)` naming the missing column (with a suggestion).
    static func resolveRules(present: Set<CanonicalColumn>, options: SummarizeOptions, path: String, names: [String]) throws -> Bool {
        func require(_ canonical: CanonicalColumn) throws {
            guard present.contains(canonical) else {
                throw FileBinding.missing(canonical, source: options.mapping.source(for: canonical), path: path, names: names)
            }
        }
        if options.reporter != nil { try require(.reporter) }
        if options.from != nil || options.to != nil { try require(.period) }
        if options.dutyFreeBy == .rateProvision {
            try require(.rateProvision)
            return false
        }
        if present.contains(.duty) { return true }
        guard options.dutyFreePrograms != nil else {
            throw RooError(.usage, "\(path): no duty column (\"\(options.mapping.source(for: .duty))\") to decide duty-free status: map one with --map duty=COLUMN, or give --duty-free-programs LIST")
        }
        try require(.program)
        return false
    }

    /// The position of the column named `source` (compared by bytes), nil
    /// when there is none.
    ///
    /// - Throws: `RooError(.dataError)` when two columns have that name: the
    ///   mapping would be ambiguous (a duplicate name no mapping uses is fine).
    static func uniqueIndex(of source: String, among names: [String], for canonical: CanonicalColumn, path: String) throws -> Int? {
        let wanted = Array(source.utf8)
        let matches = names.indices.filter { names[$0].utf8.elementsEqual(wanted) }
        guard matches.count <= 1 else {
            let positions = matches.map { String($0 + 1) }.joined(separator: " and ")
            throw RooError(.dataError, "\(path): \(matches.count) columns are named \"\(KeyText.display(wanted))\" (columns \(positions)), so \(canonical.rawValue) is ambiguous: rename one in the file, or --map \(canonical.rawValue)= another column")
        }
        return matches.first
    }

    static func missing(_ canonical: CanonicalColumn, source: String, path: String, names: [String]) -> RooError {
        var message = "\(path): no column \"\(source)\" for \(canonical.rawValue) (\(canonical.meaning))"
        if let suggestion = NameSuggestion.closest(to: source, among: names) {
            message += "; did you mean \"\(suggestion)\"? (--map \(canonical.rawValue)=\(suggestion))"
        }
        message += "; the file's columns: " + names.joined(separator: ", ")
        return RooError(.usage, message)
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
        case .customsValue, .duty, .nonOriginatingValue:
            if let scale = decimalScale {
                kind = isInteger ? .decimalInt(scale: scale) : (isText ? .decimalBytes(scale: scale) : nil)
            } else {
                kind = isInteger ? .dollars : ((physical == .float || physical == .double) ? .floating : nil)
            }
        case .period:
            if column.logicalType == .date { kind = .date } else { kind = isText ? .text : (isInteger && decimalScale == nil ? .integer : nil) }
        }
        guard let kind else {
            let type = physical.description + (column.logicalType.map { "/\($0)" } ?? "")
            throw RooError(.dataError, "\(path): column \"\(column.name)\" (\(canonical.rawValue)) has type \(type), which roo does not accept for \(canonical.rawValue) (SPEC §1.2)")
        }
        return kind
    }
}
