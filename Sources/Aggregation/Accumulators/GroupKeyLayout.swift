/// The bit layout of a group key, written once: `origin | partner | detail`
/// from the high bits down, each field's width named here and every shift
/// and mask derived from the widths. Origin ids start at 1, so key 0 marks
/// an empty slot of `GroupTable`.
///
/// The key stays 64 bits (a `GroupTable` slot is one 64-byte cache line: the
/// key and seven Int64 measures, and the shared-atomic strategy claims slots
/// with a 64-bit compare-exchange). Country ids take 16 bits each (the
/// interner refuses a 65,536th distinct key), which leaves 32 bits of
/// detail: today the HS chapter (0…99); with breakdowns by period, HS 4–10,
/// program, channel or extra columns, the id of the line's interned tuple of
/// those values (up to 2^32 distinct cells), so they need no other packing.
public enum GroupKeyLayout {
    /// The detail of a cell: the HS chapter 1…99 (0 = missing) today.
    public static let detailBits = 32
    /// Interned country ids (`KeyInterner`: 1…65,535; 0 = missing).
    public static let partnerBits = 16
    public static let originBits = 16

    public static let partnerShift = detailBits
    public static let originShift = partnerShift + partnerBits
    /// The bits a key uses (at most 64).
    public static let usedBits = originShift + originBits

    public static let detailMask: UInt64 = (1 << UInt64(detailBits)) - 1
    public static let partnerMask: UInt64 = (1 << UInt64(partnerBits)) - 1
    public static let originMask: UInt64 = (1 << UInt64(originBits)) - 1
}
