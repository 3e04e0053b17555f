/// `serial`: one processor, units in order.
enum SerialRunner {
    static func run(_ plan: AggregationPlan) throws -> PartialAggregate {
        let processor = plan.makeProcessor()
        let partial = PartialAggregate()
        let failures = FailureCollector()
        while let unit = plan.units.claim(failures: failures) { try processor.process(unit: unit, into: partial) }
        try failures.throwIfFailed()
        return partial
    }
}
