import Aggregation
import Customs
import Testing

/// The kernel's classification on hand-made blocks (docs/semantics.md, Classification).
struct KernelTests {
    struct Line {
        var origin: UInt32 = 1
        var partner: UInt32 = 2
        var chapter: UInt8 = 87
        var value: Int64 = 10_000
        var valueStatus = LineBlock.ValueStatus.present
        var duty: Int64 = 0
        var dutyStatus = LineBlock.ValueStatus.present
        var nonOriginating: Int64 = 0
        var flags: UInt8 = 0
    }

    static func run(_ lines: [Line], byDuty: Bool = true) -> PartialAggregate {
        let block = LineBlock()
        block.reset(count: lines.count)
        block.withColumns { columns in
            for (row, line) in lines.enumerated() {
                columns.origin[row] = line.origin
                columns.partner[row] = line.partner
                columns.chapter[row] = line.chapter
                columns.value[row] = line.value
                columns.valueStatus[row] = line.valueStatus
                columns.duty[row] = line.duty
                columns.dutyStatus[row] = line.dutyStatus
                columns.nonOriginating[row] = line.nonOriginating
                columns.flags[row] = line.flags
            }
        }
        let partial = PartialAggregate()
        Kernel.aggregate(block, configuration: KernelConfiguration(dutyFreeByDuty: byDuty), into: partial)
        return partial
    }

    static func total(_ partial: PartialAggregate) -> Measures {
        var sums = MeasureSums()
        for entry in partial.groups.entries() { sums.add(entry.measures) }
        return sums.exact ?? Measures()
    }

    @Test func rejectionsTakeTheFirstFailingReasonAndFiltersComeFirst() {
        let partial = KernelTests.run([
            Line(origin: 0, partner: 0),  // missing_origin (not partner)
            Line(partner: 0, chapter: HSChapter.missing),  // missing_partner
            Line(chapter: HSChapter.missing, valueStatus: LineBlock.ValueStatus.missing),  // missing_hs
            Line(chapter: HSChapter.bad),  // bad_hs
            Line(valueStatus: LineBlock.ValueStatus.missing),  // missing_value
            Line(valueStatus: LineBlock.ValueStatus.invalid),  // invalid_value
            Line(dutyStatus: LineBlock.ValueStatus.missing),  // missing_duty
            Line(origin: 0, flags: LineBlock.Flag.filtered),  // filtered, never rejected
            Line(),
        ])
        #expect(partial.counts.rejected == [1, 1, 1, 1, 1, 1, 1])
        #expect(partial.counts.linesFiltered == 1)
        #expect(partial.counts.linesAggregated == 1)
        #expect(partial.counts.linesRead == 9)
    }

