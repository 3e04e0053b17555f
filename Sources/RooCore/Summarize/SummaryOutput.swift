import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how `roo summarize` writes its tables (SPEC §2.2).
public struct SummaryOutput: Sendable {
    /// `-` (stdout), a directory (`DIR/`), or later a workbook file.
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
    public func write(_ tables: [SummaryTable], emit: (String) throws -> Void) throws {
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
            throw RooError(.usage, "--output \(destination): give - for stdout or a directory ending in / (xlsx workbooks are not supported yet)")
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
