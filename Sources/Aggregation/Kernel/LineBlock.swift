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
    }

    /// Status codes of `valueStatus` / `dutyStatus`.
    public enum ValueStatus {
        public static let present: UInt8 = 0
        public static let missing: UInt8 = 1
        public static let invalid: UInt8 = 2
    }

    /// Rows in use.
    public private(set) var count = 0
    private var capacity = 0
    public private(set) var origin = LineBlock.allocate(UInt32.self, 0)
    public private(set) var partner = LineBlock.allocate(UInt32.self, 0)
    public private(set) var chapter = LineBlock.allocate(UInt8.self, 0)
    public private(set) var value = LineBlock.allocate(Int64.self, 0)
    public private(set) var valueStatus = LineBlock.allocate(UInt8.self, 0)
    public private(set) var duty = LineBlock.allocate(Int64.self, 0)
    public private(set) var dutyStatus = LineBlock.allocate(UInt8.self, 0)
    public private(set) var nonOriginating = LineBlock.allocate(Int64.self, 0)
    /// The block's own storage of the money columns (`borrow` may point
    /// `value`/`duty`/`nonOriginating` elsewhere until the next `reset`).
    private var ownedValue: UnsafeMutablePointer<Int64>
    private var ownedDuty: UnsafeMutablePointer<Int64>
    private var ownedNonOriginating: UnsafeMutablePointer<Int64>

    /// The money columns, for `borrow`.
    public enum MoneyColumn: Sendable { case value, duty, nonOriginating }
    public private(set) var flags = LineBlock.allocate(UInt8.self, 0)

    public init() {
        ownedValue = value
        ownedDuty = duty
        ownedNonOriginating = nonOriginating
    }

    /// Points money column `column` at `storage` for the rows in use instead
    /// of copying the values into the block (a decoded INT64 cents column
    /// is the block column already). The next `reset` restores the block's
    /// own storage.
    ///
    /// - Precondition: `storage` holds `count` initialized values and stays
    ///   valid and unchanged until the block has been aggregated.
    /// - Complexity: O(1).
    public func borrow(_ column: MoneyColumn, _ storage: UnsafePointer<Int64>) {
        let pointer = UnsafeMutablePointer(mutating: storage)
        switch column {
        case .value: value = pointer
        case .duty: duty = pointer
        case .nonOriginating: nonOriginating = pointer
        }
    }

    deinit { release() }

    private static func allocate<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    }

    private func release() {
        origin.deallocate()
        partner.deallocate()
        chapter.deallocate()
        ownedValue.deallocate()
        valueStatus.deallocate()
        ownedDuty.deallocate()
        dutyStatus.deallocate()
        ownedNonOriginating.deallocate()
        flags.deallocate()
    }

    /// An independent copy of the rows in use.
    public func copy() -> LineBlock {
        let other = LineBlock()
        other.reset(count: count)
        other.origin.update(from: origin, count: count)
        other.partner.update(from: partner, count: count)
        other.chapter.update(from: chapter, count: count)
        other.value.update(from: value, count: count)
        other.valueStatus.update(from: valueStatus, count: count)
        other.duty.update(from: duty, count: count)
        other.dutyStatus.update(from: dutyStatus, count: count)
        other.nonOriginating.update(from: nonOriginating, count: count)
        other.flags.update(from: flags, count: count)
        return other
    }

    /// Sets the row count and zeroes the code, status and flag columns for the
    /// rows in use. `value`, `duty` and `nonOriginating` are NOT cleared: the
    /// kernel reads them only where `valueStatus`/`dutyStatus` say present or
    /// `Flag.hasNonOriginating` is set, and fills write them exactly there
    /// (saves clearing 24 bytes per line). Storage grows (never shrinks);
    /// pointers change only when it grows.
    ///
    /// - Complexity: O(count).
    public func reset(count newCount: Int) {
        reset(count: newCount, clearingKeys: true)
    }

    /// `reset(count:)`, optionally leaving `origin`, `partner` and `chapter`
    /// uncleared for a caller that writes every row of them.
    ///
    /// - Precondition: with `clearingKeys == false`, the caller writes all
    ///   `newCount` rows of the three key columns before aggregating.
    public func reset(count newCount: Int, clearingKeys: Bool) {
        precondition(newCount >= 0)
        if newCount > capacity {
            release()
            capacity = max(newCount, capacity * 2)
            // Fresh memory is zeroed once so that uncleared columns never hold garbage bits.
            origin = LineBlock.allocate(UInt32.self, capacity)
            partner = LineBlock.allocate(UInt32.self, capacity)
            chapter = LineBlock.allocate(UInt8.self, capacity)
            value = LineBlock.allocate(Int64.self, capacity)
            valueStatus = LineBlock.allocate(UInt8.self, capacity)
            duty = LineBlock.allocate(Int64.self, capacity)
            dutyStatus = LineBlock.allocate(UInt8.self, capacity)
            nonOriginating = LineBlock.allocate(Int64.self, capacity)
            flags = LineBlock.allocate(UInt8.self, capacity)
            value.initialize(repeating: 0, count: capacity)
            duty.initialize(repeating: 0, count: capacity)
            nonOriginating.initialize(repeating: 0, count: capacity)
            (ownedValue, ownedDuty, ownedNonOriginating) = (value, duty, nonOriginating)
        }
        (value, duty, nonOriginating) = (ownedValue, ownedDuty, ownedNonOriginating)
        count = newCount
        if clearingKeys {
            origin.initialize(repeating: 0, count: newCount)
            partner.initialize(repeating: 0, count: newCount)
            chapter.initialize(repeating: 0, count: newCount)
        }
        valueStatus.initialize(repeating: 0, count: newCount)
        dutyStatus.initialize(repeating: 0, count: newCount)
        flags.initialize(repeating: 0, count: newCount)
    }
}
