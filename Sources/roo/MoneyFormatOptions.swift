import ArgumentParser
import Customs
import RooSupport

/// `--decimal-separator` and `--thousands` (DuckDB `read_csv`'s names):
/// how money is written in text inputs, shared by `summarize` and `ingest`.
struct MoneyFormatOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Decimal separator of money in text inputs: . or , (default: .).", valueName: "c"))
    var decimalSeparator: String?

    @Option(
        help: ArgumentHelp(
            "Thousands separator of money in text inputs, only between groups of three digits: , . ' space or none "
                + "(default: , or . with --decimal-separator ,).",
            valueName: "c"))
    var thousands: String?

    /// The money format the options give.
    ///
    /// - Throws: `RooError(.usage)` (one line, exit 64) for a separator that
    ///   is not accepted or two equal separators, saying which to give.
    func format() throws -> MoneyFormat {
        do {
            return try MoneyFormat.parse(decimalSeparator: decimalSeparator, thousands: thousands)
        } catch {
            throw RooError(.usage, error.message)
        }
    }
}
