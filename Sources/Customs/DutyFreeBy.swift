/// How duty-free status is decided (`--duty-free-by`, docs/semantics.md, Classification).
public enum DutyFreeBy: String, CaseIterable, Sendable {
    /// duty == 0 (or `--duty-free-programs` when no duty column is mapped).
    case duty
    /// US Census rate provision codes 10–19.
    case rateProvision = "rate-provision"
}
