import Customs

/// Sums by key and the order of table rows, shared by every keyed table.
extension SummaryTable {
    /// Sums of `groups` by `key` (of a group's index: no group is copied). Keys are compared by their bytes, as the
    /// interner does (Swift `String` equality would merge canonically
    /// equivalent spellings such as `É` and `E` + U+0301).
    /// Sums are exact (`MeasureSums`): a row overflows only when its final sum does not fit Int64.
    ///
    /// Safe because: the loop reads `groups` through its own buffer, by its own indices.
    static func marginal(_ groups: [GroupRow], table: TableName, key: (Int) -> [String]) throws -> [(
        keys: [String], measures: Measures
    )] {
        // One byte string per key tuple: the keys' UTF-8, each ended by 0xFF (never a UTF-8 byte).
        var sums: [[UInt8]: (keys: [String], sums: MeasureSums)] = [:]
        var bytes: [UInt8] = []
        groups.withUnsafeBufferPointer { groups in
            for index in groups.indices {
                let keys = key(index)
                bytes.removeAll(keepingCapacity: true)
                for key in keys {
                    var key = key
                    key.withUTF8 { bytes.append(contentsOf: $0) }
                    bytes.append(0xFF)
                }
                sums[bytes, default: (keys, MeasureSums())].sums.add(groups[index].measures)
            }
        }
        return try sums.values.map { row in
            guard let measures = row.sums.exact else { throw MeasureOverflow(table: table) }
            return (row.keys, measures)
        }
    }

    /// `marginal` by one key text: the same sums, without a key array per group
    /// (the text is hashed and compared by its UTF-8 bytes in place).
    ///
    /// - Complexity: O(g) expected for g groups; one allocation per distinct key.
    ///
    /// Safe because: the loop reads `groups` through its own buffer, by its own indices.
    static func marginal(_ groups: [GroupRow], table: TableName, single key: (Int) -> String) throws -> [(
        keys: [String], measures: Measures
    )] {
        var sums: [BytewiseText: MeasureSums] = [:]
        groups.withUnsafeBufferPointer { groups in
            for index in groups.indices {
                sums[BytewiseText(key(index)), default: MeasureSums()].add(groups[index].measures)
            }
        }
        return try sums.map { entry in
            guard let measures = entry.value.exact else { throw MeasureOverflow(table: table) }
            return ([entry.key.text], measures)
        }
    }

    /// A text as a dictionary key by its UTF-8 bytes (not `String`'s canonical equivalence).
    struct BytewiseText: Hashable {
        var text: String

        init(_ text: String) { self.text = text }

        static func == (a: BytewiseText, b: BytewiseText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// The sums of `rows` as a table, sorted by non_regional_value desc,
    /// customs_value desc, keys by bytes (by keys alone with `byKeys`), cut to `top` rows;
    /// the cells of a row are made when it is read (`TableRows`).
    static func keyed(
        _ name: TableName, _ keyColumns: [String], _ rows: [(keys: [String], measures: Measures)], top: Int?,
        byKeys: Bool = false, optional: OptionalMeasures, keyCells: @escaping @Sendable ([String]) -> [Cell]
    ) -> SummaryTable {
        let order = sortedOrder(count: rows.count, byKeys: byKeys) {
            rows[$0].measures
        } keys: {
            rows[$0].keys
        }
        let kept = top.map { Array(order.prefix(max($0, 0))) } ?? order
        let sorted = kept.map { rows[$0] }
        return SummaryTable(
            name: name, columns: keyColumns + measureColumns + optionalColumns(optional),
            rows: TableRows(count: sorted.count) { row in
                var cells = keyCells(sorted[row].keys)
                appendMeasureCells(sorted[row].measures, optional, to: &cells)
                return cells
            })
    }

    /// The positions `0..<count` in table order: non_regional_value desc, customs_value desc,
    /// then keys by bytes (keys alone with `byKeys`). Keys are asked for only where two rows
    /// tie on both sums (or always, with `byKeys`).
    ///
    /// - Complexity: O(n log n); the sums are copied once into a flat array (sorted without
    ///   touching the rows), keys made on ties.
    static func sortedOrder(
        count: Int, byKeys: Bool, measures: (Int) -> Measures, keys: (Int) -> [String]
    ) -> [Int] {
        struct Entry {
            var nonRegionalValue: Int64
            var customsValue: Int64
            var position: Int
        }
        var entries = (0..<count).map { position in
            let sums = measures(position)
            return byKeys
                ? Entry(nonRegionalValue: 0, customsValue: 0, position: position)
                : Entry(nonRegionalValue: sums.nonRegionalValue, customsValue: sums.customsValue, position: position)
        }
        entries.sort { x, y in
            if x.nonRegionalValue != y.nonRegionalValue { return x.nonRegionalValue > y.nonRegionalValue }
            if x.customsValue != y.customsValue { return x.customsValue > y.customsValue }
            return keys(x.position).lexicographicallyPrecedes(keys(y.position), by: KeyText.precedesBytewise)
        }
        return entries.map(\.position)
    }
}
