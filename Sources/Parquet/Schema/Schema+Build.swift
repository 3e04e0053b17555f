extension Schema {
    /// Builds the leaf list from the depth-first element list of the footer.
    ///
    /// - Throws: `ParquetError(.corruptSchema)` when counts do not add up, a
    ///   physical type id is invalid, or limits are exceeded.
    /// - Complexity: O(n) in the number of elements.
    init(elements: [SchemaElement]) throws {
        guard let root = elements.first else {
            throw ParquetError(.corruptSchema, "schema has no root element")
        }
        var builder = Builder(elements: elements)
        let rootChildren = Int(root.numChildren ?? 0)
        guard rootChildren >= 0 else {
            throw ParquetError(.corruptSchema, "root has negative child count \(rootChildren)")
        }
        builder.next = 1
        for _ in 0..<rootChildren {
            try builder.visit(path: [], definitionLevel: 0, repetitionLevel: 0, depth: 1)
        }
        guard builder.next == elements.count else {
            throw ParquetError(
                .corruptSchema, "schema lists \(elements.count) elements but the tree uses \(builder.next)")
        }
        self.columns = builder.columns
        self.isFlat = builder.isFlat
        self.rootName = root.name
    }

    private struct Builder {
        let elements: [SchemaElement]
        var next = 0
        var columns: [ColumnDescriptor] = []
        var isFlat = true

        init(elements: [SchemaElement]) { self.elements = elements }

        mutating func visit(path: [String], definitionLevel: Int, repetitionLevel: Int, depth: Int) throws {
            guard depth <= Schema.depthMax else {
                throw ParquetError(.corruptSchema, "schema deeper than \(Schema.depthMax)")
            }
            guard next < elements.count else {
                throw ParquetError(
                    .corruptSchema, "schema element \(next) missing: child counts exceed the \(elements.count) elements"
                )
            }
            let element = elements[next]
            next += 1
            let repetition = try Builder.repetition(element)
            var definition = definitionLevel
            var repetitionLevelHere = repetitionLevel
            if repetition != .required { definition += 1 }
            if repetition == .repeated { repetitionLevelHere += 1 }
            let childPath = path + [element.name]
            let children = Int(element.numChildren ?? 0)
            if element.typeId == nil || children > 0 {
                isFlat = false
                guard children >= 0 else {
                    throw ParquetError(.corruptSchema, "element \"\(element.name)\" has negative child count")
                }
                for _ in 0..<children {
                    try visit(
                        path: childPath, definitionLevel: definition, repetitionLevel: repetitionLevelHere,
                        depth: depth + 1)
                }
                return
            }
            if repetition == .repeated { isFlat = false }
            guard columns.count < Schema.leafCountMax else {
                throw ParquetError(.corruptSchema, "more than \(Schema.leafCountMax) columns")
            }
            columns.append(
                try Builder.leaf(
                    element, index: columns.count, path: childPath, definition: definition,
                    repetition: repetitionLevelHere))
        }

        /// DECIMAL(precision, scale) needs 1 <= precision, 0 <= scale <= precision,
        /// and a precision the physical type can hold (INT32 9, INT64 18,
        /// FIXED_LEN_BYTE_ARRAY(n) floor(log10(2^(8n-1)))); otherwise the
        /// values would be read at a wrong scale.
        static func checkDecimal(
            _ name: String, physical: PhysicalType, typeLength: Int, scale: Int32, precision: Int32
        ) throws {
            var limit = Int32.max
            switch physical {
            case .int32: limit = 9
            case .int64: limit = 18
            case .fixedLenByteArray:
                limit = Int32(min(Double(Int32.max), (Double(8 * typeLength - 1) * 0.30102999566398120).rounded(.down)))
            case .byteArray: break
            default:
                throw ParquetError(
                    .corruptSchema, "column \"\(name)\": DECIMAL on \(physical), which cannot hold decimals")
            }
            guard precision >= 1, precision <= limit, scale >= 0, scale <= precision else {
                throw ParquetError(
                    .corruptSchema,
                    "column \"\(name)\": DECIMAL(\(precision),\(scale)) is invalid for \(physical) (needs 1 <= "
                        + "precision <= \(limit == Int32.max ? "any" : String(limit)) and 0 <= scale <= precision)"
                )
            }
        }

        static func repetition(_ element: SchemaElement) throws -> Repetition {
            guard let raw = element.repetitionId else { return .required }
            guard let value = Repetition(rawValue: raw) else {
                throw ParquetError(.corruptSchema, "element \"\(element.name)\" has invalid repetition type \(raw)")
            }
            return value
        }

        static func leaf(
            _ element: SchemaElement, index: Int, path: [String], definition: Int, repetition: Int
        ) throws -> ColumnDescriptor {
            guard let typeId = element.typeId, let physical = PhysicalType(rawValue: typeId) else {
                throw ParquetError(
                    .corruptSchema, "column \"\(element.name)\" has invalid physical type id \(element.typeId ?? -1)")
            }
            var typeLength = 0
            if physical == .fixedLenByteArray {
                guard let length = element.typeLength, length > 0, length <= 1 << 20 else {
                    throw ParquetError(
                        .corruptSchema,
                        "column \"\(element.name)\": FIXED_LEN_BYTE_ARRAY with invalid type_length "
                            + "\(element.typeLength.map(String.init) ?? "(missing)")"
                    )
                }
                typeLength = Int(length)
            }
            var logical = element.logicalType
            if logical == nil, let converted = element.convertedType {
                logical = converted.logicalType(scale: element.scale, precision: element.precision)
            }
            if case let .decimal(scale, precision)? = logical {
                try Builder.checkDecimal(
                    element.name, physical: physical, typeLength: typeLength, scale: scale, precision: precision)
            }
            return ColumnDescriptor(
                index: index, path: path, physicalType: physical, typeLength: typeLength,
                repetition: try Builder.repetition(element), logicalType: logical, convertedType: element.convertedType,
                scale: element.scale, precision: element.precision,
                maxDefinitionLevel: definition, maxRepetitionLevel: repetition
            )
        }
    }
}
