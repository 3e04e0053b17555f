/// The version of roo, in one place: stamped in every Parquet file roo writes
/// (`created_by`, and the `roo.version` key of generated, ingested and
/// partial files), in the workbook's and report's notes, and printed by
/// `roo --version`. It lives here because the writer is the lowest module
/// that stamps it.
public enum RooVersion {
    public static let current = "0.1.0"
}
