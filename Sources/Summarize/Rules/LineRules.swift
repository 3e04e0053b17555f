import Aggregation
import Customs

/// The per-value rules that turn a line's fields into `LineBlock.Flag`s,
/// written once for every kind of input (Parquet columns, CSV and layout
/// fields): the fillers only decide how often a rule runs (once per
/// dictionary entry, per distinct short value, or per line), never what it
/// says. See docs/semantics.md (classification).
package struct LineRules: Sendable {
    let preferencePrograms: Set<String>
    let dutyFreePrograms: Set<String>
    /// The months (YYYYMM) a line must lie in: `--from`…`--to`, or the two
    /// periods of `--compare` (nil when the run does not filter by period).
    let months: [ClosedRange<Int>]?

    init(options: SummarizeOptions) {
        preferencePrograms = options.effectivePreferencePrograms
        dutyFreePrograms = options.dutyFreePrograms ?? []
        if let compare = options.compare {
            months = compare.months
        } else if options.from != nil || options.to != nil {
            months = [(options.from ?? Int.min)...(options.to ?? Int.max)]
        } else {
            months = nil
        }
    }

    /// Flags of a program code (trimmed of ASCII whitespace; program codes
    /// are case-sensitive): claimed when it is a preference program,
    /// duty-free by rule when it is a listed duty-free program.
    ///
    /// - Complexity: O(length of `trimmed`).
    func programFlags(trimmed: String) -> UInt8 {
        var flags: UInt8 = 0
        if preferencePrograms.contains(trimmed) { flags |= LineBlock.Flag.preferenceClaimed }
        if dutyFreePrograms.contains(trimmed) { flags |= LineBlock.Flag.freeByRule }
        return flags
    }

    /// Census rate provisions 10…19 are duty-free (`--duty-free-by rate-provision`).
    static let freeRateProvisions: ClosedRange<Int64> = 10...19

    /// The rate provision of MFN-free lines: every other code Census lists makes a line eligible.
    static let mfnFreeRateProvision: Int64 = 10

    /// The flags of rate provision `code`: `Flag.freeByRule` for 10…19 when
    /// `freeByRule` (`--duty-free-by rate-provision`), and `Flag.eligible`
    /// for a code Census lists other than 10 (`DutyFreeChannel`).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func rateProvisionFlags(_ code: Int64, freeByRule: Bool) -> UInt8 {
        let free = freeByRule && freeRateProvisions.contains(code) ? LineBlock.Flag.freeByRule : 0
        let known = DutyFreeChannel(rateProvision: code) != .unknown
        return free | (known && code != mfnFreeRateProvision ? LineBlock.Flag.eligible : 0)
    }

    /// `rateProvisionFlags` of rate provision text (trimmed; not a number → 0).
    static func rateProvisionFlags(text bytes: UnsafeRawBufferPointer, freeByRule: Bool) -> UInt8 {
        guard let code = Int64(LineRules.trimmed(bytes)) else { return 0 }
        return rateProvisionFlags(code, freeByRule: freeByRule)
    }

    /// The flag `compute` gives `bytes`, computed once per distinct value of
    /// up to 7 bytes (`PackedKeyTable`, one per worker), every time for
    /// longer ones. `compute` must depend on the bytes only.
    ///
    /// - Complexity: O(1) expected on a hit; `compute` on a miss.
    ///
    /// Safe because: `bytes` is read only by `pack` (by element, at most 7)
    /// and by `compute`, which receives it for the call only.
    @inline(__always)
    static func cachedFlag(
        _ bytes: UnsafeRawBufferPointer, in table: inout PackedKeyTable, _ compute: (UnsafeRawBufferPointer) -> UInt8
    ) -> UInt8 {
        guard let packed = PackedKeyTable.pack(bytes) else { return compute(bytes) }
        if let hit = table.value(for: packed) { return UInt8(truncatingIfNeeded: hit) }
        let flag = compute(bytes)
        table.insert(UInt32(flag), for: packed)
        return flag
    }

    /// `Flag.filtered` unless `month` lies in `--from…--to`; a line with no
    /// readable month is filtered out when the run filters by period, and so
    /// is a year-only period whose whole year the months do not cover.
    ///
    /// - Precondition: the run filters by period (`months != nil`).
    @inline(__always)
    func periodFlag(month: Int?) -> UInt8 {
        guard let month, let months, months.contains(where: { PeriodText.range($0, contains: month) }) else {
            return LineBlock.Flag.filtered
        }
        return 0
    }

    /// The flags a country key code carries into the line: origin in the
    /// region (origin only), and no conversion to alpha-2 (when codes are
    /// converted). Shifts are derived from the bit constants, so moving a
    /// bit in `KeyInterner` or `LineBlock.Flag` cannot silently break it.
    struct KeyFlags {
        let regionMask: UInt32
        let unmappedMask: UInt32

        static let regionShift = UInt32(
            KeyInterner.regionBit.trailingZeroBitCount - LineBlock.Flag.originInRegion.trailingZeroBitCount)
        static let unmappedShift = UInt32(
            KeyInterner.unmappedBit.trailingZeroBitCount - LineBlock.Flag.unmappedCode.trailingZeroBitCount)

        /// - Parameters:
        ///   - isOrigin: whether the key is the line's origin (the region bit counts).
        ///   - convertsCodes: whether `--country-codes` converts codes (the unmapped bit counts).
        init(isOrigin: Bool, convertsCodes: Bool) {
            regionMask = isOrigin ? KeyInterner.regionBit : 0
            unmappedMask = convertsCodes ? KeyInterner.unmappedBit : 0
        }

        /// The line flags of `code`; no branch (read per row).
        @inline(__always)
        func flags(_ code: UInt32) -> UInt8 {
            UInt8(truncatingIfNeeded: (code & regionMask) >> KeyFlags.regionShift)
                | UInt8(truncatingIfNeeded: (code & unmappedMask) >> KeyFlags.unmappedShift)
        }
    }

    /// Text trimmed of ASCII whitespace.
    ///
    /// Safe because: `trimmedRange` lies inside the buffer, so the rebased slice does.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[trimmedRange(bytes)]), as: UTF8.self)
    }

    /// The positions of `bytes` without leading and trailing ASCII whitespace.
    ///
    /// Safe because: `start < end <= bytes.count` in both loops (each checks
    /// before it reads), so `bytes[start]` and `bytes[end - 1]` lie inside the buffer.
    static func trimmedRange(_ bytes: UnsafeRawBufferPointer) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end && CountryKey.isSpace(bytes[start]) { start += 1 }
        while end > start && CountryKey.isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}
