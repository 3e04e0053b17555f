import Customs
import MappedIO
import Parquet
import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands inputs: files as given, directories recursed for `*.parquet` and
/// `*.csv*`, `-` for standard input.
///
/// Every directory is visited once and every file read once, however many
/// links or arguments lead to it (device and inode decide). A directory walk
/// leaves out hidden files, roo's temporary files (`.NAME.roo-tmp-…`, and
/// the `NAME.tmp-PID` files of older versions) and, for `summarize`, the
/// files roo itself wrote there: partial aggregates, rejects files and
/// summary tables, so `roo summarize data/ --output data/` can run twice.
/// A file named on the command line is always read.
package enum InputExpansion {
    /// The files to read, in order, and one note per kind of file left out.
    package struct Expansion {
        package var files: [String] = []
        package var notes: [String] = []
    }

    /// The data files of `inputs`, directories expanded (sorted bytewise).
    ///
    /// - Throws: `RooError(.noInput)` for a missing input or an empty directory.
    /// - Parameter everyFile: take every (non-hidden) file of a directory,
    ///   not only `*.parquet`/`*.csv*` (`--layout` inputs: `*.TXT`, `*.ZIP`, `*.asc`).
    package static func parquetFiles(_ inputs: [String], everyFile: Bool = false) throws -> [String] {
        try expand(inputs, everyFile: everyFile).files
    }

    /// As `parquetFiles`, with the notes on what was left out.
    ///
    /// - Parameter skippingRooOutputs: leave out of directory walks the
    ///   files roo wrote (partials, rejects, tables; `summarize` only:
    ///   `merge` reads partials).
    /// - Complexity: O(entries) directory reads, plus a peek at the first
    ///   bytes (and the footer of Parquet files) of each walked file when
    ///   skipping roo's outputs.
    package static func expand(
        _ inputs: [String], everyFile: Bool = false, skippingRooOutputs: Bool = false
    ) throws -> Expansion {
        var expansion = Expansion()
        var seen: [FileIdentity: String] = [:]
        var repeated: [String] = []
        var skipped = Skipped()
        func take(_ path: String) {
            if path != "-", let identity = FileIdentity(path: path) {
                if let first = seen[identity] {
                    repeated.append(first == path ? path : "\(path) (= \(first))")
                    return
                }
                seen[identity] = path
            }
            expansion.files.append(path)
        }
        for input in inputs {
            if input == "-" {
                guard !expansion.files.contains("-") else {
                    throw RooError(.usage, "- (standard input) can be given only once")
                }
                take(input)
                continue
            }
            guard let kind = FileKind(path: input) else {
                let number = errno  // FileKind returns nil right after stat failed
                throw RooError(.noInput, "\(input): \(SystemError.describe(errno: number))")
            }
            guard kind == .directory else {
                take(input)
                continue
            }
            var walk = Walk(everyFile: everyFile, skippingRooOutputs: skippingRooOutputs)
            walk.visit(input)
            skipped.merge(walk.skipped)
            let found = walk.files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            guard !found.isEmpty || !walk.skipped.isEmpty else {
                throw RooError(.noInput, "\(input): directory holds no *.parquet or *.csv* files")
            }
            found.forEach(take)
        }
        if !repeated.isEmpty {
            expansion.notes.append(
                "\(Plural.count(repeated.count, "input")) named a file already read, read once: "
                    + "\(repeated.prefix(3).joined(separator: ", "))\(repeated.count > 3 ? ", …" : "")"
            )
        }
        expansion.notes += skipped.notes
        guard !expansion.files.isEmpty else {
            throw RooError(
                .noInput,
                "no input files to read" + (skipped.notes.isEmpty ? "" : " (\(skipped.notes.joined(separator: "; ")))"))
        }
        return expansion
    }
}

extension InputExpansion {
    /// Files a walk left out, by reason.
    struct Skipped {
        var loops: [String] = []
        var temporary: [String] = []
        var rooOutputs: [String] = []

        mutating func merge(_ other: Skipped) {
            loops += other.loops
            temporary += other.temporary
            rooOutputs += other.rooOutputs
        }

        var isEmpty: Bool { loops.isEmpty && temporary.isEmpty && rooOutputs.isEmpty }

