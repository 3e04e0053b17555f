/// `serial`: one processor, units in order.
enum SerialRunner {
    static func run(_ plan: AggregationPlan) throws -> PartialAggregate {
        let processor = plan.makeProcessor()
        let partial = PartialAggregate()
        for unit in 0..<plan.unitCount { try processor.process(unit: unit, into: partial) }
        return partial
    }
}
