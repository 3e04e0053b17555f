/// Aligned Markdown tables for terminals.
package enum MarkdownTable {
    /// Renders a header row, a separator and `rows`, padding each column to
    /// its widest cell. `|` in cells is escaped.
    package static func render(header: [String], rows: [[String]]) -> [String] {
        let escapedRows = ([header] + rows).map { $0.map(escape) }
        var widths = Array(repeating: 3, count: header.count)
        for row in escapedRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { index, cell in
                    cell + String(repeating: " ", count: max(widths[index] - cell.count, 0))
                }.joined(separator: " | ") + " |"
        }
        var lines = [line(escapedRows[0])]
        lines.append("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
        for row in escapedRows.dropFirst() { lines.append(line(row)) }
        return lines
    }

    static func escape(_ cell: String) -> String {
        var out = ""
        for character in cell {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` cut to `limit` characters with an ellipsis.
    package static func shorten(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
