#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text of cells, shared by every format.
public enum CellText {
    /// Cents as dollars with exactly two decimals, no separators (`-1234.05`).
    public static func money(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `numerator / denominator` like C's `%.6f` (but `0.000000`, never `-0.000000`, for a quotient that
    /// rounds to zero), or `""` when the denominator is 0.
    public static func share(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator != 0 else { return "" }
        let value = Double(numerator) / Double(denominator)
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([value]) { arguments in
            vsnprintf(&buffer, buffer.count, "%.6f", arguments)
        }
        guard written > 0 && Int(written) < buffer.count else { return "" }
        let text = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text == "-0.000000" ? "0.000000" : text
    }

    /// Plain text of a cell (CSV/TSV/Markdown).
    public static func plain(_ cell: Cell) -> String {
        switch cell {
        case let .text(text): text
        case let .integer(value): String(value)
        case let .money(cents): money(cents)
        case let .share(numerator, denominator): share(numerator, denominator)
        }
    }

}
