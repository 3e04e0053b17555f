import Customs
import Parquet

/// The component fills from decoded Parquet columns: dictionary-encoded
/// columns are turned into ids once per dictionary entry and gathered per
/// row by index; other columns per row. Null rows keep id 0 (missing).
///
/// Safe because (every loop): `classify` verified that the batch holds the
/// block's rows, which `prepare` sized the component columns to, and the
/// decoder checked every dictionary index against the dictionary's size.
extension DetailKeys {
    /// The HS component (when the plan's HS width is more than the chapter, or other components are keys).
    func fillHS(kind: SourceKind, _ view: ColumnView, options: SummarizeOptions) throws {
        switch kind {
        case .text:
            try fill(0, view) { try hsID(text: $0, padOddLength: options.padHS) }
        default:
            for row in 0..<view.rowCount where view.isValid(row) {
                set(0, row, try hsID(integer: view.integer(row), width: options.hsWidth))
            }
        }
    }

    /// The period component from a period column (date, text or YYYYMM integer).
    func fillPeriod(kind: SourceKind, _ view: ColumnView) throws {
        guard let index = periodIndex else { return }
        if kind == .text {
            try fill(index, view) { try periodID(month: PeriodText.month(text: $0)) }
            return
        }
        for row in 0..<view.rowCount where view.isValid(row) {
            let month =
                kind == .date
                ? PeriodText.month(daysSinceEpoch: view.integer(row)) : PeriodText.month(integer: view.integer(row))
            set(index, row, try periodID(month: month))
        }
    }

    /// The program component.
    func fillProgram(_ view: ColumnView) throws {
        guard let index = programIndex else { return }
        try fill(index, view) { try programID($0) }
    }

    /// The reporter component; `alpha2` converts a normalized key from the inputs' code system.
    func fillReporter(_ view: ColumnView, alpha2: ([UInt8]) -> [UInt8]) throws {
        guard let index = reporterIndex else { return }
        try fill(index, view) { try reporterID($0, convert: alpha2) }
    }

    /// The channel component from a rate provision column (integer or text); null rows stay `unknown`.
    func fillChannel(kind: SourceKind, _ view: ColumnView) throws {
        guard let index = channelIndex else { return }
        if kind == .text {
            try fill(index, view) { channelID(rateProvision: $0) }
            return
        }
        for row in 0..<view.rowCount where view.isValid(row) {
            set(index, row, channelID(rateProvision: view.integer(row)))
        }
    }

    /// A `col:NAME` key's component from its column (text or integer); null rows stay empty.
    func fillSourceKey(_ component: Int, kind: SourceKind, _ view: ColumnView) throws {
        if kind == .text {
            try fill(component, view) { try sourceKeyID(component, $0) }
            return
        }
        for row in 0..<view.rowCount where view.isValid(row) {
            set(component, row, try sourceKeyID(component, integer: view.integer(row)))
        }
    }

    /// Component `component` of every non-null row of a text column: `id` once per dictionary entry, or per row.
    ///
    /// Safe because: rows `0..<view.rowCount` are the block's rows (see the extension's comment), and
    /// `gather` reads `table` at decoder-checked dictionary indices below `dictionaryCount`.
    private func fill(_ component: Int, _ view: ColumnView, _ id: (UnsafeRawBufferPointer) throws -> UInt32) throws {
        let rows = view.rowCount
        guard view.layout == .dictionaryByteArray else {
            for row in 0..<rows where view.isValid(row) { set(component, row, try id(view.bytes(row))) }
            return
        }
        guard view.dictionaryCount > 0 else { return }  // every row null
        var table: [UInt32] = []
        table.reserveCapacity(view.dictionaryCount)
        for entry in 0..<view.dictionaryCount { table.append(try id(view.dictionaryEntry(entry))) }
        gather(component, rows: rows, table: table, index: { Int(view.index($0)) }, valid: { view.isValid($0) })
    }
}
