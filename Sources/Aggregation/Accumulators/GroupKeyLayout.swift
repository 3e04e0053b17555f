/// The bit layout of a group key, written once: `origin | partner | eligible
/// | detail` from the high bits down, each field's width named here and every
/// shift and mask derived from the widths. Origin ids start at 1, so key 0
/// marks an empty slot of `GroupTable`.
///
/// The key stays 64 bits (a `GroupTable` slot is one 64-byte cache line: the
/// key and seven Int64 sums, and the shared-atomic strategy claims slots
/// with a 64-bit compare-exchange). Country ids take 16 bits each (the
/// interner refuses a 65,536th distinct key); one bit says whether the
/// line's rate provision makes it eligible (`LineBlock.Flag.eligible`: the
/// eligible measures are the sums of the cells with the bit, so the kernel
/// adds nothing for them); that leaves 31 bits of detail: the HS chapter
/// (0…99), or with breakdowns by period, HS 4–10, program, channel or extra
/// columns, the id of the line's interned tuple of those values (up to 2^31
/// distinct cells), so they need no other packing.
public enum GroupKeyLayout {
    /// The detail of a cell: the HS chapter 1…99 (0 = missing), or a `--by` cell id.
    public static let detailBits = 31
    /// Whether the cell's lines are eligible (one bit above the detail).
    public static let eligibleBits = 1
    /// Interned country ids (`KeyInterner`: 1…65,535; 0 = missing).
    public static let partnerBits = 16
    public static let originBits = 16

    public static let eligibleShift = detailBits
    public static let partnerShift = eligibleShift + eligibleBits
    public static let originShift = partnerShift + partnerBits
    /// The bits a key uses (at most 64).
    public static let usedBits = originShift + originBits

    public static let detailMask: UInt64 = (1 << UInt64(detailBits)) - 1
    /// The eligible bit of a key (`GroupAccumulator.cells` folds it away).
    public static let eligibleBit: UInt64 = 1 << UInt64(eligibleShift)
    public static let partnerMask: UInt64 = (1 << UInt64(partnerBits)) - 1
    public static let originMask: UInt64 = (1 << UInt64(originBits)) - 1
}
