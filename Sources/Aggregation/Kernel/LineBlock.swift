import Customs

/// A block of classified lines as integer codes (struct of arrays), ready
/// for the kernel. Built by the binding layer, reused across work units.
///
/// Codes: `origin`/`partner` are interned key ids (0 = missing); `chapter`
/// uses `HSChapter.missing`/`.bad`; statuses use `ValueStatus`.
///
/// Storage is raw memory owned by the block (it only grows), so hot loops
/// copy the column pointers into locals once and then index them without
/// per-access exclusivity checks. Pointers stay valid until the next `reset`.
///
/// The money columns (`value`, `duty`, `nonOriginating`) are either the
/// block's own storage or *borrowed* decoded columns (`borrow`): a decoded
/// INT64 cents column is the block column already, so it is not copied, and
/// the block's own storage for it is never allocated (nor resident).
public final class LineBlock {
    /// Flag bits of `flags`.
    public enum Flag {
        /// Excluded by `--reporter/--from/--to`: counted as filtered, never rejected.
        public static let filtered: UInt8 = 1
        /// `program` ∈ preference programs.
        public static let preferenceClaimed: UInt8 = 2
        /// Duty-free by program list or rate provision (when duty does not decide).
        public static let freeByRule: UInt8 = 4
        /// Origin is a member of the region.
        public static let originInRegion: UInt8 = 8
        /// `non_originating_value` is present (not null).
        public static let hasNonOriginating: UInt8 = 16
        /// The origin or partner code had no conversion to alpha-2 (`--country-codes`).
        public static let unmappedCode: UInt8 = 32
        /// The text HS code has an odd number of digits (3, 5, 7, 9): it
        /// probably lost a leading zero (`HSChapter.chapter(text:padOddLength:)`).
        public static let oddHSCode: UInt8 = 64
        /// The rate provision is read and is not 10 (MFN-free): the line counts in `eligible_value`.
        public static let eligible: UInt8 = 128
    }

    /// Whether the kernel counts aggregated lines with `Flag.unmappedCode`
    /// (set by the filler when codes are converted; off = no extra pass).
    public var countsUnmappedCodes = false
    /// Whether the kernel counts aggregated lines with `Flag.oddHSCode`
    /// (set by the filler when some row of the block has one; off = no extra pass).
    public var countsOddHSCodes = false
    /// The line counts of this block alone, set by the kernel (what the
    /// binding layer looks at after a block: were lines rejected?).
    public var counts = LineCounts()

    /// Status codes of `valueStatus` / `dutyStatus`.
    public enum ValueStatus {
        public static let present: UInt8 = 0
        public static let missing: UInt8 = 1
        public static let invalid: UInt8 = 2
    }

    /// Rows in use.
    public private(set) var count = 0
    private var capacity = 0
    private(set) var origin = LineBlock.allocate(UInt32.self, 0)
    private(set) var partner = LineBlock.allocate(UInt32.self, 0)
    private(set) var chapter = LineBlock.allocate(UInt8.self, 0)
    /// The cell detail of each row when `keysOnDetail` (`withDetail`), else unused.
    private(set) var detail = LineBlock.allocate(UInt32.self, 0)
    private var detailCapacity = 0
    /// Whether the group key's detail is `detail` (a `--by` breakdown) rather than the chapter.
    public private(set) var keysOnDetail = false
    private(set) var valueStatus = LineBlock.allocate(UInt8.self, 0)
    private(set) var dutyStatus = LineBlock.allocate(UInt8.self, 0)
    private(set) var flags = LineBlock.allocate(UInt8.self, 0)
    /// Money columns: own or borrowed storage of `count` values once bound
    /// (`reset(count:)` binds all three to own storage).
    private(set) var value: UnsafeMutablePointer<Int64>
    private(set) var duty: UnsafeMutablePointer<Int64>
    private(set) var nonOriginating: UnsafeMutablePointer<Int64>
    /// The dutiable value of each row when bound (`dutiableMask` all ones),
    /// else one 0 that every row reads (`dutiableMask` 0): `dutiable[row & dutiableMask]`.
    private(set) var dutiable: UnsafeMutablePointer<Int64>
    private(set) var dutiableMask = 0

