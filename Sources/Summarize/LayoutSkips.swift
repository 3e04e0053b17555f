import Customs
import Delimited
import Layouts
import RooSupport
import Synchronization

/// Records of one text input that a layout leaves out of the lines
/// (malformed records, and records its keep rule drops), counted across
/// workers for one notice line.
final class LayoutSkips: Sendable {
    private struct Counts {
        /// Records parsed (lines).
        var records = 0
        var malformed = 0
        var firstMalformation: (line: Int, reason: String)?
        var dropped = 0
        /// Distinct values of the layout's single-valued field (at most 4).
        var singleValues: Set<[UInt8]> = []
    }

    private let counts = Mutex(Counts())
    /// What the keep rule drops (`Layout.Keep.meaning`).
    let meaning: String?

    init(meaning: String?) { self.meaning = meaning }

    /// Adds what `parser` skipped in its last parse, which gave `records` records.
    func add(_ parser: any RecordChunkParser, records: Int) {
        let layout = parser as? LayoutChunkParser
        let malformed = layout?.malformedDropped ?? 0
        let first = layout?.firstMalformation
        let dropped = parser.skipped
        let single = layout?.singleValues ?? []
        counts.withLock { counts in
            for value in single where counts.singleValues.count < 4 { counts.singleValues.insert(value) }
            counts.records += records
            counts.malformed += malformed
            counts.dropped += dropped
            if let first, counts.firstMalformation.map({ first.line < $0.line }) ?? true {
                counts.firstMalformation = first
            }
        }
    }

    /// Throws when malformed records are all the input holds: the file is
    /// not in the layout (a wrong `--layout` or delimiter), not an empty extract.
    func requireSomeRecord(path: String, layout: String) throws {
        let counts = counts.withLock { $0 }
        guard counts.records == 0, counts.dropped == 0, counts.malformed > 0 else { return }
        var message = "\(path): no record fits layout \(layout) (\(Plural.count(counts.malformed, "malformed record"))"
        if let first = counts.firstMalformation { message += "; first at line \(first.line): \(first.reason)" }
        throw RooError(.dataError, message + ")")
    }

    /// Throws when the layout's single-valued field holds several values in this input.
    func requireSingleValue(path: String, layout: Layout) throws {
        guard let rule = layout.singleValued else { return }
        let values = counts.withLock { $0.singleValues }
        guard values.count > 1 else { return }
        let shown = values.sorted { $0.lexicographicallyPrecedes($1) }.map { KeyText.display($0) }
        throw RooError(
            .dataError,
            "\(path): \(rule.field[0]) holds \(shown.joined(separator: ", "))\(values.count == 4 ? ", …" : ""): "
                + rule.why)
    }

    /// `path: 2 malformed records skipped (first at line 7: …); 3 records skipped: …`, or nil.
    func notice(path: String) -> String? {
        let counts = counts.withLock { $0 }
        var parts: [String] = []
        if counts.malformed > 0 {
            var part = "\(Plural.count(counts.malformed, "malformed record")) skipped"
            if let first = counts.firstMalformation { part += " (first at line \(first.line): \(first.reason))" }
            parts.append(part)
        }
        if counts.dropped > 0 {
            parts.append("\(Plural.count(counts.dropped, "record")) skipped: \(meaning ?? "not kept by the layout")")
        }
        return parts.isEmpty ? nil : "\(path): " + parts.joined(separator: "; ")
    }
}
