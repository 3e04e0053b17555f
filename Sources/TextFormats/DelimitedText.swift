/// Fields of delimited text (CSV, TSV) and the spreadsheet formula guard,
/// all on bytes: every format that writes delimited text goes through here,
/// so quoting and guarding cannot disagree between them. (On `String`,
/// `"\r\n"` is one `Character` equal to neither `"\r"` nor `"\n"`, so a
/// character-level check lets a CRLF through unquoted.)
public enum DelimitedText {
    /// Appends `field` as an RFC 4180 CSV field: quoted (with `"` doubled)
    /// when it holds `,`, `"`, CR or LF, else as it is.
    ///
    /// - Complexity: O(field.count).
    public static func appendCSVField(_ field: [UInt8], to out: inout [UInt8]) {
        field.withUnsafeBufferPointer { appendCSVField($0, to: &out) }
    }

    /// `appendCSVField` of bytes in memory (a `String`'s UTF-8, without copying it first).
    public static func appendCSVField(_ field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendCSVField(field, prefix: nil, to: &out)
    }

    /// `appendCSVField` of `prefix` (if any) followed by `field`: inside the quotes when the field needs them.
    ///
    /// Safe because: the loops iterate `field` itself, never past its count; no pointer is kept.
    private static func appendCSVField(_ field: UnsafeBufferPointer<UInt8>, prefix: UInt8?, to out: inout [UInt8]) {
        let needsQuotes = field.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0a || $0 == 0x0d
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        if let prefix { out.append(prefix) }
        guard needsQuotes else {
            out.append(contentsOf: field)
            return
        }
        for byte in field {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `field` as a TSV field: TSV has no quoting, so tabs and line
    /// breaks inside it become spaces.
    public static func appendTSVField(_ field: [UInt8], to out: inout [UInt8]) {
        field.withUnsafeBufferPointer { appendTSVField($0, to: &out) }
    }

    /// `appendTSVField` of bytes in memory.
    ///
    /// Safe because: the loop iterates `field` itself, never past its count; no pointer is kept.
    public static func appendTSVField(_ field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in field { out.append(byte == 0x09 || byte == 0x0a || byte == 0x0d ? 0x20 : byte) }
    }

    /// Appends `text` as one field of CSV (`separator` `,`) or TSV (a tab), guarded as
    /// `guardedFormula` guards it: the same bytes as `appendCSVField(guardedFormula(…))`
    /// (the `'` added never needs quoting), without copying the text.
    ///
    /// - Complexity: O(text's UTF-8 count).
    public static func appendGuardedField(_ text: String, separator: UInt8, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // The guard is a quote mark, which needs no quoting itself (`startsFormula` excludes it).
            let guardMark = bytes.first.map(startsFormula) == true ? UInt8(ascii: "'") : nil
            if separator == 0x09 {
                if let guardMark { out.append(guardMark) }
                appendTSVField(bytes, to: &out)
            } else {
                appendCSVField(bytes, prefix: guardMark, to: &out)
            }
        }
    }

    /// Whether text starting with `byte` could be read as a formula by a
    /// spreadsheet: `=`, `+`, `-`, `@`, tab, CR or LF (OWASP CSV injection).
    public static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0d, 0x0a: true
        default: false
        }
    }

    /// `text` with a leading `'` when it starts like a formula, so that a
    /// spreadsheet shows it as text (`=HYPERLINK(…)` → `'=HYPERLINK(…)`).
    public static func guardedFormula(_ text: [UInt8]) -> [UInt8] {
        guard let first = text.first, startsFormula(first) else { return text }
        return [UInt8(ascii: "'")] + text
    }
}