    /// The column pointers of the rows in use, for the scope of a
    /// `withColumns` body (outside this module) or a kernel pass.
    package struct Columns {
        package let origin: UnsafeMutablePointer<UInt32>
        package let partner: UnsafeMutablePointer<UInt32>
        package let chapter: UnsafeMutablePointer<UInt8>
        /// The cell detail (`withDetail`); read only when `keysOnDetail`.
        package let detail: UnsafeMutablePointer<UInt32>
        package let valueStatus: UnsafeMutablePointer<UInt8>
        package let dutyStatus: UnsafeMutablePointer<UInt8>
        package let flags: UnsafeMutablePointer<UInt8>
        package let value: UnsafeMutablePointer<Int64>
        package let duty: UnsafeMutablePointer<Int64>
        package let nonOriginating: UnsafeMutablePointer<Int64>
        /// Read as `dutiable[row & dutiableMask]` (0 for every row when not bound).
        package let dutiable: UnsafeMutablePointer<Int64>
        package let dutiableMask: Int
    }

    /// The columns as they are now (see `Columns`): the kernel's view.
    var columns: Columns {
        Columns(
            origin: origin, partner: partner, chapter: chapter, detail: detail, valueStatus: valueStatus,
            dutyStatus: dutyStatus,
            flags: flags, value: value, duty: duty, nonOriginating: nonOriginating, dutiable: dutiable,
            dutiableMask: dutiableMask)
    }

    /// Runs `body` with the column pointers of the rows in use: the only way
    /// to reach them from outside the kernel, so their lifetime is the
    /// closure's.
    ///
    /// - Precondition: `body` keeps no pointer after it returns, and does not
    ///   call `reset`/`prepare` (which may reallocate). The money pointers
    ///   are those bound at the call: a fill that binds money inside
    ///   (`borrow`, `ownMoney`) writes through what `ownMoney` returns.
    ///   Rows `0..<count` are in bounds of every column.
    /// - Complexity: O(1) besides `body`.
    @inline(__always)
    package func withColumns<Result, Failure: Error>(
        _ body: (Columns) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(columns)
    }

    /// Runs `body` with the detail column of the rows in use (sized for
    /// them), which the group key uses for this block from then on instead
    /// of the chapter (`prepare` turns it back).
    ///
    /// - Precondition: `body` writes every row `0..<count` and keeps no pointer after it returns.
    /// - Complexity: O(1) besides `body`, O(count) when the column grows.
    package func withDetail<Failure: Error>(
        _ body: (UnsafeMutablePointer<UInt32>) throws(Failure) -> Void
    ) throws(Failure) {
        if detailCapacity < count {
            detailCapacity = max(count, detailCapacity * 2)
            LineBlock.grow(&detail, detailCapacity)
        }
        keysOnDetail = true
        try body(detail)
    }

    /// The money columns. `dutiable` is optional: unbound, every row reads 0.
    public enum MoneyColumn: Int, Sendable, CaseIterable { case value, duty, nonOriginating, dutiable }

    /// The block's own money storage, allocated (and zeroed) on first use.
    private var ownedMoney: [UnsafeMutablePointer<Int64>?] = [nil, nil, nil, nil]
    private var ownedMoneyCapacity = [0, 0, 0, 0]
    /// Bit `column.rawValue` set once the column is bound for the rows in use.
    private var boundMoney: UInt8 = 0
    /// One zeroed value: the money pointers' target before anything is bound.
    private let unbound = UnsafeMutablePointer<Int64>.allocate(capacity: 1)

    public init() {
        unbound.initialize(to: 0)
        (value, duty, nonOriginating, dutiable) = (unbound, unbound, unbound, unbound)
    }

    deinit {
        origin.deallocate()
        partner.deallocate()
        chapter.deallocate()
        detail.deallocate()
        valueStatus.deallocate()
        dutyStatus.deallocate()
        flags.deallocate()
        for storage in ownedMoney { storage?.deallocate() }
        unbound.deallocate()
    }

    /// Whether every money column but the optional `dutiable` is bound (own or borrowed) for the rows in use.
    public var isMoneyBound: Bool { boundMoney & 0b111 == 0b111 }

    /// Points money column `column` at `storage` for the rows in use instead
    /// of copying values into the block.
    ///
    /// - Precondition: `storage` holds `count` initialized values and stays
    ///   valid and unchanged until the block has been aggregated.
    /// - Complexity: O(1).
    package func borrow(_ column: MoneyColumn, _ storage: UnsafePointer<Int64>) {
        bind(column, UnsafeMutablePointer(mutating: storage))
    }

