extension Layout {
    /// The delimited layout of the catalog that reads a file with this
    /// header (every required column found among `header`), if any: for
    /// telling a user which `--layout` a file needs.
    ///
    /// - Complexity: O(layouts × columns × header fields).
    public static func recognizing(header: [String]) -> Layout? {
        catalog.first { layout in
            guard case .delimited = layout.format else { return false }
            return (try? LayoutPlan(layout: layout, sourceNames: header, path: "")) != nil
        }
    }

    /// The field names of a JSON array of rows whose start is `sample` (its
    /// header row read whole), and the JSON-rows layout of the catalog that
    /// reads them, if any; nil when `sample` starts no such array.
    public static func recognizing(jsonRowsSample sample: [UInt8]) -> (names: [String], layout: Layout?)? {
        guard let names = try? sample.withUnsafeBytes({ try JSONRows.header($0).names }) else { return nil }
        let layout = catalog.first { layout in
            guard case .jsonRows = layout.format else { return false }
            return (try? LayoutPlan(layout: layout, sourceNames: names, path: "")) != nil
        }
        return (names, layout)
    }

    /// The fixed-width layout of the catalog whose records are
    /// `recordBytes` long (line end not counted), if any.
    public static func recognizing(recordBytes: Int) -> Layout? {
        catalog.first { layout in
            guard case let .fixedWidth(length, _) = layout.format else { return false }
            return length == recordBytes
        }
    }

    /// The layout of the catalog that reads the ZIP member `name` (its file
    /// name, compared case-insensitively), if any.
    public static func recognizing(zipMember name: String) -> Layout? {
        let file = (name.split(separator: "/").last.map(String.init) ?? name).lowercased()
        return catalog.first { $0.zipMember?.lowercased() == file }
    }
}
