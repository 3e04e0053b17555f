import Customs

/// Markdown for terminals and files: aligned tables and inline text, with
/// every text from an input made safe first (`MarkdownTable.cell`).
public enum MarkdownTable {
    /// A cell's text: control characters (a line break, an ESC that would
    /// drive the terminal) written as `\xNN` (`KeyText.escapingControls`),
    /// and `|` escaped, so a cell never breaks its table or reaches a
    /// terminal raw.
    ///
    /// - Complexity: O(text length).
    public static func cell(_ text: String) -> String {
        KeyText.escapingControls(text).replacing("|", with: "\\|")
    }

    /// Text from an input inside a Markdown line (a list item, a heading):
    /// control characters written as `\xNN`.
    public static func inline(_ text: String) -> String { KeyText.escapingControls(text) }

    /// A header row, a separator and `rows`, each column padded to its
    /// widest cell (at least 3); cells are escaped (`cell`). Columns whose
    /// index is in `rightAligned` are padded on the left and marked `--:`.
    ///
    /// - Complexity: O(total cell length).
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        let escaped = ([header] + rows).map { $0.map(cell) }
        var widths = Array(repeating: 3, count: header.count)
        for row in escaped {
            for (index, text) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], text.count)
            }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, text in
                let fill = String(
                    repeating: " ", count: max((index < widths.count ? widths[index] : 0) - text.count, 0))
                return rightAligned.contains(index) ? fill + text : text + fill
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let separator = widths.enumerated().map { index, width in
            rightAligned.contains(index)
                ? String(repeating: "-", count: width + 1) + ":" : String(repeating: "-", count: width + 2)
        }
        var lines = [line(escaped[0]), "|" + separator.joined(separator: "|") + "|"]
        for row in escaped.dropFirst() { lines.append(line(row)) }
        return lines
    }

    /// `text` cut to `limit` characters with an ellipsis.
    public static func shorten(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
