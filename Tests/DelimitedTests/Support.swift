import CSystemZlib
import CZstd
import Delimited
import TestSupport
import Testing

/// One record as the tests compare it.
struct Row: Equatable, CustomStringConvertible {
    var fields: [String]
    var quoted: [Bool]
    var line: Int
    var raw: String
    var malformation: String?

    var description: String {
        "line \(line) \(fields) quoted \(quoted) raw \(raw.debugDescription) \(malformation ?? "ok")"
    }
}

/// Field bytes as a String (tests use valid UTF-8 unless they say otherwise).
func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }

/// All records of a batch.
func rows(of batch: RecordBatch) -> [Row] {
    (0..<batch.count).map { record in
        Row(
            fields: (0..<batch.fieldCount(record)).map { text(batch.field(record, $0)) },
            quoted: (0..<batch.fieldCount(record)).map { batch.isQuoted(record, $0) },
            line: batch.lineNumber(record),
            raw: text(batch.rawText(record)),
            malformation: batch.malformation(record))
    }
}

/// Parses `input` as one chunk starting at line 1.
func parseWhole(_ input: String, dialect: CSVDialect = .comma) -> [Row] {
    let batch = RecordBatch()
    RecordBatch.parse(CSVChunk(bytes: Array(input.utf8), firstLineNumber: 1), dialect: dialect, into: batch)
    return rows(of: batch)
}

/// Writes `bytes` to a fresh temporary file named `name`.
func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") -> String {
    let path = FixturePaths.temporaryDirectory() + "/" + name
    #expect(FixturePaths.write(bytes, to: path))
    return path
}

/// Every chunk of `path`.
func chunks(of path: String, chunkSizeBytes: Int, dialect: CSVDialect = .comma) throws(DelimitedError) -> [CSVChunk] {
    let chunker = CSVChunker(stream: try InputStream(path: path), chunkSizeBytes: chunkSizeBytes, dialect: dialect)
    var result: [CSVChunk] = []
    while let chunk = try chunker.nextChunk() { result.append(chunk) }
    return result
}

/// Every record of `bytes`, written to a file and read with `chunkSizeBytes`.
func rowsChunked(_ bytes: [UInt8], chunkSizeBytes: Int, dialect: CSVDialect = .comma) throws(DelimitedError) -> [Row] {
    let batch = RecordBatch()
    var result: [Row] = []
    for chunk in try chunks(of: temporaryFile(bytes), chunkSizeBytes: chunkSizeBytes, dialect: dialect) {
        RecordBatch.parse(chunk, dialect: dialect, into: batch)
        result += rows(of: batch)
    }
    return result
}

/// Everything `InputStream` returns for `path`.
func readAll(_ path: String, bufferSize: Int = 1000) throws(DelimitedError) -> [UInt8] {
    let stream = try InputStream(path: path)
    return try readAll(stream, bufferSize: bufferSize)
}

func readAll(_ stream: InputStream, bufferSize: Int = 1000) throws(DelimitedError) -> [UInt8] {
    var result: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
    defer { buffer.deallocate() }
    while true {
        let count = try stream.read(into: buffer)
        if count == 0 { return result }
        result += buffer[0..<count]
    }
}

/// The error thrown by `body`, or nil.
func thrownError(_ body: () throws(DelimitedError) -> Void) -> DelimitedError? {
    do throws(DelimitedError) {
        try body()
        return nil
    } catch {
        return error
    }
}

/// One gzip member of `bytes` (deflate with window bits 31 = gzip header).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let initStatus = deflateInit2_(
        &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size))
    precondition(initStatus == Z_OK)
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    let status = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = UInt32(outputBuffer.count)
            return deflate(&stream, Z_FINISH)
        }
    }
    precondition(status == Z_STREAM_END)
    return Array(output[0..<Int(stream.total_out)])
}

/// One zstd frame of `bytes`.
func zstd(_ bytes: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
    let size = output.withUnsafeMutableBytes { target in
        bytes.withUnsafeBytes { source in
            ZSTD_compress(target.baseAddress, target.count, source.baseAddress, source.count, 3)
        }
    }
    precondition(ZSTD_isError(size) == 0)
    return Array(output[0..<size])
}

/// A small deterministic generator (SplitMix64).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
