import CZstd
import Dispatch
import MappedIO
import Parallel
import Parquet
import RooSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `roo generate`: realistic synthetic extracts (docs/cli.md, generate), deterministic for
/// a seed and options whatever the thread count: each row group is generated
/// from its own random stream, generated and encoded in parallel, and written
/// in order.
package enum GenerateEngine {
    /// Output kinds by file name.
    enum Kind { case parquet, csv, csvZstd }

    /// Generates the file; returns the rows written.
    ///
    /// - Throws: `RooError(.usage)` for an unknown extension, `.cannotCreate`/`.ioError` for output failures.
    package static func run(_ options: GenerateOptions) throws -> Int {
        let kind: Kind
        if options.output.hasSuffix(".parquet") {
            kind = .parquet
        } else if options.output.hasSuffix(".csv") {
            kind = .csv
        } else if options.output.hasSuffix(".csv.zst") {
            kind = .csvZstd
        } else {
            throw RooError(.usage, "--output must end in .parquet, .csv or .csv.zst: \(options.output)")
        }
        let model = GeneratorModel(seed: options.seed)
        let groupRows = max(1, options.rowGroupRows)
        let groups = (options.rows + groupRows - 1) / groupRows
        let sink = try OutputSink(kind: kind, options: options)
        var first = 0
        let batch = max(1, options.threads)
        while first < groups {
            let indices = Array(first..<min(first + batch, groups))
            let results = try generateBatch(indices, model: model, options: options, kind: kind, groupRows: groupRows)
            for result in results { try sink.write(result) }
            first += batch
        }
        try sink.close()
        return options.rows
    }

    enum Encoded: @unchecked Sendable {
        case rowGroup(EncodedRowGroup)
        case text([UInt8])
    }

    private static func generateBatch(
        _ indices: [Int], model: GeneratorModel, options: GenerateOptions, kind: Kind, groupRows: Int
    ) throws -> [Encoded] {
        let writerOptions = parquetOptions(options)
        do {
            return try ParallelMap.ordered(indices.count) { slot -> Encoded in
                let group = indices[slot]
                let count = min(groupRows, options.rows - group * groupRows)
                let rows = GeneratedRows.make(model: model, options: options, group: group, count: count)
                switch kind {
                case .parquet:
                    let columns = rows.columnData(model: model)
                    return .rowGroup(
                        try ParquetWriter.encodeRowGroup(
                            columns, columns: GeneratedRows.writerColumns, options: writerOptions))
                case .csv, .csvZstd:
                    var text: [UInt8] = []
                    text.reserveCapacity(count * 80)
                    rows.csv(model: model, into: &text)
                    return .text(text)
                }
            }
        } catch let error as ParquetError {
            throw RooError(error)
        }
    }

    static func parquetOptions(_ options: GenerateOptions) -> WriterOptions {
        var writer = WriterOptions()
        writer.codec = options.codec
        writer.zstdLevel = options.zstdLevel
        writer.dataPageVersion = options.dataPageVersion
        writer.keyValueMetadata = [
            KeyValue(key: "roo.version", value: RooVersion.current),
            KeyValue(
                key: "roo.generate",
                value:
                    "rows=\(options.rows) seed=\(options.seed) year=\(options.year) "
                    + "row_group_rows=\(options.rowGroupRows) pass_through_share=\(options.passThroughShare)"
            ),
        ]
        return writer
    }

    /// Writes generated output: a Parquet writer, or CSV text (optionally
    /// zstd) into an `OutputFile` (staged, renamed into place on success).
    final class OutputSink {
        let kind: Kind
        let path: String
        var writer: ParquetWriter?
        var file: OutputFile?
        var zstd: OpaquePointer?

        init(kind: Kind, options: GenerateOptions) throws {
            self.kind = kind
            path = options.output
            if kind == .parquet {
                do {
                    writer = try ParquetWriter(
                        path: path, columns: GeneratedRows.writerColumns,
                        options: GenerateEngine.parquetOptions(options))
                } catch let error as ParquetError {
                    throw RooError(error)
                }
                return
            }
            file = try Outputs.open(path)
            if kind == .csvZstd {
                zstd = ZSTD_createCCtx()
                if let zstd { ZSTD_CCtx_setParameter(zstd, ZSTD_c_compressionLevel, 3) }
            }
            try writeText(Array((GeneratedRows.columnNames.joined(separator: ",") + "\n").utf8))
        }

        deinit {
            if let zstd { ZSTD_freeCCtx(zstd) }
        }

        func write(_ encoded: Encoded) throws {
            switch encoded {
            case let .rowGroup(group):
                do { try writer?.append(group) } catch let error as ParquetError { throw RooError(error) }
            case let .text(bytes):
                try writeText(bytes)
            }
        }

        func writeText(_ bytes: [UInt8], end: Bool = false) throws {
            guard let file else { return }
            guard let zstd else {
                try Outputs.write(bytes, to: file)
                return
            }
            var output = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
            try bytes.withUnsafeBytes { raw in
                var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
                var finished = false
                // Safe because: `input` points at `bytes` only inside their `withUnsafeBytes` closure, which holds
                // the whole loop; libzstd is given each buffer with its own count (`raw.count`, `out.count`) and
                // sets `pos <= size`, and `output[0..<produced]` is a checked Array slice.
                while !finished {
                    let (remaining, produced) = output.withUnsafeMutableBytes { out -> (Int, Int) in
                        var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                        let remaining = ZSTD_compressStream2(zstd, &buffer, &input, end ? ZSTD_e_end : ZSTD_e_continue)
                        return (remaining, buffer.pos)
                    }
                    guard ZSTD_isError(remaining) == 0 else {
                        throw RooError(.ioError, "\(path): zstd: \(String(cString: ZSTD_getErrorName(remaining)))")
                    }
                    if produced > 0 { try Outputs.write(Array(output[0..<produced]), to: file) }
                    finished = end ? remaining == 0 : input.pos == input.size
                }
            }
        }

        func close() throws {
            if let writer {
                do { try writer.close() } catch let error as ParquetError { throw RooError(error) }
                return
            }
            if zstd != nil { try writeText([], end: true) }
            guard let file else { return }
            try Outputs.commit([file])
            self.file = nil
        }
    }
}
