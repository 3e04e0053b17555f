import MappedIO

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A sheet's XML events turned into CSV lines (`pending`): one line per `row`, its cells placed by
/// their reference (`C7` → the third field; cells left out are empty fields), padded to `width`
/// fields, values as `Workbook` describes.
struct SheetCSVWriter {
    let strings: [String]
    let width: Int
    /// The most fields a row had so far.
    private(set) var widest = 0
    /// CSV bytes not yet written out.
    var pending: [UInt8] = []
    private var cells: [String] = []
    private var rows = 0
    private var column = 0
    private var type = ""
    private var value = ""
    private var inValue = false

    init(strings: [String], width: Int) {
        self.strings = strings
        self.width = width
    }

    mutating func take(_ event: XMLScanner.Event) throws(DelimitedError) {
        switch event {
        case .start("row", _, let isEmpty):
            cells.removeAll(keepingCapacity: true)
            rows += 1
            guard rows <= Workbook.rowsMax else { throw Self.failure("more than \(Workbook.rowsMax) rows") }
            if isEmpty { writeRow() }
        case .end("row"):
            writeRow()
        case let .start("c", attributes, isEmpty):
            column = try attributes["r"].map(Self.column) ?? cells.count
            type = attributes["t"] ?? "n"
            value = ""
            if isEmpty { try place() }
        case .end("c"):
            try place()
        case .start("v", _, let isEmpty), .start("t", _, let isEmpty):
            inValue = !isEmpty
        case .end("v"), .end("t"):
            inValue = false
        case let .text(text):
            if inValue { value += text }
        default:
            break
        }
    }

    /// The cell just read, at `column` of the row.
    private mutating func place() throws(DelimitedError) {
        let text: String
        switch type {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else {
                throw Self.failure("cell \(column + 1) of row \(rows) names shared string \(value) of \(strings.count)")
            }
            text = strings[index]
        case "b": text = value == "1" ? "TRUE" : "FALSE"
        case "n": text = Self.numberText(value)
        default: text = value  // inlineStr, str (a formula's text), e (an error such as #N/A), d (an ISO date)
        }
        while cells.count < column { cells.append("") }
        if cells.count == column { cells.append(text) } else { cells[column] = text }
    }

    private mutating func writeRow() {
        widest = max(widest, cells.count)
        while cells.count < width { cells.append("") }
        for (index, cell) in cells.enumerated() {
            if index > 0 { pending.append(UInt8(ascii: ",")) }
            let needsQuotes = cell.utf8.contains { $0 == 0x2c || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d }
            guard needsQuotes else {
                pending.append(contentsOf: cell.utf8)
                continue
            }
            pending.append(0x22)
            for byte in cell.utf8 {
                if byte == 0x22 { pending.append(0x22) }
                pending.append(byte)
            }
            pending.append(0x22)
        }
        pending.append(0x0a)
    }

    /// The 0-based column of a cell reference (`A1` → 0, `AB12` → 27).
    ///
    /// - Throws: `.malformed` for a reference that is no column letters and row digits, or past column XFD.
    static func column(_ reference: String) throws(DelimitedError) -> Int {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            guard letters <= 3 else { break }
        }
        let digits = reference.utf8.dropFirst(letters)
        guard letters > 0, column <= Workbook.columnsMax, !digits.isEmpty,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw failure("cell reference \(reference) is no column and row (A1 to XFD\(Workbook.rowsMax))")
        }
        return column - 1
    }

    /// A number cell as a spreadsheet shows it at full precision: the stored text read as the IEEE double
    /// the workbook holds and written in its shortest form that reads back as that double, without an
    /// exponent (Excel stores `708114993.92999995` for 708,114,993.93; this gives `708114993.93`); text that
    /// is no finite number stays as it is.
    static func numberText(_ stored: String) -> String {
        guard let number = Double(stored), number.isFinite else { return stored }
        return plainNumber(String(describing: number)) ?? stored
    }

    /// A number's text without exponent and without zeros that say nothing (`1.5E+3` → `1500`, `2E-2` →
    /// `0.02`, `2018.0` → `2018`); nil when `text` is no number in that form or its exponent is past ±400.
    static func plainNumber(_ text: String) -> String? {
        let parts = text.uppercased().split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false)
        guard let exponent = parts.count == 2 ? Int(parts[1]) : 0, abs(exponent) <= 400 else { return nil }
        var mantissa = Substring(parts[0])
        let negative = mantissa.first == "-"
        if negative || mantissa.first == "+" { mantissa = mantissa.dropFirst() }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard !(whole + fraction).isEmpty, (whole + fraction).allSatisfy(\.isASCII),
            (whole + fraction).allSatisfy(\.isNumber)
        else { return nil }
        var digits = whole + fraction
        var point = whole.count + exponent
        if point < 0 {
            digits = String(repeating: "0", count: -point) + digits
            point = 0
        }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var integer = String(digits.prefix(point).drop { $0 == "0" })
        if integer.isEmpty { integer = "0" }
        var decimals = String(digits.dropFirst(point))
        while decimals.last == "0" { decimals.removeLast() }
        return (negative ? "-" : "") + integer + (decimals.isEmpty ? "" : "." + decimals)
    }

    static func failure(_ message: String) -> DelimitedError { DelimitedError(.malformed, path: "", message) }
}

/// An unlinked temporary file that a sheet's CSV text is written to, then read back as an `InputStream`.
final class SheetOutput {
    private var descriptor: Int32
    private let path: String

    /// Creates the file in `TMPDIR` (else `/tmp`) and unlinks it at once: it goes when its descriptor does.
    init(path: String) throws(DelimitedError) {
        self.path = path
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/roo-sheet-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let number = errno
            throw DelimitedError(
                .io, path: path, "temporary file in \(directory): \(SystemError.describe(errno: number))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Writes `bytes` whole and empties it.
    func write(_ bytes: inout [UInt8]) throws(DelimitedError) {
        var written = 0
        // Safe because: the loop runs while `written < bytes.count`, so `baseAddress! + written` points inside the
        // (non-empty) array and `count - written > 0` bytes follow it; write(2) returns at most that many, so
        // `written` never passes `bytes.count`.
        while written < bytes.count {
            let result = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if result < 0 {
                let number = errno
                if number == EINTR { continue }
                throw DelimitedError(.io, path: path, "write: \(SystemError.describe(errno: number))")
            }
            written += result
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// The file from its start, as a stream that owns the descriptor.
    func stream() throws(DelimitedError) -> InputStream {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            let number = errno
            throw DelimitedError(.io, path: path, "lseek: \(SystemError.describe(errno: number))")
        }
        let owned = descriptor
        descriptor = -1
        return try InputStream(descriptor: owned, path: path)
    }
}
