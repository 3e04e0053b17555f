/// How a line entered the country, from its US Census rate provision code
/// and whether it claims a preference program (docs/semantics.md, Breakdowns):
/// the `channel` key of `--by`. Free at the MFN rate needs no claim, which is
/// why much regional trade enters free without one.
public enum DutyFreeChannel: Int, CaseIterable, Sendable {
    /// No rate provision, or a code outside Census's list.
    case unknown = 0
    /// Rate provision 10 without a program claim: free at the general (MFN) rate.
    case mfnFree
    /// Rate provision 10 with a program claim (USMCA claims on MFN-free lines, for the fee exemption).
    case claimedOnMFNFree
    /// Rate provisions 11, 13, 14, 16, 17: free under other provisions (Virgin Islands, 9808, 9817, ...).
    case otherFree
    /// Rate provision 18: free under legislation or a special program.
    case programFree
    /// Rate provision 19: free under chapter 99.
    case chapter99Free
    /// Rate provisions 61, 62, 64, 69, 70, 79: dutiable.
    case dutiable
    /// Rate provision 00: into a bonded warehouse or foreign-trade zone, duty not yet applicable.
    case ftzBonded

    /// The key's text (`mfn_free`).
    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .mfnFree: "mfn_free"
        case .claimedOnMFNFree: "claimed_on_mfn_free"
        case .otherFree: "other_free"
        case .programFree: "program_free"
        case .chapter99Free: "chapter99_free"
        case .dutiable: "dutiable"
        case .ftzBonded: "ftz_bonded"
        }
    }

    /// The channel of rate provision `code` before the claim is known
    /// (`mfnFree` for 10; `claimed(_:)` turns it into `claimedOnMFNFree`).
    ///
    /// - Complexity: O(1).
    public init(rateProvision code: Int64?) {
        switch code {
        case 0: self = .ftzBonded
        case 10: self = .mfnFree
        case 11, 13, 14, 16, 17: self = .otherFree
        case 18: self = .programFree
        case 19: self = .chapter99Free
        case 61, 62, 64, 69, 70, 79: self = .dutiable
        default: self = .unknown
        }
    }

    /// This channel once the line's claim is known: an MFN-free line that claims a program is `claimedOnMFNFree`.
    @inlinable
    public func claimed(_ claimed: Bool) -> DutyFreeChannel {
        self == .mfnFree && claimed ? .claimedOnMFNFree : self
    }
}
