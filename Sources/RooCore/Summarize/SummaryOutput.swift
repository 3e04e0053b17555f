import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how `roo summarize` writes its tables (SPEC §2.2).
public struct SummaryOutput: Sendable {
    /// `-` (stdout), a directory (`DIR/`), or a workbook file (`FILE.xlsx`).
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

    /// Every table (or the one `--table` names) as a sheet, plus the notes sheet.
    private func writeWorkbook(_ tables: [SummaryTable], notes: [(String, String)]) throws {
        guard destination != "-", !isDirectory, destination.lowercased().hasSuffix(".xlsx") else {
            throw RooError(.usage, "--format xlsx writes a workbook: give --output FILE.xlsx")
        }
        let selected = (table != nil && !allTables) ? tables.filter { $0.name == table } : tables
        do {
            try XLSXFile.write(XLSXWorkbook(tables: selected, notes: notes), to: destination)
        } catch {
            throw RooError(.cannotCreate, error.description)
        }
    }

    /// The HTML report: to stdout, to FILE, or to DIR/report.html.
    private func writeReport(_ tables: [SummaryTable], notes: [(String, String)], emit: (String) throws -> Void) throws {
        let report = HTMLReport.render(tables: tables, notes: notes)
        if destination == "-" {
            try emit(report)
            return
        }
        let path = isDirectory ? (destination.hasSuffix("/") ? destination : destination + "/") + "report.html" : destination
        if isDirectory {
            let directory = String(path.dropLast("/report.html".count))
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw RooError(.cannotCreate, "\(directory): cannot create directory: \(String(cString: strerror(errno)))")
            }
        }
        do {
            try AtomicFile.write(report, to: path)
        } catch {
            throw RooError(.cannotCreate, error.description)
        }
    }

    /// Whether the destination is a directory (`DIR/` or an existing directory).
    var isDirectory: Bool {
        if destination.hasSuffix("/") { return true }
        var status = stat()
        return stat(destination, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Writes `tables`; `emit` receives stdout text.
    ///
    /// - Throws: `RooError(.usage)` for `--table all` to stdout in a
    ///   delimited format, `RooError(.cannotCreate)` when a file cannot be written.
    public func write(_ tables: [SummaryTable], notes: [(String, String)] = [], emit: (String) throws -> Void) throws {
        if isWorkbook {
            try writeWorkbook(tables, notes: notes)
            return
        }
        if format == .html || destination.lowercased().hasSuffix(".html") {
            try writeReport(tables, notes: notes, emit: emit)
            return
        }
        if destination == "-" {
            if allTables {
                guard format == .md || format == .jsonl else {
                    throw RooError(.usage, "--table all needs --output DIR/ for \(format.rawValue) (or --format md|jsonl on stdout)")
                }
                for table in tables {
                    try emit(format == .md ? "## \(table.name.rawValue)\n\n" + format.render(table) + "\n" : format.render(table))
                }
                return
            }
            let wanted = table ?? .detail
            if let selected = tables.first(where: { $0.name == wanted }) { try emit(format.render(selected)) }
            return
        }
        guard isDirectory else {
            throw RooError(.usage, "--output \(destination): give - for stdout, a directory ending in /, or FILE.xlsx")
        }
        let directory = destination.hasSuffix("/") ? String(destination.dropLast()) : destination
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw RooError(.cannotCreate, "\(directory): cannot create directory: \(String(cString: strerror(errno)))")
        }
        let selected = (table != nil && !allTables) ? tables.filter { $0.name == table } : tables
        for table in selected {
            let path = directory + "/" + table.name.rawValue + "." + format.fileExtension
            do {
                try AtomicFile.write(format.render(table), to: path)
            } catch {
                throw RooError(.cannotCreate, error.description)
            }
        }
    }
}