    /// Binds money column `column` to the block's own storage and returns it
    /// (room for `count` initialized values; contents are left from earlier
    /// use, zero when fresh: write the rows you need).
    ///
    /// - Complexity: O(1), O(count) when the storage grows.
    @discardableResult
    package func ownMoney(_ column: MoneyColumn) -> UnsafeMutablePointer<Int64> {
        let index = column.rawValue
        if ownedMoney[index] == nil || ownedMoneyCapacity[index] < count {
            ownedMoney[index]?.deallocate()
            let size = max(count, ownedMoneyCapacity[index] * 2, 1)
            let storage = UnsafeMutablePointer<Int64>.allocate(capacity: size)
            storage.initialize(repeating: 0, count: size)
            ownedMoney[index] = storage
            ownedMoneyCapacity[index] = size
        }
        // Safe: set just above when absent.
        let storage = ownedMoney[index].unsafelyUnwrapped
        bind(column, storage)
        return storage
    }

    /// Binds every money column not yet bound to own storage (`dutiable` stays unbound: 0 for every row).
    public func ownUnboundMoney() {
        for column in MoneyColumn.allCases where column != .dutiable && boundMoney & (1 << column.rawValue) == 0 {
            ownMoney(column)
        }
    }

    private func bind(_ column: MoneyColumn, _ pointer: UnsafeMutablePointer<Int64>) {
        switch column {
        case .value: value = pointer
        case .duty: duty = pointer
        case .nonOriginating: nonOriginating = pointer
        case .dutiable:
            dutiable = pointer
            dutiableMask = ~0
        }
        boundMoney |= 1 << column.rawValue
    }

    private static func allocate<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    }

    /// An independent copy of the rows in use.
    public func copy() -> LineBlock {
        let other = LineBlock()
        other.reset(count: count)
        other.origin.update(from: origin, count: count)
        other.partner.update(from: partner, count: count)
        other.chapter.update(from: chapter, count: count)
        if keysOnDetail { other.withDetail { $0.update(from: detail, count: count) } }
        other.value.update(from: value, count: count)
        other.valueStatus.update(from: valueStatus, count: count)
        other.duty.update(from: duty, count: count)
        other.dutyStatus.update(from: dutyStatus, count: count)
        other.nonOriginating.update(from: nonOriginating, count: count)
        if dutiableMask != 0 { other.ownMoney(.dutiable).update(from: dutiable, count: count) }
        other.flags.update(from: flags, count: count)
        other.countsUnmappedCodes = countsUnmappedCodes
        return other
    }

    /// Sets the row count, zeroes the code, status and flag columns for the
    /// rows in use, and binds the money columns to own storage. Money values
    /// are NOT cleared: the kernel uses them only where `valueStatus`/
    /// `dutyStatus` say present or `Flag.hasNonOriginating` is set, and fills
    /// write them exactly there. Storage grows (never shrinks); pointers
    /// change only when it grows.
    ///
    /// - Complexity: O(count).
    public func reset(count newCount: Int) {
        prepare(count: newCount, clearingKeys: true)
        ownUnboundMoney()
    }

    /// Sets the row count and zeroes the status and flag columns (and the
    /// key columns when `clearingKeys`); money columns are left unbound.
    ///
    /// - Precondition: before aggregating, the caller writes all `newCount`
    ///   rows of the key columns when `clearingKeys == false`, and binds each
    ///   money column (`borrow`, `ownMoney` or `ownUnboundMoney`).
    /// - Complexity: O(count).
    public func prepare(count newCount: Int, clearingKeys: Bool) {
        precondition(newCount >= 0)
        if newCount > capacity {
            capacity = max(newCount, capacity * 2)
            LineBlock.grow(&origin, capacity)
            LineBlock.grow(&partner, capacity)
            LineBlock.grow(&chapter, capacity)
            LineBlock.grow(&valueStatus, capacity)
            LineBlock.grow(&dutyStatus, capacity)
            LineBlock.grow(&flags, capacity)
        }
        count = newCount
        keysOnDetail = false
        boundMoney = 0
        countsOddHSCodes = false
        counts = LineCounts()
        (value, duty, nonOriginating, dutiable) = (unbound, unbound, unbound, unbound)
        dutiableMask = 0
        if clearingKeys {
            origin.initialize(repeating: 0, count: newCount)
            partner.initialize(repeating: 0, count: newCount)
            chapter.initialize(repeating: 0, count: newCount)
        }
        valueStatus.initialize(repeating: 0, count: newCount)
        dutyStatus.initialize(repeating: 0, count: newCount)
        flags.initialize(repeating: 0, count: newCount)
    }

    private static func grow<T: FixedWidthInteger>(_ pointer: inout UnsafeMutablePointer<T>, _ capacity: Int) {
        pointer.deallocate()
        pointer = allocate(T.self, capacity)
        // Zeroed once, so that columns a caller leaves unwritten never hold garbage bits.
        pointer.initialize(repeating: 0, count: capacity)
    }
}