    /// A line that fails two rules counts once, under the first reason in
    /// `RejectionReason` order, for every pair of rules on different fields;
    /// a filtered line is never rejected, whatever else it fails.
    @Test func everyPairOfFailingRulesTakesTheFirstReason() {
        let failures: [(reason: RejectionReason, field: String, apply: (inout Line) -> Void)] = [
            (.missingOrigin, "origin", { $0.origin = 0 }),
            (.missingPartner, "partner", { $0.partner = 0 }),
            (.missingHS, "hs", { $0.chapter = HSChapter.missing }),
            (.badHS, "hs", { $0.chapter = HSChapter.bad }),
            (.missingValue, "value", { $0.valueStatus = LineBlock.ValueStatus.missing }),
            (.invalidValue, "value", { $0.valueStatus = LineBlock.ValueStatus.invalid }),
            (.missingDuty, "duty", { $0.dutyStatus = LineBlock.ValueStatus.missing }),
        ]
        var pairs = 0
        for (first, a) in failures.enumerated() {
            for b in failures[(first + 1)...] where a.field != b.field {
                var line = Line()
                a.apply(&line)
                b.apply(&line)
                var expected = [Int64](repeating: 0, count: RejectionReason.allCases.count)
                expected[RejectionReason.allCases.firstIndex(of: a.reason) ?? 0] = 1
                let partial = KernelTests.run([line])
                #expect(partial.counts.rejected == expected, "\(a.reason) + \(b.reason)")
                var filtered = line
                filtered.flags |= LineBlock.Flag.filtered
                let filteredPartial = KernelTests.run([filtered])
                #expect(
                    filteredPartial.counts.rejected.allSatisfy { $0 == 0 } && filteredPartial.counts.linesFiltered == 1,
                    "filtered \(a.reason) + \(b.reason)")
                pairs += 1
            }
        }
        #expect(pairs == 19)
    }

    /// The kernel turns flags into masks by bit position (`flags >> 2 & 1`, …).
    @Test func flagBitsAreWhereTheKernelReadsThem() {
        #expect(LineBlock.Flag.filtered == 1 << 0)
        #expect(LineBlock.Flag.preferenceClaimed == 1 << 1)
        #expect(LineBlock.Flag.freeByRule == 1 << 2)
        #expect(LineBlock.Flag.originInRegion == 1 << 3)
        #expect(LineBlock.Flag.hasNonOriginating == 1 << 4)
    }

    /// Every checked sum reports overflow, not only customs value.
    @Test func overflowOfDutyOrPreferenceOrNonRegionalIsReported() {
        let duty = KernelTests.run([Line(value: 1, duty: Int64.max), Line(value: 1, duty: 1)])
        #expect(duty.groups.overflowed)
        let regional = LineBlock.Flag.originInRegion | LineBlock.Flag.hasNonOriginating
        // Customs value stays in range (max, min, max, min) while the preference
        // and non-regional sums (max + max) overflow.
        let preference = KernelTests.run([
            Line(value: Int64.max, flags: LineBlock.Flag.preferenceClaimed), Line(value: Int64.min, flags: regional),
            Line(value: Int64.max, flags: LineBlock.Flag.preferenceClaimed), Line(value: Int64.min, flags: regional),
        ])
        #expect(preference.groups.overflowed)
        let fine = KernelTests.run([Line(value: Int64.max), Line(value: -1)])
        #expect(!fine.groups.overflowed)
    }

    @Test func missingDutyDoesNotRejectWhenProgramsDecide() {
        let partial = KernelTests.run(
            [Line(dutyStatus: LineBlock.ValueStatus.missing, flags: LineBlock.Flag.freeByRule)], byDuty: false)
        #expect(partial.counts.linesAggregated == 1)
        #expect(KernelTests.total(partial).dutyFreeValue == 10_000)
    }

    @Test func nonRegionalContentRules() {
        let regional = LineBlock.Flag.originInRegion
        let withNonOriginating = regional | LineBlock.Flag.hasNonOriginating
        let partial = KernelTests.run([
            Line(),  // non-regional origin, free: 100.00
            Line(duty: 500),  // dutiable: 0
            Line(flags: regional),  // regional, nothing declared: 0
            Line(nonOriginating: 2_500, flags: withNonOriginating),  // 25.00
            Line(nonOriginating: 50_000, flags: withNonOriginating),  // clamped to 100.00
            Line(nonOriginating: -7, flags: withNonOriginating),  // clamped to 0
            Line(value: -1_000, nonOriginating: -300, flags: withNonOriginating),  // within [-10.00, 0]: -3.00
            Line(flags: LineBlock.Flag.preferenceClaimed | regional),  // preference value counted
        ])
        let total = KernelTests.total(partial)
        #expect(total.nonRegionalValue == 10_000 + 2_500 + 10_000 - 300)
        #expect(total.dutyFreeLines == 7)
        #expect(total.duty == 500)
        #expect(total.preferenceValue == 10_000)
        #expect(total.lines == 8)
    }

    @Test func overflowIsReportedNotWrapped() {
        let partial = KernelTests.run([Line(value: Int64.max), Line(value: 1)])
        #expect(partial.groups.overflowed)
    }

    /// Overflow is decided on the exact final sum: an intermediate sum past
    /// Int64 that later lines bring back is exact, in every merge order.
    @Test func anIntermediateOverflowThatComesBackIsExact() {
        let partial = KernelTests.run([Line(value: Int64.max), Line(value: 1), Line(value: -2)])
        #expect(!partial.groups.overflowed)
        #expect(KernelTests.total(partial).customsValue == Int64.max - 1)
        let up = KernelTests.run([Line(value: Int64.max), Line(value: Int64.max)])
        let down = KernelTests.run([Line(value: Int64.min), Line(value: Int64.min + 2)])
        #expect(up.groups.overflowed && down.groups.overflowed)
        up.merge(down)
        #expect(!up.groups.overflowed, "(2·max) + (2·min + 2) = 0 fits")
        #expect(KernelTests.total(up).customsValue == 0)
    }

    @Test func mergeOrderDoesNotMatter() {
        var lines: [Line] = []
        for index in 0..<50 {
            let origin = UInt32(index % 7 + 1)
            let partner = UInt32(index % 3 + 1)
            let chapter = UInt8(index % 5 + 1)
            lines.append(Line(origin: origin, partner: partner, chapter: chapter, value: Int64(index) * 101))
        }
        let a = KernelTests.run(Array(lines[0..<20]))
        let b = KernelTests.run(Array(lines[20...]))
        let c = KernelTests.run(Array(lines[20...]))
        let d = KernelTests.run(Array(lines[0..<20]))
        a.merge(b)
        c.merge(d)
        let sortedA = a.groups.entries().sorted { $0.key < $1.key }.map { "\($0.key):\($0.measures)" }
        let sortedC = c.groups.entries().sorted { $0.key < $1.key }.map { "\($0.key):\($0.measures)" }
        #expect(sortedA == sortedC)
        #expect(a.counts == c.counts)
    }

    @Test func groupKeysRoundTripAtTheirFieldLimits() {
        #expect(GroupKeyLayout.usedBits <= 64)
        #expect(GroupKeyLayout.originShift == GroupKeyLayout.partnerShift + GroupKeyLayout.partnerBits)
        let largest = UInt32((1 << GroupKeyLayout.originBits) - 1)
        for (origin, partner, chapter) in [
            (UInt32(1), UInt32(0), UInt8(0)), (largest, largest, UInt8(99)), (77, 5, 87), (largest, 1, 255),
        ] {
            let key = GroupAccumulator.key(origin: origin, partner: partner, chapter: chapter)
            #expect(key != 0)
            let parts = GroupAccumulator.components(key)
            #expect(parts.origin == origin && parts.partner == partner && parts.detail == UInt32(chapter))
        }
        // Today's packing, bit for bit (partials and the tables' order do not depend on it, but a change is
        // deliberate).
        #expect(GroupAccumulator.key(origin: 1, partner: 2, chapter: 3) == 1 << 48 | 2 << 32 | 3)
        // Room for the breakdowns: 31 bits of detail and the eligible bit below two 16-bit country ids, in one
        // 64-bit key.
        #expect(GroupKeyLayout.detailBits == 31 && GroupKeyLayout.eligibleShift == 31 && GroupKeyLayout.usedBits == 64)
        let widest = GroupAccumulator.key(origin: largest, partner: largest, detail: UInt32.max)
        #expect(GroupAccumulator.components(widest) == (largest, largest, UInt32.max >> 1))
        #expect(widest & GroupKeyLayout.eligibleBit != 0)
    }

    /// The eligible and other lines of a cell are two table cells; `cells()` folds them into one row whose
    /// eligible measures are the eligible cell's value and preference value, and refuses a sum past Int64.
    @Test func eligibleCellsFoldIntoOneRow() {
        let accumulator = GroupAccumulator()
        var table = accumulator.table
        let plain = GroupAccumulator.key(origin: 1, partner: 2, chapter: 87)
        let eligible = plain | GroupKeyLayout.eligibleBit
        table.add(
            Measures(
                lines: 1, customsValue: 300, duty: 0, dutyFreeLines: 1, dutyFreeValue: 300,
                preferenceValue: 100, nonRegionalValue: 0), at: table.slot(for: plain))
        table.add(
            Measures(
                lines: 2, customsValue: 500, duty: 7, dutyFreeLines: 0, dutyFreeValue: 0,
                preferenceValue: 400, nonRegionalValue: 0, dutiableValue: 500), at: table.slot(for: eligible))
        accumulator.table = table
        let cells = accumulator.cells()
        #expect(cells?.count == 1 && cells?.first?.key == plain)
        #expect(
            cells?.first?.measures
                == Measures(
                    lines: 3, customsValue: 800, duty: 7, dutyFreeLines: 1,
                    dutyFreeValue: 300, preferenceValue: 500, nonRegionalValue: 0, dutiableValue: 500,
                    eligibleValue: 500,
                    eligiblePreferenceValue: 400))
        var full = accumulator.table
        full.add(
            Measures(
                lines: 1, customsValue: .max - 300, duty: 0, dutyFreeLines: 0, dutyFreeValue: 0,
                preferenceValue: 0, nonRegionalValue: 0), at: full.slot(for: plain))
        accumulator.table = full
        #expect(!accumulator.overflowed && accumulator.cells() == nil)
    }
}
