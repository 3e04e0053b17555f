import MappedIO
import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how `roo summarize` and `roo merge` write their tables.
///
/// Files are written through `OutputFile`: every file of one run (the
/// tables of `DIR/`, a workbook, a report, and the `--rejects` file given as
/// `committingWith`) is staged first and renamed into place as one set, so
/// an existing output stays byte-identical when the run fails, and two runs
/// into the same directory never leave a mix of both.
public struct SummaryOutput: Sendable {
    /// `-` (stdout), a directory (`DIR/`), a workbook (`FILE.xlsx`) or a report (`FILE.html`).
    public var destination: String
    public var format: OutputFormat
    /// `nil` = `detail` on stdout, all tables into a directory.
    public var table: TableName?
    public var allTables: Bool

    public init(destination: String = "-", format: OutputFormat = .csv, table: TableName? = nil, allTables: Bool = false) {
        self.destination = destination
        self.format = format
        self.table = table
        self.allTables = allTables
    }

    /// `--format xlsx`, or an `--output` file named `*.xlsx`.
    var isWorkbook: Bool { format == .xlsx || destination.lowercased().hasSuffix(".xlsx") }

    /// `--format html`, or an `--output` file named `*.html`.
    var isReport: Bool { format == .html || destination.lowercased().hasSuffix(".html") }

    /// Whether the destination is a directory (`DIR/` or an existing directory).
    var isDirectory: Bool {
        destination.hasSuffix("/") || FileKind(path: destination) == .directory
    }

    private var directoryPath: String {
        destination.hasSuffix("/") && destination.count > 1 ? String(destination.dropLast()) : destination
    }

    /// The tables a file destination receives (`--table` selects one unless `all`).
    private func selected(_ names: [TableName]) -> [TableName] {
        (table != nil && !allTables) ? names.filter { $0 == table } : names
    }

    /// The files this destination writes, given the tables that exist
    /// (`[]` for stdout): checked against the inputs before any work.
    ///
    /// - Throws: `RooError(.usage)` for a destination the format cannot take.
    public func targetPaths(tables names: [TableName] = TableName.allCases) throws -> [String] {
        if isWorkbook {
            guard destination != "-", !isDirectory, destination.lowercased().hasSuffix(".xlsx") else {
                throw RooError(.usage, "--format xlsx writes a workbook: give --output FILE.xlsx")
            }
            return [destination]
        }
        if isReport {
            if destination == "-" { return [] }
            return [isDirectory ? directoryPath + "/report.html" : destination]
        }
        if destination == "-" {
            if allTables && format != .md && format != .jsonl {
                throw RooError(.usage, "--table all needs --output DIR/ for \(format.rawValue) (or --format md|jsonl on stdout)")
            }
            return []
        }
        guard isDirectory else {
            throw RooError(.usage, "--output \(destination): give - for stdout, a directory ending in /, FILE.xlsx or FILE.html")
        }
        return selected(names).map { directoryPath + "/" + $0.rawValue + "." + format.fileExtension }
    }

    /// Writes `tables`, then commits `extra` (the `--rejects` file) in the
    /// same set; `emit` receives stdout text.
    ///
    /// - Throws: `RooError(.usage)` for a destination the format cannot take,
    ///   `RooError(.cannotCreate)` / `.ioError` when a file cannot be
    ///   created or written; no file of the set is changed then.
    public func write(
        _ tables: [SummaryTable], notes: [(String, String)] = [], committingWith extra: [OutputFile] = [],
        emit: (String) throws -> Void
    ) throws {
        let paths = try targetPaths(tables: tables.map(\.name))
        guard !paths.isEmpty else {
            try emitStandardOutput(tables, notes: notes, emit: emit)
            try Outputs.commit(extra)
            return
        }
        let contents: [[UInt8]]
        if isWorkbook {
            let sheets = tables.filter { selected([$0.name]).count == 1 }
            do {
                contents = [try XLSXFile.bytes(XLSXWorkbook(tables: sheets, notes: notes), path: destination)]
            } catch {
                throw RooError(.cannotCreate, error.description)
            }
        } else if isReport {
            contents = [Array(HTMLReport.render(tables: tables, notes: notes).utf8)]
        } else {
            contents = tables.filter { selected([$0.name]).count == 1 }.map { Array(format.render($0).utf8) }
        }
        if isDirectory { try makeDirectory(directoryPath) }
        var files: [OutputFile] = []
        for (path, bytes) in zip(paths, contents) {
            let file = try Outputs.open(path)
            files.append(file)
            try Outputs.write(bytes, to: file)
        }
        try Outputs.commit(files + extra)
    }

    private func emitStandardOutput(_ tables: [SummaryTable], notes: [(String, String)], emit: (String) throws -> Void) throws {
        if isReport {
            try emit(HTMLReport.render(tables: tables, notes: notes))
            return
        }
        if allTables {
            for table in tables {
                try emit(format == .md ? "## \(table.name.rawValue)\n\n" + format.render(table) + "\n" : format.render(table))
            }
            return
        }
        let wanted = table ?? .detail
        if let selected = tables.first(where: { $0.name == wanted }) { try emit(format.render(selected)) }
    }

    private func makeDirectory(_ directory: String) throws {
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw RooError(.cannotCreate, "\(directory): cannot create directory: \(String(cString: strerror(errno)))")
        }
    }
}
