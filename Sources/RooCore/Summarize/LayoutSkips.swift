import Delimited
import Layouts
import Synchronization

/// Records of one text input that a layout leaves out of the lines
/// (malformed records, and records its keep rule drops), counted across
/// workers for one notice line.
final class LayoutSkips: Sendable {
    private struct Counts {
        var malformed = 0
        var firstMalformation: (line: Int, reason: String)?
        var dropped = 0
    }

    private let counts = Mutex(Counts())
    /// What the keep rule drops (`Layout.Keep.meaning`).
    let meaning: String?

    init(meaning: String?) { self.meaning = meaning }

    /// Adds what `parser` skipped in its last parse.
    func add(_ parser: any RecordChunkParser) {
        let layout = parser as? LayoutChunkParser
        let malformed = layout?.malformedDropped ?? 0
        let first = layout?.firstMalformation
        let dropped = parser.skipped
        guard malformed > 0 || dropped > 0 else { return }
        counts.withLock { counts in
            counts.malformed += malformed
            counts.dropped += dropped
            if let first, counts.firstMalformation.map({ first.line < $0.line }) ?? true { counts.firstMalformation = first }
        }
    }

    /// `path: 2 malformed records skipped (first at line 7: …); 3 records skipped: …`, or nil.
    func notice(path: String) -> String? {
        let counts = counts.withLock { $0 }
        var parts: [String] = []
        if counts.malformed > 0 {
            var part = "\(counts.malformed) malformed record\(counts.malformed == 1 ? "" : "s") skipped"
            if let first = counts.firstMalformation { part += " (first at line \(first.line): \(first.reason))" }
            parts.append(part)
        }
        if counts.dropped > 0 {
            parts.append("\(counts.dropped) record\(counts.dropped == 1 ? "" : "s") skipped: \(meaning ?? "not kept by the layout")")
        }
        return parts.isEmpty ? nil : "\(path): " + parts.joined(separator: "; ")
    }
}
