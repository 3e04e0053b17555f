import Aggregation
import Customs

/// A worker's side of the cell details (`DetailPlan`): one column of
/// component ids per component for the block being filled, the per-value
/// rules that turn a field into a component id (written once for Parquet
/// columns and text fields), caches in front of the shared
/// `DetailInterner`, and the step that turns the components of each row
/// into the block's detail column.
///
/// Not used when the plan is the chapter alone (the kernel keys on the chapter).
final class DetailKeys {
    let plan: DetailPlan
    private let interner: DetailInterner
    /// Component positions in the plan (nil when not a component).
    let periodIndex: Int?
    let programIndex: Int?
    let reporterIndex: Int?
    let channelIndex: Int?
    private let hsDigits: Int
    /// Per component: ids of the block's rows (0 = missing).
    private(set) var columns: [[UInt32]]
    /// Per component: packed value → id.
    private var caches: [PackedKeyTable]
    private var longCaches: [[[UInt8]: UInt32]]
    /// Packed tuples of component ids → detail id (each id in `tupleBits`).
    private var tuples = PackedKeyTable(capacity: 1 << 12)
    private let tupleBits: Int
    private var scratch: [UInt32] = []

    init(interner: DetailInterner) {
        self.interner = interner
        let plan = interner.plan
        self.plan = plan
        periodIndex = plan.periodGrain.flatMap { plan.index(of: .period($0)) }
        programIndex = plan.index(of: .program)
        reporterIndex = plan.index(of: .reporter)
        channelIndex = plan.index(of: .channel)
        hsDigits = plan.hsDigits
        columns = plan.components.map { _ in [] }
        caches = plan.components.map { _ in PackedKeyTable(capacity: 256) }
        longCaches = plan.components.map { _ in [:] }
        tupleBits = 63 / max(plan.components.count, 1)
    }

    /// Sizes every component column to `rows` rows of 0 (missing).
    func prepare(rows: Int) {
        for index in columns.indices {
            columns[index].removeAll(keepingCapacity: true)
            columns[index].append(contentsOf: repeatElement(0, count: rows))
        }
    }

    /// Sets row `row` of component `component`.
    @inline(__always)
    func set(_ component: Int, _ row: Int, _ id: UInt32) { columns[component][row] = id }

    /// Writes component `component` for every row from per-entry ids (a dictionary column).
    ///
    /// - Precondition: `index(row)` is below `table.count` for every row in `0..<rows`
    ///   (decoder-checked dictionary indices); `valid(row)` is false for null rows.
    ///
    /// Safe because: `ids` is the component column, sized to the block's rows by `prepare`, and
    /// `rows` is at most that; `table` is a checked Swift array.
    func gather(_ component: Int, rows: Int, table: [UInt32], index: (Int) -> Int, valid: (Int) -> Bool) {
        columns[component].withUnsafeMutableBufferPointer { ids in
            for row in 0..<rows where valid(row) { ids[row] = table[index(row)] }
        }
    }

    // MARK: Values → component ids

    /// The id of an HS code given as text: its digits (non-digits dropped;
    /// one leading zero added to an odd count with `--pad-hs`), cut to the
    /// plan's width. 0 for a code without digits (rejected anyway).
    func hsID(text bytes: UnsafeRawBufferPointer, padOddLength: Bool) throws -> UInt32 {
        var count = 0
        // Safe because: the loop iterates the buffer itself, never past `bytes.count`.
        for byte in bytes where byte &- 0x30 < 10 { count += 1 }
        var value: UInt64 = 0
        var taken = 0
        if padOddLength && [3, 5, 7, 9].contains(count) { taken = 1 }  // the leading zero (as `HSChapter`)
        for byte in bytes where byte &- 0x30 < 10 && taken < hsDigits {
            value = value * 10 + UInt64(byte &- 0x30)
            taken += 1
        }
        return try hsID(value: value, digits: taken)
    }

