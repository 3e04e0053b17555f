extension CSVDialect {
    /// Candidates of `detect(sample:)`, in tie-breaking order.
    public static let detectionCandidates: [CSVDialect] = [.comma, .semicolon, .tab, .pipe]
    /// Records of the sample that `detect(sample:)` looks at.
    public static let detectionRecordCountMax = 20

    /// Guesses the delimiter of a sample from the start of a file.
    ///
    /// The rule: for each candidate `,` `;` tab `|`, split the sample into
    /// records with that candidate (an LF outside quotes ends a record,
    /// exactly as the parser does) and count the candidate outside quotes in
    /// each of the first `detectionRecordCountMax` non-empty records. Only
    /// records ended by an LF count, unless the sample holds none (then its
    /// text is one record). A candidate's *consistency* is the number of
    /// records that share its most frequent non-zero count. The candidate with
    /// the highest consistency wins; ties go to the earlier candidate, so
    /// comma wins a tie, and comma is also the answer when no candidate
    /// occurs at all. The quote is always `"`.
    ///
    /// - Parameter sample: the first bytes of the input, BOM removed.
    /// - Returns: the chosen dialect.
    /// - Complexity: O(`sample.count`) for each of the 4 candidates, stopping
    ///   after `detectionRecordCountMax` records.
    public static func detect(sample: UnsafeRawBufferPointer) -> CSVDialect {
        var best = CSVDialect.comma
        var bestConsistency = 0
        // Safe because: `sample` is read only by `delimiterCountsPerRecord`, which iterates it with
        // `for byte in sample` and so never reads past `sample.count`.
        for candidate in detectionCandidates {
            let counts = delimiterCountsPerRecord(sample, dialect: candidate)
            let consistency = consistencyOf(counts)
            if consistency > bestConsistency {
                best = candidate
                bestConsistency = consistency
            }
        }
        return best
    }

    /// Delimiters outside quotes in each non-empty record of `sample`.
    static func delimiterCountsPerRecord(_ sample: UnsafeRawBufferPointer, dialect: CSVDialect) -> [Int] {
        var counts: [Int] = []
        var state = FieldState.fieldStart
        var delimiterCount = 0
        var hasContent = false
        // Safe because: the loop iterates the buffer itself (`for byte in sample`), never past `sample.count`.
        for byte in sample {
            if byte == ByteValue.lineFeed, state != .quoted {
                if hasContent { counts.append(delimiterCount) }
                if counts.count == detectionRecordCountMax { return counts }
                (state, delimiterCount, hasContent) = (.fieldStart, 0, false)
                continue
            }
            if byte == dialect.delimiter, state != .quoted { delimiterCount += 1 }
            if byte != ByteValue.carriageReturn { hasContent = true }
            state = state.next(byte, delimiter: dialect.delimiter, quote: dialect.quote)
        }
        if counts.isEmpty, hasContent { counts.append(delimiterCount) }
        return counts
    }

    /// How many counts equal the most frequent non-zero count (0 if none).
    static func consistencyOf(_ counts: [Int]) -> Int {
        var frequency: [Int: Int] = [:]
        for count in counts where count > 0 { frequency[count, default: 0] += 1 }
        var best = 0
        for (_, occurrences) in frequency where occurrences > best { best = occurrences }
        return best
    }
}
