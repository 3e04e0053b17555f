import Customs
import Parquet
import Reports

/// The notes of a mirror run: what each side read and how, and the comparison's settings.
package enum MirrorNotes {
    package static func make(_ options: MirrorOptions) -> [(String, Cell)] {
        func side(_ side: MirrorOptions.Side, _ role: String) -> [(String, Cell)] {
            var notes: [(String, Cell)] = [(role + " inputs", .text(side.inputs.joined(separator: ", ")))]
            if let layout = side.layout {
                notes.append((role + " layout", .text(layout.name + (layout.basisNote.map { ", " + $0 } ?? ""))))
            }
            if let codes = side.countryCodes ?? side.layout?.countryCodes {
                notes.append((role + " country codes", .text(codes.rawValue)))
            }
            if let reporter = side.reporter { notes.append((role + " reporter", .text(reporter))) }
            return notes
        }
        var notes = side(options.upstream, "upstream")
        notes.append(("upstream lines", .text("origin \(options.upstream.country)")))
        notes += side(options.downstream, "downstream")
        notes.append(("downstream lines", .text("partner (shipped from) \(options.downstream.country)")))
        notes += [
            ("hs level", .integer(Int64(options.hsLevel))),
            ("base year", .text(String(options.base))), ("target year", .text(String(options.year))),
            ("threshold", .text(options.threshold.text)),
            ("currency", .text("USD (customs value as each side declares it)")),
            ("roo version", .text(RooVersion.current)),
        ]
        return notes
    }
}
