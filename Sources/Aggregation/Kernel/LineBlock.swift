import Customs

/// A block of classified lines as integer codes (struct of arrays), ready
/// for the kernel. Built by the binding layer, reused across work units.
///
/// Codes: `origin`/`partner` are interned key ids (0 = missing); `chapter`
/// uses `HSChapter.missing`/`.bad`; statuses use `ValueStatus`.
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

    public private(set) var count = 0
    public var origin: [UInt32] = []
    public var partner: [UInt32] = []
    public var chapter: [UInt8] = []
    public var value: [Int64] = []
    public var valueStatus: [UInt8] = []
    public var duty: [Int64] = []
    public var dutyStatus: [UInt8] = []
    public var nonOriginating: [Int64] = []
    public var flags: [UInt8] = []

    public init() {}

    /// Sets the row count; arrays grow (never shrink) and new slots are zero.
    /// Every array is reset to zero codes for the rows in use.
    ///
    /// - Complexity: O(count).
    public func reset(count newCount: Int) {
        count = newCount
        func prepare<T: FixedWidthInteger>(_ array: inout [T]) {
            if array.count < newCount { array.append(contentsOf: repeatElement(0, count: newCount - array.count)) }
            array.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress?.update(repeating: 0, count: newCount)
            }
        }
        prepare(&origin)
        prepare(&partner)
        prepare(&chapter)
        prepare(&value)
        prepare(&valueStatus)
        prepare(&duty)
        prepare(&dutyStatus)
        prepare(&nonOriginating)
        prepare(&flags)
    }
}
