/// A leaf column of the schema with everything a decoder needs.
public struct ColumnDescriptor: Sendable {
    /// Position among the leaf columns (= index into `RowGroup.columns`).
    public var index: Int
    /// Dotted path from the root, e.g. `a.b`; for flat schemas the name.
    public var path: [String]
    public var physicalType: PhysicalType
    /// Byte width for FIXED_LEN_BYTE_ARRAY, else 0.
    public var typeLength: Int
    public var repetition: Repetition
    /// Logical type from `logicalType`, else derived from `convertedType`.
    public var logicalType: LogicalType?
    public var convertedType: ConvertedType?
    /// Decimal scale/precision from the schema element (legacy files carry them there).
    public var scale: Int32?
    public var precision: Int32?
    /// Highest definition level (0 = required all the way down).
    public var maxDefinitionLevel: Int
    /// Highest repetition level (0 = not repeated).
    public var maxRepetitionLevel: Int

    /// The name shown to users: path components joined by `.`.
    public var name: String { path.joined(separator: ".") }
    /// Whether the column may hold nulls.
    public var isNullable: Bool { maxDefinitionLevel > 0 }
}

/// The schema tree flattened into leaf columns.
public struct Schema: Sendable {
    /// Schema depth limit (root = 0); deeper trees are rejected.
    public static let depthMax = 64
    /// Leaf count limit.
    public static let leafCountMax = 100_000

    public var columns: [ColumnDescriptor]
    /// Whether every leaf hangs directly under the root and none repeats.
    public var isFlat: Bool
    /// Name of the root element.
    public var rootName: String

    /// Index of the leaf column named `name` (dotted path), if any.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }
}
