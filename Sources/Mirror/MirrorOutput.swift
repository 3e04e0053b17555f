import Customs
import Reports
import RooSupport
import Summarize

/// Where `roo mirror` writes its table: stdout or one file, in the format
/// its extension (or `--format`) names — CSV, TSV, JSON Lines, Markdown,
/// a workbook, the HTML report with its scatter, or typed Parquet. A file is
/// staged and renamed into place; one that is an input is refused.
package struct MirrorOutput: Sendable {
    package var destination = "-"
    package var format: OutputFormat?

    package init(destination: String = "-", format: OutputFormat? = nil) {
        self.destination = destination
        self.format = format
    }

    /// The format written, from `--format` and the file's extension.
    ///
    /// - Throws: `RooError(.usage)` for a format stdout cannot take, a `--format` that contradicts the
    ///   extension, or a file name of no known type.
    package func resolvedFormat() throws -> OutputFormat {
        if destination == "-" {
            let format = format ?? .csv
            if format == .xlsx || format == .parquet {
                throw RooError(
                    .usage, "--format \(format.rawValue) writes a file: give --output FILE.\(format.rawValue)")
            }
            return format
        }
        if let named = OutputFormat(fileExtensionOf: destination) {
            if let format, format != named {
                throw RooError(
                    .usage,
                    "--format \(format.rawValue) contradicts the extension of --output \(destination) "
                        + "(\(named.rawValue)): leave out --format or give --format \(named.rawValue)")
            }
            return named
        }
        if OutputTargets.isWrittenInPlace(destination) { return format ?? .csv }
        throw RooError(
            .usage,
            "--output \(destination): give - (stdout) or FILE.csv|.tsv|.jsonl|.md|.xlsx|.html|.parquet "
                + "(or a device or FIFO, written in --format)")
    }

    /// Writes `mirror` (with `notes`) to the destination; stdout text goes to `emit`.
    ///
    /// - Throws: `RooError` (usage, cannot create, I/O).
    package func write(
        _ mirror: MirrorRows, notes: [(String, Cell)], inputs: [String], emit: (String) throws -> Void
    ) throws {
        let format = try resolvedFormat()
        let table = mirror.table
        if format == .parquet {
            try OutputTargets.check(outputs: [destination], inputs: inputs)
            try Outputs.commit([try TableParquet.finish(table, to: destination)])
            return
        }
        let bytes: [UInt8]
        switch format {
        case .xlsx:
            do {
                bytes = try XLSXFile.bytes(MirrorOutput.workbook(mirror, notes: notes), path: destination)
            } catch {
                throw RooError(.cannotCreate, error.description)
            }
        case .html:
            bytes = Array(
                MirrorReport.render(
                    table: table, headline: mirror.headline, notes: notes.map { ($0.0, CellText.plain($0.1)) },
                    threshold: mirror.options.threshold.thousandthsOfPercent, definitions: MirrorRows.definitions
                ).utf8)
        case .md:
            bytes = Array((mirror.headline + "\n\n").utf8) + format.bytes(table)
        default:
            bytes = format.bytes(table)
        }
        if destination == "-" {
            try emit(String(decoding: bytes, as: UTF8.self))
        } else {
            try Outputs.write(bytes, toFile: destination, inputs: inputs)
        }
    }

    /// The workbook: the answer (the headline and what each column means), the table, the notes.
    static func workbook(_ mirror: MirrorRows, notes: [(String, Cell)]) -> XLSXWorkbook {
        var workbook = XLSXWorkbook(tables: [], notes: notes)
        let answer = XLSXWorkbook.Sheet(
            name: "answer", header: ["roo mirror", ""],
            rows: [[.text(mirror.headline), .text("")]]
                + MirrorRows.definitions.map { [.text($0.0), .text($0.1)] })
        let table = mirror.table
        workbook.sheets =
            [answer, XLSXWorkbook.Sheet(name: "mirror", header: table.columns, rows: Array(table.rows))]
            + workbook.sheets.suffix(1)
        return workbook
    }
}
