import Customs
import MappedIO
import Reports
import RooSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how `roo summarize` and `roo merge` write their tables.
///
/// Files are written through `OutputFile`: every file of one run (the
/// tables of `DIR/`, a table file, a workbook, a report, and the `--rejects`
/// file given as `committingWith`) is staged first and renamed into place as
/// one set, so an existing output stays byte-identical when the run fails,
/// and two runs into the same directory never leave a mix of both.
///
/// A file's extension (compared without case) decides what it holds:
/// `.csv`, `.tsv`, `.jsonl` and `.md` hold the bytes `--format` of that name
/// prints on stdout, `.xlsx` a workbook, `.html` the report. `--format` may
/// repeat the extension but not contradict it. A directory, stdout and a
/// device or FIFO without such an extension take `--format` (default csv).
package struct SummaryOutput: Sendable {
    /// `-` (stdout), a directory (`DIR/`, or one that exists), a table file
    /// (`FILE.csv|.tsv|.jsonl|.md`), a workbook (`FILE.xlsx`), a report
    /// (`FILE.html`), or a device or FIFO (written in place).
    package var destination: String
    /// `--format`; `nil` when not given: a file's extension decides, else csv.
    package var format: OutputFormat?
    /// `nil` = `detail` on stdout and in a file, all tables into a directory.
    package var table: TableName?
    package var allTables: Bool
    /// Set for a terminal with nothing else asked for: stdout gets the
    /// readable `TerminalSummary` of these inputs instead of CSV.
    package var terminalView: [String]?

    package init(
        destination: String = "-", format: OutputFormat? = nil, table: TableName? = nil, allTables: Bool = false
    ) {
        self.destination = destination
        self.format = format
        self.table = table
        self.allTables = allTables
    }

    /// Where the tables go, with the format they are written in.
    enum Target: Equatable {
        /// Standard output.
        case standardOutput(OutputFormat)
        /// One file per table (`report.html` for html) in the directory, given without its trailing slash.
        case directory(String, OutputFormat)
        /// One file: the selected table (every table for md/jsonl), a workbook, or a report.
        case file(String, OutputFormat)
    }

    /// `destination` and `format` reconciled into one target.
    ///
    /// - Throws: `RooError(.usage)` for a destination that is none of the
    ///   accepted forms, a `--format` that contradicts a file's extension,
    ///   or a target that cannot hold the tables asked for (`checked`).
    /// - Complexity: at most three `stat` calls on `destination`.
    func target() throws -> Target {
        if destination == "-" { return try checked(.standardOutput(format ?? .csv)) }
        if isDirectory { return try checked(.directory(directoryPath, format ?? .csv)) }
        if let named = OutputFormat(fileExtensionOf: destination) {
            if let format, format != named {
                throw RooError(
                    .usage,
                    "--format \(format.rawValue) contradicts the extension of --output \(destination) "
                        + "(\(named.rawValue)): "
                        + "leave out --format (the extension decides) or give --format \(named.rawValue)")
            }
            return try checked(.file(destination, named))
        }
        if OutputTargets.isWrittenInPlace(destination) { return try checked(.file(destination, format ?? .csv)) }
        throw RooError(
            .usage,
            "--output \(destination): not stdout, a directory or a known file type; \(SummaryOutput.acceptedForms)")
    }

    /// Every form `--output` takes, for the message that refuses another.
    static let acceptedForms =
        "give - (stdout), DIR/ (one file per table), FILE.csv|.tsv|.jsonl|.md (one table, or all for md/jsonl), "
        + "FILE.xlsx (workbook), FILE.html (report), FILE.parquet (one table, typed), or a device or FIFO "
        + "(written in --format)"

    /// `target`, unless it cannot hold what is asked: a workbook is only a
    /// file, and every table (`--table all`) does not fit one CSV or TSV text.
    ///
    /// - Throws: `RooError(.usage)` saying which `--output` to give instead.
    private func checked(_ target: Target) throws -> Target {
        switch target {
        case .standardOutput(.xlsx), .directory(_, .xlsx):
            throw RooError(.usage, "--format xlsx writes a workbook: give --output FILE.xlsx")
        case .standardOutput(.parquet):
            throw RooError(
                .usage,
                "--format parquet writes files: give --output DIR/ (one file per table) or FILE.parquet (one table)")
        case let .file(path, .parquet) where allTables:
            throw RooError(
                .usage, "--table all with --output \(path): one Parquet file holds one table; give --output DIR/")
        case let .standardOutput(format) where allTables && !SummaryOutput.holdsEveryTable(format):
            throw RooError(
                .usage, "--table all needs --output DIR/ for \(format.rawValue) (or --format md|jsonl on stdout)")
        case let .file(path, format) where allTables && !SummaryOutput.holdsEveryTable(format):
            if OutputFormat(fileExtensionOf: path) == nil {
                throw RooError(
                    .usage,
                    "--table all with --output \(path): \(format.rawValue) holds one table; "
                        + "give --output DIR/ for one file per table, or --format md|jsonl for every table")
            }
            throw RooError(
                .usage,
                "--table all with --output \(path): one \(format.rawValue) file holds one table; "
                    + "give --output DIR/ for one file per table, or a .md or .jsonl file for every table")
        default:
            return target
        }
    }

    /// Whether one text or file in `format` can hold every table (md with
    /// `## name` headings, jsonl concatenated, a workbook, a report).
    private static func holdsEveryTable(_ format: OutputFormat) -> Bool { format != .csv && format != .tsv }

    /// Whether the destination is a directory (`DIR/` or an existing directory).
    var isDirectory: Bool {
        destination.hasSuffix("/") || FileKind(path: destination) == .directory
    }

    private var directoryPath: String {
        destination.hasSuffix("/") && destination.count > 1 ? String(destination.dropLast()) : destination
    }

    /// Whether the output lists flows (the terminal summary, the HTML report),
    /// so the caller builds the flow cells only then (`ExactAggregate.flowCells`).
    package var showsFlows: Bool {
        if terminalView != nil { return true }
        if format == .html { return true }
        return !isDirectory && OutputFormat(fileExtensionOf: destination) == .html
    }

    /// The tables the output holds when it holds only the one `--table` selects (a table file or a directory
    /// of table files, or stdout, in a per-table format or Parquet), with `totals` and `through_bloc`, which
    /// the notes and the headline read: the caller builds only these (a breakdown into millions of groups
    /// written as `--table totals` sorts no detail). Nil: every table.
    package var tablesWritten: Set<TableName>? {
        guard let table, !allTables, terminalView == nil, !drawsSeries, !showsFlows else { return nil }
        guard let target = try? target() else { return nil }
        switch target {
        case let .standardOutput(format), let .directory(_, format), let .file(_, format):
            guard format.isPerTable || format == .parquet else { return nil }
        }
        return [table, .totals, .throughBloc]
    }

    /// Whether the output draws the time series (the HTML report, the workbook),
    /// so the caller builds it only then (`ExactAggregate.periodSeries`).
    package var drawsSeries: Bool {
        guard terminalView == nil else { return false }
        if format == .html || format == .xlsx { return true }
        return !isDirectory && [.html, .xlsx].contains(OutputFormat(fileExtensionOf: destination))
    }

    /// Refuses a `--table` that a run keyed by `by` does not build (`by_channel` without `channel` in `--by`).
    ///
    /// - Throws: `RooError(.usage)` naming the key to add.
    package func check(by: DimensionSet) throws {
        if let table, !allTables, let message = SummaryTable.missingKey(table, by: by) {
            throw RooError(.usage, message)
        }
    }

    /// The tables a file destination receives (`--table` selects one unless `all`).
    private func selected(_ names: [TableName]) -> [TableName] {
        (table != nil && !allTables) ? names.filter { $0 == table } : names
    }

    /// The files this destination writes, given the tables that exist
    /// (`[]` for stdout): checked against the inputs before any work.
    ///
    /// - Throws: `RooError(.usage)` for a destination the format cannot take (`target`).
    package func targetPaths(tables names: [TableName] = TableName.summaryTables) throws -> [String] {
        SummaryOutput.paths(of: try target(), selecting: selected(names))
    }

    /// The files `target` writes for the tables `names`.
    private static func paths(of target: Target, selecting names: [TableName]) -> [String] {
        switch target {
        case .standardOutput: []
        case let .directory(directory, .html): [directory + "/report.html"]
        case let .directory(directory, format): names.map { directory + "/" + $0.rawValue + "." + format.fileExtension }
        case let .file(path, _): [path]
        }
    }

    /// Writes `tables`, then commits `extra` (the `--rejects` file) in the
    /// same set; `emit` receives stdout text.
    ///
    /// - Throws: `RooError(.usage)` for a destination the format cannot take,
    ///   `RooError(.cannotCreate)` / `.ioError` when a file cannot be
    ///   created or written; no file of the set is changed then.
    ///
    /// - Parameters:
    ///   - headline: the answer the report and the workbook lead with.
    ///   - flows: the (origin, HS chapter, partner) cells the views list flows
    ///     from when `detail` is keyed otherwise (`--by`); nil: `detail`.
    ///   - series: the report's time series (a period in the run), nil for none.
    package func write(
        _ tables: [SummaryTable], notes: [(String, Cell)] = [], headline: Headline? = nil, flows: SummaryTable? = nil,
        series: PeriodSeries? = nil, committingWith extra: [OutputFile] = [], threads: Int = 1,
        emit: (String) throws -> Void
    ) throws {
        let target = try target()
        let paths = SummaryOutput.paths(of: target, selecting: selected(tables.map(\.name)))
        let contents: [[UInt8]]
        switch target {
        case let .standardOutput(format):
            if let inputs = terminalView {
                try emit(TerminalSummary.render(tables: tables, headline: headline, inputs: inputs, flows: flows))
            } else {
                for text in texts(
                    tables, notes: notes, headline: headline, flows: flows, series: series, format: format)
                {
                    try emit(String(decoding: text, as: UTF8.self))
                }
            }
            try Outputs.commit(extra)
            return
        case let .directory(directory, .parquet):
            try makeDirectory(directory)
            let files = try zip(paths, tables.filter { selected([$0.name]).count == 1 }).map { path, table in
                try TableParquet.finish(table, to: path)
            }
            try Outputs.commit(files + extra)
            return
        case let .file(path, .parquet):
            let wanted = table ?? .detail
            let files = try tables.filter { $0.name == wanted }.prefix(1).map { try TableParquet.finish($0, to: path) }
            try Outputs.commit(files + extra)
            return
        case let .directory(directory, format) where format.isPerTable:
            try makeDirectory(directory)
            // Each table streamed into its file as it is rendered (a detail table of millions of rows is never
            // held whole).
            let files = try zip(paths, tables.filter { selected([$0.name]).count == 1 }).map { path, table in
                try SummaryOutput.stream(table, format: format, threads: threads, to: path)
            }
            try Outputs.commit(files + extra)
            return
        case let .directory(directory, _):
            // The report (a directory for a workbook is refused by `check`).
            try makeDirectory(directory)
            contents = [
                Array(
                    HTMLReport.render(
                        tables: tables, notes: SummaryOutput.plain(notes), headline: headline, flows: flows,
                        series: series
                    ).utf8)
            ]
        case let .file(path, .xlsx):
            contents = [try workbook(tables, notes: notes, headline: headline, series: series, path: path)]
        case let .file(path, format) where format.isPerTable && !allTables:
            // The selected table streamed into the file as it is rendered, as into a directory.
            let wanted = tables.filter { $0.name == (table ?? .detail) }.prefix(1)
            let file = try SummaryOutput.stream(wanted.first, format: format, threads: threads, to: path)
            try Outputs.commit([file] + extra)
            return
        case let .file(_, format):
            let parts = texts(tables, notes: notes, headline: headline, flows: flows, series: series, format: format)
            contents = [parts.count == 1 ? parts[0] : Array(parts.joined())]
        }
        precondition(paths.count == contents.count, "one content per output path")
        try commit(zip(paths, contents), with: extra)
    }

    /// The texts stdout receives in `format`, in order; a file in `format`
    /// holds them joined, so both have the same bytes: the report (html),
    /// every table (`--table all`: md under `## name` headings, jsonl
    /// concatenated), or the selected table (`detail` by default).
    ///
    /// - Precondition: `format` is not `xlsx` (a workbook is not text).
    private func texts(
        _ tables: [SummaryTable], notes: [(String, Cell)], headline: Headline?, flows: SummaryTable?,
        series: PeriodSeries?, format: OutputFormat
    ) -> [[UInt8]] {
        precondition(format != .xlsx, "a workbook is not text")
        if format == .html {
            return [
                Array(
                    HTMLReport.render(
                        tables: tables, notes: SummaryOutput.plain(notes), headline: headline, flows: flows,
                        series: series
                    ).utf8)
            ]
        }
        if allTables {
            return tables.map {
                format == .md ? Array("## \($0.name.rawValue)\n\n".utf8) + format.bytes($0) + [0x0a] : format.bytes($0)
            }
        }
        let wanted = table ?? .detail
        return tables.filter { $0.name == wanted }.prefix(1).map { format.bytes($0) }
    }

    /// The notes as the report prints them: each value's plain text.
    private static func plain(_ notes: [(String, Cell)]) -> [(String, String)] {
        notes.map { ($0.0, CellText.plain($0.1)) }
    }

    /// The workbook's bytes: the summary (with `through_bloc` whatever
    /// `--table` selects), the time series with its charts when the run has
    /// one, a sheet per selected table and the notes sheet.
    ///
    /// - Throws: `RooError(.cannotCreate)` when the workbook cannot be built.
    private func workbook(
        _ tables: [SummaryTable], notes: [(String, Cell)], headline: Headline?, series: PeriodSeries?, path: String
    ) throws -> [UInt8] {
        let sheets = tables.filter { selected([$0.name]).count == 1 }
        let throughBloc = tables.first { $0.name == .throughBloc }
        do {
            return try XLSXFile.bytes(
                XLSXWorkbook(
                    tables: sheets, notes: notes, headline: headline, throughBloc: throughBloc, series: series),
                path: path)
        } catch {
            throw RooError(.cannotCreate, error.description)
        }
    }

    /// Opens and writes every file, then commits them with `extra` as one set.
    private func commit(_ files: Zip2Sequence<[String], [[UInt8]]>, with extra: [OutputFile]) throws {
        var opened: [OutputFile] = []
        for (path, bytes) in files {
            let file = try Outputs.open(path)
            opened.append(file)
            try Outputs.write(bytes, to: file)
        }
        try Outputs.commit(opened + extra)
    }

    /// `table` in `format` written into a new output file at `path` (empty for no table) as it is rendered.
    private static func stream(
        _ table: SummaryTable?, format: OutputFormat, threads: Int, to path: String
    ) throws -> OutputFile {
        let file = try Outputs.open(path)
        if let table { try format.write(table, threads: threads) { try Outputs.write($0, to: file) } }
        return file
    }

    private func makeDirectory(_ directory: String) throws {
        guard mkdir(directory, 0o777) != 0 else { return }
        let number = errno
        if number != EEXIST {
            throw RooError(
                .cannotCreate, "\(directory): cannot create directory: \(SystemError.describe(errno: number))")
        }
    }
}
