import Customs

/// The columns of a summarize rejects file (`--rejects`): written by the
/// summarize command, recognized by input expansion so a directory run never
/// reads one back as data.
package enum RejectsFormat {
    /// The canonical columns whose raw values are written, in order.
    package static let valueColumns: [CanonicalColumn] = [.origin, .partner, .hsCode, .customsValue, .duty]
    /// The header line, newline included.
    package static let header =
        "file,row_group,row,reason," + valueColumns.map(\.rawValue).joined(separator: ",") + "\n"
}
