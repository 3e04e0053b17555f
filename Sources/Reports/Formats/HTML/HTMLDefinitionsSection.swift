/// "How to read this": every term of the report with its meaning, from
/// `Definitions.terms` (the one place they are written).
enum HTMLDefinitionsSection {
    /// The section.
    ///
    /// - Complexity: O(terms).
    static func render() -> String {
        let e = HTMLText.escaped
        return "<section id=\"how-to-read\">\n<h2>How to read this</h2>\n<dl class=\"terms\">\n"
            + Definitions.terms.map { "<div><dt>\(e($0.term))</dt><dd>\(e($0.meaning))</dd></div>\n" }.joined()
            + "</dl>\n</section>\n"
    }
}
