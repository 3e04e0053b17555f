/// One worker's (or the merged) result: group cells plus line counts.
public final class PartialAggregate {
    public let groups: GroupAccumulator
    public var counts = LineCounts()

    public init() { groups = GroupAccumulator() }

    /// Adds `other` into `self`. Integer sums are exact, so the merged result
    /// is the same in every merge order.
    public func merge(_ other: PartialAggregate) {
        groups.merge(other.groups)
        counts.add(other.counts)
    }
}