    /// The id of an integer HS code zero-padded to `width` digits (`--hs-width`), cut to the plan's width.
    ///
    /// - Complexity: O(digits), no allocation: the first `taken` digits of the padded code are
    ///   `integer / 10^(padded - taken)` (the leading zeros add nothing to the value).
    func hsID(integer: Int64, width: Int) throws -> UInt32 {
        guard integer > 0 else { return 0 }
        var count = 0
        var rest = integer
        while rest > 0 {
            count += 1
            rest /= 10
        }
        let padded = max(count, width)
        let taken = min(hsDigits, padded)
        var value = UInt64(integer)
        for _ in 0..<(padded - taken) { value /= 10 }
        return try hsID(value: value, digits: taken)
    }

    private func hsID(value: UInt64, digits: Int) throws -> UInt32 {
        guard digits > 0 else { return 0 }
        let packed = value << 5 | UInt64(digits) | 1 << 63
        if let hit = caches[0].value(for: packed) { return hit }
        var text = Array(String(value).utf8)
        text.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - text.count), at: 0)
        let id = try interner.componentID(0, text)
        caches[0].insert(id, for: packed)
        return id
    }

    /// The id of month `month` (YYYYMM) at the plan's period grain (0 for no
    /// readable month, and for a year-only period at a month or quarter grain).
    func periodID(month: Int?) throws -> UInt32 {
        guard let month, let index = periodIndex, let grain = plan.periodGrain else { return 0 }
        if PeriodText.isYearOnly(month) && grain != .year { return 0 }
        let key = grain.key(month: month)
        let packed = UInt64(key) | 1 << 63
        if let hit = caches[index].value(for: packed) { return hit }
        let id = try interner.componentID(index, Array(grain.text(key: key).utf8))
        caches[index].insert(id, for: packed)
        return id
    }

    /// The id of a program code, trimmed (0, `none`, when empty).
    func programID(_ bytes: UnsafeRawBufferPointer) throws -> UInt32 {
        guard let index = programIndex else { return 0 }
        return try textID(index, bytes) { raw in
            let text = LineRules.trimmed(raw)
            return text.isEmpty ? nil : Array(text.utf8)
        }
    }

    /// The id of a reporter code: the country key (`CountryKey.normalize`),
    /// converted to alpha-2 by `convert` (0 when empty).
    func reporterID(_ bytes: UnsafeRawBufferPointer, convert: ([UInt8]) -> [UInt8]) throws -> UInt32 {
        guard let index = reporterIndex else { return 0 }
        return try textID(index, bytes) { raw in CountryKey.normalize(raw).map(convert) }
    }

    /// The id of a `col:NAME` key's text in component `component`: its bytes
    /// trimmed of ASCII whitespace (0, the empty value, when nothing is left).
    func sourceKeyID(_ component: Int, _ bytes: UnsafeRawBufferPointer) throws -> UInt32 {
        try textID(component, bytes) { raw in
            let kept = LineRules.trimmedRange(raw)
            return kept.isEmpty ? nil : Array(raw[kept])
        }
    }

    /// The id of a `col:NAME` key's integer value in component `component`: its decimal text.
    /// Values in 0..<2^62 are cached with the two top bits set, which no packed text has
    /// (its top byte is at most 0x87), so one component may be text in one file and integer in another.
    func sourceKeyID(_ component: Int, integer: Int64) throws -> UInt32 {
        let cached = integer >= 0 && integer < 1 << 62
        let packed = UInt64(integer) | 0b11 << 62
        if cached, let hit = caches[component].value(for: packed) { return hit }
        let id = try interner.componentID(component, Array(String(integer).utf8))
        if cached { caches[component].insert(id, for: packed) }
        return id
    }

    /// The id of a rate provision code's channel before the claim (`DutyFreeChannel`;
    /// the interner holds every channel at the id of its raw value).
    func channelID(rateProvision code: Int64?) -> UInt32 {
        UInt32(DutyFreeChannel(rateProvision: code).rawValue)
    }

    /// `channelID` of rate provision text (trimmed; not a number is `unknown`), read once per
    /// distinct value of up to 7 bytes (the component's cache), every time for longer ones.
    ///
    /// Safe because: `bytes` is only read by `pack` (by element, at most 7) and by `trimmed`, which copies
    /// it into a `String` within its bounds; no pointer is kept.
    func channelID(rateProvision bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let index = channelIndex, let packed = PackedKeyTable.pack(bytes) else {
            return channelID(rateProvision: Int64(LineRules.trimmed(bytes)))
        }
        if let hit = caches[index].value(for: packed) { return hit }
        let id = channelID(rateProvision: Int64(LineRules.trimmed(bytes)))
        caches[index].insert(id, for: packed)
        return id
    }

    /// The id of raw text in component `index`, normalized by `normalize`
    /// (nil: the missing value), cached by the raw bytes.
    ///
    /// Safe because: `bytes` is only read by `pack` (by element, at most 7), copied by `Array(bytes)`
    /// and passed to `normalize` for the call; no pointer is kept.
    private func textID(
        _ index: Int, _ bytes: UnsafeRawBufferPointer, normalize: (UnsafeRawBufferPointer) -> [UInt8]?
    ) throws -> UInt32 {
        let packed = PackedKeyTable.pack(bytes)
        if let packed, let hit = caches[index].value(for: packed) { return hit }
        if packed == nil, let hit = longCaches[index][Array(bytes)] { return hit }
        let id = try normalize(bytes).map { try interner.componentID(index, $0) } ?? 0
        if let packed { caches[index].insert(id, for: packed) } else { longCaches[index][Array(bytes)] = id }
        return id
    }

    // MARK: Components → detail ids

    /// Turns `mfnFree` into `claimedOnMFNFree` on the rows that claim a program
    /// (the program fill has set `Flag.preferenceClaimed` by now).
    ///
    /// Safe because: the block's flags hold `block.count` rows, as does the
    /// component column (`prepare`).
    private func applyClaims(_ component: Int, _ block: LineBlock) {
        let mfnFree = UInt32(DutyFreeChannel.mfnFree.rawValue)
        let claimed = UInt32(DutyFreeChannel.claimedOnMFNFree.rawValue)
        block.withColumns { block in
            columns[component].withUnsafeMutableBufferPointer { ids in
                for row in ids.indices
                where ids[row] == mfnFree && block.flags[row] & LineBlock.Flag.preferenceClaimed != 0 {
                    ids[row] = claimed
                }
            }
        }
    }

    /// Writes the block's detail column from the component columns.
    ///
    /// - Precondition: `prepare(rows: block.count)` and the fills ran for this block.
    /// - Complexity: O(rows × components) expected, the interner's lock on a
    ///   worker's first sight of a tuple.
    func combine(into block: LineBlock) throws {
        let rows = block.count
        if let channelIndex { applyClaims(channelIndex, block) }
        try block.withDetail { detail in
            if columns.count == 1 {
                columns[0].withUnsafeBufferPointer { ids in
                    // Safe because: `prepare` sized the column to the block's rows.
                    for row in 0..<rows { detail[row] = ids[row] }
                }
                return
            }
            let limit = UInt64(1) << UInt64(tupleBits)
            for row in 0..<rows {
                var packed: UInt64 = 0
                var fits = true
                for component in columns.indices {
                    let id = UInt64(columns[component][row])
                    fits = fits && id < limit
                    packed = packed << UInt64(tupleBits) | id
                }
                packed |= 1 << 63
                if fits, let hit = tuples.value(for: packed) {
                    detail[row] = hit
                    continue
                }
                scratch.removeAll(keepingCapacity: true)
                for component in columns.indices { scratch.append(columns[component][row]) }
                let id = try interner.tupleID(scratch)
                if fits { tuples.insert(id, for: packed) }
                detail[row] = id
            }
        }
    }
}
