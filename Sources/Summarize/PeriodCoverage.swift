import Parquet

/// The months the inputs cover, for the headline and the notes ("in 2024"):
/// Parquet inputs from the period column's footer statistics (min and max of
/// every row group read, nothing decoded), text inputs from the period values
/// read; clamped to `--from/--to`. Unknown (nil) when an input has no period
/// column or a row group no statistics.
enum PeriodCoverage {
    /// - Parameter textMonths: nil when there is no text input; `.some(nil)`
    ///   when text inputs were read without a readable period.
    static func covered(
        bindings: [FileBinding], textMonths: ClosedRange<Int>??, options: SummarizeOptions
    ) -> ClosedRange<Int>? {
        var union: ClosedRange<Int>?
        func add(_ range: ClosedRange<Int>) {
            union = union.map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) } ?? range
        }
        for binding in bindings {
            guard let range = parquetMonths(binding, rowGroups: options.rowGroups) else { return nil }
            add(range)
        }
        if let textMonths {
            guard let range = textMonths else { return nil }
            add(range)
        }
        guard let covered = union else { return nil }
        // --compare keeps the months of its two periods: the span from the earlier to the later.
        let kept = options.compare.map { compare in
            let months = compare.months
            return min(months[0].lowerBound, months[1].lowerBound)...max(months[0].upperBound, months[1].upperBound)
        }
        let first = max(covered.lowerBound, options.from ?? kept?.lowerBound ?? Int.min)
        let last = min(covered.upperBound, options.to ?? kept?.upperBound ?? Int.max)
        return first <= last ? first...last : nil
    }

    /// Min and max month of a Parquet input's period column, from statistics.
    static func parquetMonths(_ binding: FileBinding, rowGroups: Range<Int>?) -> ClosedRange<Int>? {
        guard let bound = binding.columns[.period] else { return nil }
        let file = binding.file
        let groups = rowGroups.map { $0.clamped(to: 0..<file.rowGroupCount) } ?? 0..<file.rowGroupCount
        var union: ClosedRange<Int>?
        for group in groups {
            let chunk = file.metadata.rowGroups[group].columns[bound.index]
            guard let meta = chunk.metaData else { return nil }
            if meta.numValues == 0 { continue }
            guard let stats = meta.statistics, let low = stats.effectiveMin, let high = stats.effectiveMax,
                let low = month(low, kind: bound.kind), let high = month(high, kind: bound.kind), low <= high
            else { return nil }
            // Integer years (2023) sort below every YYYYMM: a mix's min and max are no month range.
            guard PeriodText.isYearOnly(low) == PeriodText.isYearOnly(high) else { return nil }
            let (first, last) = (PeriodText.span(low).lowerBound, PeriodText.span(high).upperBound)
            union = union.map { min($0.lowerBound, first)...max($0.upperBound, last) } ?? first...last
        }
        return union
    }

    /// The month of a PLAIN-encoded statistics value.
    ///
    /// Safe because: the loop iterates the array by element after the guard
    /// allowed 4 or 8 bytes (shifts up to 56); text is read by
    /// `PeriodText.month(text:)` inside `withUnsafeBytes`, which does not
    /// keep the pointer.
    static func month(_ bytes: [UInt8], kind: SourceKind) -> Int? {
        switch kind {
        case .integer, .date:
            guard bytes.count == 4 || bytes.count == 8 else { return nil }
            var value: Int64 = 0
            for (index, byte) in bytes.enumerated() { value |= Int64(byte) << (8 * index) }
            if bytes.count == 4 { value = Int64(Int32(truncatingIfNeeded: value)) }
            return kind == .date ? PeriodText.month(daysSinceEpoch: value) : PeriodText.month(integer: value)
        case .text:
            return bytes.withUnsafeBytes { PeriodText.month(text: $0) }
        default:
            return nil
        }
    }
}
