import TestSupport
import Testing

@testable import Delimited

/// The workbook reader's parts: the XML scanner, cell references and number text, a sheet written as
/// CSV, and hostile bytes.
@Suite struct WorkbookTests {
    func events(_ xml: String) throws(XMLScanner.Failure) -> [XMLScanner.Event] {
        var scanner = XMLScanner(Array(xml.utf8))
        var events: [XMLScanner.Event] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }

    @Test func theScannerReadsTagsAttributesTextAndReferences() throws {
        let read = try events(
            "<?xml version=\"1.0\"?><!-- c --><x:row r='3' x:spans=\"1:2\"><c/>A &amp; B &#x41;&#66;"
                + "<![CDATA[<raw>]]></x:row>")
        #expect(
            read == [
                .start(name: "row", attributes: ["r": "3", "spans": "1:2"], isEmpty: false),
                .start(name: "c", attributes: [:], isEmpty: true), .text("A & B AB"), .text("<raw>"),
                .end(name: "row"),
            ])
        for bad in ["<row", "<row a=1>", "<!DOCTYPE x>", "a &bogus; b", "<!-- never", "</row", "<row a=\"x>"] {
            #expect(throws: XMLScanner.Failure.self, "\(bad)") { _ = try events(bad) }
        }
    }

    @Test func cellReferencesAndNumbersAreReadAsTheSheetMeansThem() throws {
        #expect(try SheetCSVWriter.column("A1") == 0 && SheetCSVWriter.column("Z9") == 25)
        #expect(try SheetCSVWriter.column("AA1") == 26 && SheetCSVWriter.column("XFD1048576") == 16_383)
        for bad in ["XFE1", "1A", "A", "", "a1", "AAAA1", "A1B"] {
            #expect(throws: DelimitedError.self, "\(bad)") { _ = try SheetCSVWriter.column(bad) }
        }
        let numbers = [
            "1.5E+3": "1500", "2E-2": "0.02", "708114993.92999995": "708114993.93", "2018": "2018", "2018.0": "2018",
            "-0.5": "-0.5", "1e16": "10000000000000000", "12345678901234.57": "12345678901234.57", "0": "0",
            "abc": "abc", "1E999": "1E999",
        ]
        for (stored, shown) in numbers { #expect(SheetCSVWriter.numberText(stored) == shown, "\(stored)") }
    }

    /// A sheet's rows as CSV: cells placed by reference, rows padded to the widest, shared strings and
    /// inline strings, text with commas and quotes quoted, booleans and errors as Excel shows them.
    @Test func aSheetIsWrittenAsCSV() throws {
        let xml = """
            <worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c>\
            </row><row r="2"><c r="B2" t="s"><v>1</v></c><c r="D2"><v>2.5E1</v></c></row><row r="4"/>\
            <row><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>
            """
        var measure = SheetCSVWriter(strings: ["Data Type", "Korea, \"South\""], width: 0)
        for event in try events(xml) { try measure.take(event) }
        var writer = SheetCSVWriter(strings: ["Data Type", "Korea, \"South\""], width: measure.widest)
        for event in try events(xml) { try writer.take(event) }
        #expect(
            String(decoding: writer.pending, as: UTF8.self)
                == "Data Type,,x,\n,\"Korea, \"\"South\"\"\",,25\n,,,\nTRUE,#N/A,,\n")
        var bad = SheetCSVWriter(strings: [], width: 0)
        #expect(throws: DelimitedError.self) {
            for event in try events("<row><c t=\"s\"><v>7</v></c></row>") { try bad.take(event) }
        }
    }

    /// Hostile sheet XML: random bytes and random cuts and flips of a real sheet end in an error or CSV text.
    @Test func hostileSheetsNeverTrap() {
        let sheet = Array(
            ("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\"><v>1.5E3</v></c></row>"
                + "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>a&amp;b</t></is></c></row></sheetData></worksheet>")
                .utf8)
        var generator = SplitMix64(state: 2026)
        for round in 0..<20_000 {
            var bytes = sheet
            if round % 3 == 0 {
                bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let at = Int(generator.next() % UInt64(bytes.count))
                    let alphabet = Array("<>/=\"'&;#xA1 ".utf8)
                    bytes[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
            }
            bytes.withUnsafeBytes { FuzzEntryPoints.sheetXML($0) }
        }
    }
}