        var notes: [String] {
            func example(_ paths: [String]) -> String {
                paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? ", …" : "")
            }
            var notes: [String] = []
            if !loops.isEmpty {
                notes.append(
                    "\(Plural.count(loops.count, "directory link")) to a directory already read, not read again: "
                        + "\(example(loops))"
                )
            }
            if !temporary.isEmpty {
                notes.append(
                    "\(Plural.count(temporary.count, "temporary file")) of an unfinished write skipped: "
                        + "\(example(temporary))"
                )
            }
            if !rooOutputs.isEmpty {
                notes.append(
                    "\(Plural.count(rooOutputs.count, "file")) roo wrote (partial aggregates, rejects, tables) "
                        + "skipped; name a file to read it: \(example(rooOutputs))"
                )
            }
            return notes
        }
    }

    /// One directory input, walked depth first.
    struct Walk {
        let everyFile: Bool
        let skippingRooOutputs: Bool
        var visited: Set<FileIdentity> = []
        var files: [String] = []
        var skipped = Skipped()

        init(everyFile: Bool, skippingRooOutputs: Bool) {
            self.everyFile = everyFile
            self.skippingRooOutputs = skippingRooOutputs
        }

        mutating func visit(_ directory: String) {
            guard let identity = FileIdentity(path: directory) else { return }
            guard visited.insert(identity).inserted else {
                skipped.loops.append(directory)
                return
            }
            guard let handle = opendir(directory) else { return }
            var names: [String] = []
            // Safe because: `entry` is read before the next `readdir`/`closedir` (which may reuse it);
            // `withUnsafeBytes(of:)` spans exactly the fixed-size `d_name` array, and `prefix` stops at its
            // first NUL or at its end, whichever comes first.
            while let entry = readdir(handle) {
                names.append(
                    withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                    })
            }
            closedir(handle)
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                guard let kind = FileKind(path: path) else { continue }
                if kind == .directory {
                    visit(path)
                } else if InputExpansion.isTemporaryName(name) {
                    skipped.temporary.append(path)
                } else if everyFile
                    ? !InputExpansion.isReportName(name) : (name.hasSuffix(".parquet") || name.contains(".csv"))
                {
                    if skippingRooOutputs && kind == .regular && RooOutputs.isRooOutput(path) {
                        skipped.rooOutputs.append(path)
                    } else {
                        files.append(path)
                    }
                }
            }
        }
    }

    /// A temporary file of an interrupted write: `.NAME.roo-tmp-…` (hidden
    /// anyway) or `NAME.tmp-PID` from roo versions before 0.2.
    static func isTemporaryName(_ name: String) -> Bool {
        if name.contains(OutputFile.temporaryMarker) { return true }
        guard let range = name.range(of: ".tmp-", options: .backwards) else { return false }
        let suffix = name[range.upperBound...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isNumber)
    }

    /// Formats roo writes for people, never read as layout input.
    static func isReportName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".xlsx", ".html", ".md", ".jsonl", ".svg"].contains { lower.hasSuffix($0) }
    }
}

extension InputExpansion {
    /// Whether `path` is a Parquet file (leading magic `PAR1`); anything else
    /// is read as text. A stream (stdin, FIFO) is peeked without losing bytes.
    package static func isParquet(_ path: String) -> Bool {
        guard let magic = HeldStreams.peek(path, count: 4) else { return path.hasSuffix(".parquet") }
        return magic == Array("PAR1".utf8)
    }
}

/// Recognizes the files roo writes, so a directory run never reads them back.
enum RooOutputs {
    /// First lines of roo's text outputs: summarize and ingest rejects, and
    /// every table in CSV and TSV.
    static let headerLines: Set<[UInt8]> = {
        var lines: Set<[UInt8]> = [Array(RejectsFormat.header.utf8.dropLast()), Array("line\treason\traw".utf8)]
        let empty = TotalsInput(
            files: 0, linesRead: 0, linesFiltered: 0,
            rejected: Array(repeating: 0, count: RejectionReason.allCases.count), linesAggregated: 0,
            unmappedCountryCodes: nil)
        let tables = (try? SummaryTable.buildAll(groups: [], totals: empty, top: nil, members: [])) ?? []
        for table in tables {
            lines.insert(Array(table.columns.joined(separator: ",").utf8))
            lines.insert(Array(table.columns.joined(separator: "\t").utf8))
        }
        return lines
    }()

    /// The measure columns every keyed table and `totals` carry, in a row
    /// (CSV and TSV): the mark of a table whatever its `--by` keys.
    static let measureRuns: [[UInt8]] = [",", "\t"].map { separator in
        Array((separator + SummaryTable.measureColumns.joined(separator: separator) + separator).utf8)
    }

    /// Metadata keys of the Parquet files roo writes: partial aggregates and tables (`--format parquet`).
    static let parquetMarks: Set<String> = ["roo.partial", "roo.table"]

    /// Whether the regular file `path` is a roo partial aggregate, rejects
    /// file or table (with any `--by` keys and `--compare` columns).
    static func isRooOutput(_ path: String) -> Bool {
        guard let prefix = HeldStreams.peek(path, count: 4096) else { return false }
        if prefix.starts(with: Array("PAR1".utf8)) {
            guard let file = try? ParquetFile(path: path) else { return false }
            return file.metadata.keyValueMetadata.contains { parquetMarks.contains($0.key) }
        }
        var line = Array(prefix.prefix { $0 != 0x0a })
        if line.last == 0x0d { line.removeLast() }
        return isTableHeader(line)
    }

    /// A header roo's tables have: one of `headerLines` (alone, or followed by
    /// `--compare` columns), or one holding the measure columns in a row.
    static func isTableHeader(_ line: [UInt8]) -> Bool {
        if headerLines.contains(line) { return true }
        for header in headerLines where line.count > header.count && line.starts(with: header) {
            if line[header.count] == UInt8(ascii: ",") || line[header.count] == 0x09 { return true }
        }
        let padded = line + [line.contains(0x09) ? 0x09 : UInt8(ascii: ",")]
        return measureRuns.contains { run in
            padded.count >= run.count
                && (0...(padded.count - run.count)).contains { start in
                    padded[start..<(start + run.count)].elementsEqual(run)
                }
        }
    }
}
