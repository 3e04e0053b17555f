import Customs

/// Text inside HTML, SVG and XML documents: the one escaping of each, so
/// no input text becomes markup.
public enum MarkupText {
    /// HTML/SVG text: control characters (C0, DEL, C1) written as `\xNN`
    /// (`KeyText.escapingControls`), then `&`, `<`, `>`, `"`, `'` as
    /// entities, so no input text becomes markup or an invisible byte.
    ///
    /// - Complexity: O(text length).
    public static func html(_ text: String) -> String {
        let visible = KeyText.escapingControls(text)
        var out = ""
        out.reserveCapacity(visible.utf8.count)
        for character in visible {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// XML 1.0 text (the parts of a workbook): `&`, `<`, `>`, `"` escaped;
    /// characters XML 1.0 forbids (control characters other than tab,
    /// newline and carriage return, U+FFFE, U+FFFF) dropped.
    ///
    /// - Complexity: O(text length).
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
