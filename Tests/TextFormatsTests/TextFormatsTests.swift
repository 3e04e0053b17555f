import Foundation
import Testing
import TextFormats

/// The one escaping of each text format, checked against what a reader of
/// that format makes of it (Foundation's JSON parser) and against hand-made
/// expectations.
struct TextFormatsTests {
    static let hostile = [
        "plain", "quote \" and \\ back", "line\nbreak\r\tend", "esc \u{1B}[31m bel \u{07}", "Åland 日本", "",
    ]

    @Test(arguments: hostile)
    func jsonStringsReadBackAsTheText(text: String) throws {
        let literal = JSONText.quoted(text)
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 }, "raw control in \(literal)")
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func jsonEscapesAsRFC8259Says() {
        #expect(JSONText.quoted("a\"b\\c\n\u{01}") == #""a\"b\\c\n\u0001""#)
    }

    @Test func markdownCellsNeverBreakTheTableOrReachTheTerminalRaw() {
        #expect(MarkdownTable.cell("a|b\nc\u{1B}") == "a\\|b\\x0Ac\\x1B")
        #expect(MarkdownTable.inline("x\u{07}y") == "x\\x07y")
        let lines = MarkdownTable.render(
            header: ["name", "n"], rows: [["a|b", "7"], ["long name", "12345"]], rightAligned: [1])
        #expect(
            lines == [
                "| name      |     n |",
                "|-----------|------:|",
                "| a\\|b      |     7 |",
                "| long name | 12345 |",
            ])
        #expect(MarkdownTable.shorten("abcdef", limit: 4) == "abc…")
    }

    @Test func markupTextBecomesNoMarkup() {
        #expect(MarkupText.html("<img src=x onerror='a'>&\u{1B}") == "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;\\x1B")
        // XML 1.0 forbids most control characters: dropped; tab and line breaks kept.
        #expect(MarkupText.xml("a<b>&\"c\"\u{01}\t\n") == "a&lt;b&gt;&amp;&quot;c&quot;\t\n")
    }

    @Test func delimitedFieldsQuoteOnBytesAndGuardFormulas() {
        var out: [UInt8] = []
        DelimitedText.appendCSVField(Array("a\r\nb,\"c\"".utf8), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\r\nb,\"\"c\"\"\"")
        out = []
        DelimitedText.appendCSVField(Array("plain".utf8), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "plain")
        #expect(String(decoding: DelimitedText.guardedFormula(Array("=SUM(A1)".utf8)), as: UTF8.self) == "'=SUM(A1)")
    }

    /// Text cells are guarded and quoted in place (`appendGuardedField`): the same bytes as the
    /// field of the guarded copy, for CSV and TSV, on every mix of separators, quotes, line
    /// breaks, formula starts and non-ASCII text.
    @Test func guardedFieldsInPlaceEqualTheGuardedCopy() {
        let pieces = ["a", ",", "\"", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", "É", "'", " ", "1.5"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            for separator in [UInt8(ascii: ","), 0x09] {
                var inPlace: [UInt8] = []
                DelimitedText.appendGuardedField(text, separator: separator, to: &inPlace)
                var copied: [UInt8] = []
                let guarded = DelimitedText.guardedFormula(Array(text.utf8))
                if separator == 0x09 {
                    DelimitedText.appendTSVField(guarded, to: &copied)
                } else {
                    DelimitedText.appendCSVField(guarded, to: &copied)
                }
                #expect(inPlace == copied, "\(text.debugDescription)")
            }
        }
    }
}
