/// The bit layout of a group key, written once: `origin | partner | chapter`
/// from the high bits down, each field's width named here and every shift
/// and mask derived from the widths. Origin ids start at 1, so key 0 marks
/// an empty slot of `GroupTable`.
///
/// Today the key uses 56 of its 64 bits; breakdowns by period, HS 4–10,
/// program or extra columns need more than the 8 left, so they need a wider
/// key, not a new packing of this one.
public enum GroupKeyLayout {
    /// HS chapter 1…99 (0 = missing).
    public static let chapterBits = 8
    /// Interned country ids (`KeyInterner`: below 2^24).
    public static let partnerBits = 24
    public static let originBits = 24

    public static let partnerShift = chapterBits
    public static let originShift = partnerShift + partnerBits
    /// The bits a key uses (at most 64).
    public static let usedBits = originShift + originBits

    public static let chapterMask: UInt64 = (1 << UInt64(chapterBits)) - 1
    public static let partnerMask: UInt64 = (1 << UInt64(partnerBits)) - 1
    public static let originMask: UInt64 = (1 << UInt64(originBits)) - 1
}
