import MappedIO

/// Wire types of the Thrift compact protocol (low nibble of a field header).
enum ThriftType: UInt8 {
    case stop = 0
    case boolTrue = 1
    case boolFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case structure = 12
}

/// One field header inside a struct.
struct ThriftField {
    var id: Int16
    var type: ThriftType
    /// For boolean fields the value travels in the type nibble.
    var boolValue: Bool { type == .boolTrue }
    var isBool: Bool { type == .boolTrue || type == .boolFalse }
}

/// A decoder for the Thrift compact protocol over a borrowed byte range.
///
/// Generic: it can read and skip every wire type. Struct decoders in
/// `Metadata/` drive it with `readStruct`, handling the field ids they know
/// and skipping everything else — including known ids whose wire type
/// differs from the spec. Nesting depth and collection sizes are bounded.
struct ThriftCompactDecoder {
    /// Deepest struct/collection nesting accepted (Parquet metadata needs ~6).
    static let nestingDepthMax = 64
    /// Most elements in one list/set/map, independent of the bytes left.
    static let collectionCountMax = 1 << 26
    /// Most column chunks one footer may declare (all row groups together):
    /// a hostile footer of small structs must not decode into gigabytes.
    static let columnChunkCountMax = 1 << 22

    private(set) var cursor: ByteCursor
    private var depth = 0
    /// Column chunks decoded so far (bounded by `columnChunkCountMax`).
    var columnChunksDecoded = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        cursor = ByteCursor(bytes)
    }

    /// Bytes consumed so far.
    var position: Int { cursor.position }

    private func failure(_ message: String) -> ParquetError {
        ParquetError(.corruptThrift, "thrift: \(message) at offset \(cursor.position) of \(cursor.bytes.count)")
    }

    // MARK: scalars

    mutating func readByte() throws -> UInt8 {
        guard let byte = cursor.readUInt8() else { throw failure("unexpected end of data") }
        return byte
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw failure("varint overflows 64 bits") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw failure("varint longer than 10 bytes") }
        }
    }

    /// Reads a zigzag-encoded signed varint.
    mutating func readZigZag() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readI64() throws -> Int64 { try readZigZag() }

    mutating func readI32() throws -> Int32 {
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw failure("i32 value \(value) out of range") }
        return narrow
    }

    mutating func readI16() throws -> Int16 {
        let value = try readZigZag()
        guard let narrow = Int16(exactly: value) else { throw failure("i16 value \(value) out of range") }
        return narrow
    }

    mutating func readI8() throws -> Int8 { Int8(bitPattern: try readByte()) }

    mutating func readDouble() throws -> Double {
        guard let bits = cursor.readLittleEndian(UInt64.self) else { throw failure("unexpected end of data in double") }
        return Double(bitPattern: bits)
    }

    /// Reads a length-prefixed byte string, borrowing from the input.
    mutating func readBinary() throws -> UnsafeRawBufferPointer {
        let length = try readVarint()
        guard length <= UInt64(cursor.remaining), let bytes = cursor.readBytes(Int(length)) else {
            throw failure("binary length \(length) exceeds the \(cursor.remaining) bytes left")
        }
        return bytes
    }

    /// Reads a binary field as owned bytes.
    mutating func readBytes() throws -> [UInt8] { Array(try readBinary()) }

    /// Reads a binary field as text (invalid UTF-8 is repaired, never fatal).
    mutating func readString() throws -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    // MARK: containers

    /// Reads a list/set header: element type and count. The count is bounded
    /// by the bytes left (every element takes at least one byte).
    mutating func readListHeader() throws -> (elementType: UInt8, count: Int) {
        let header = try readByte()
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        let elementType = header & 0x0f
        try checkCount(count, bytesPerElementMin: elementType == ThriftType.stop.rawValue ? 0 : 1)
        return (elementType, Int(count))
    }

    private func checkCount(_ count: UInt64, bytesPerElementMin: UInt64) throws {
        guard count <= UInt64(ThriftCompactDecoder.collectionCountMax) else {
            throw failure(
                "collection of \(count) elements exceeds the limit \(ThriftCompactDecoder.collectionCountMax)")
        }
        guard count * bytesPerElementMin <= UInt64(cursor.remaining) else {
            throw failure("collection of \(count) elements cannot fit in the \(cursor.remaining) bytes left")
        }
    }

    /// Reads a list: its header, a check of the element wire type and of
    /// `countMax`, then the elements.
    ///
    /// Memory grows with the elements actually decoded (at most 4,096 are
    /// reserved up front), so a header claiming millions of elements cannot
    /// allocate before the bytes for them have been read.
    mutating func readList<T>(
        expecting type: ThriftType,
        countMax: Int = ThriftCompactDecoder.collectionCountMax,
        _ element: (inout ThriftCompactDecoder) throws -> T
    ) throws -> [T] {
        let header = try readListHeader()
        guard header.elementType == type.rawValue || ThriftCompactDecoder.isCompatible(header.elementType, with: type)
        else {
            throw failure("list element type \(header.elementType), expected \(type.rawValue)")
        }
        guard header.count <= countMax else {
            throw failure("list of \(header.count) elements exceeds the limit \(countMax)")
        }
        try enter()
        defer { depth -= 1 }
        var result: [T] = []
        result.reserveCapacity(min(header.count, 4096))
        for _ in 0..<header.count { result.append(try element(&self)) }
        return result
    }

    /// Integer wire types are all zigzag varints and read interchangeably
    /// (values are range-checked by the reader); booleans come as 1 or 2.
    static func isCompatible(_ elementType: UInt8, with expected: ThriftType) -> Bool {
        let integers: Set<UInt8> = [ThriftType.i16.rawValue, ThriftType.i32.rawValue, ThriftType.i64.rawValue]
        switch expected {
        case .i16, .i32, .i64: return integers.contains(elementType)
        case .boolTrue, .boolFalse: return elementType == 1 || elementType == 2
        default: return false
        }
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= ThriftCompactDecoder.nestingDepthMax else {
            throw failure("nesting deeper than \(ThriftCompactDecoder.nestingDepthMax)")
        }
    }

    /// Reads one struct: calls `visit` for each field; a field for which
    /// `visit` returns `false` is skipped.
    mutating func readStruct(_ visit: (inout ThriftCompactDecoder, ThriftField) throws -> Bool) throws {
        try enter()
        defer { depth -= 1 }
        var lastFieldId: Int16 = 0
        while true {
            let header = try readByte()
            let typeBits = header & 0x0f
            if typeBits == 0 { return }
            guard let type = ThriftType(rawValue: typeBits) else { throw failure("unknown field type \(typeBits)") }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta == 0 {
                id = try readI16()
            } else {
                let (sum, overflow) = lastFieldId.addingReportingOverflow(delta)
                guard !overflow else { throw failure("field id overflows") }
                id = sum
            }
            lastFieldId = id
            let field = ThriftField(id: id, type: type)
            if try !visit(&self, field) { try skip(type) }
        }
    }

    /// Skips one value of wire type `type`, recursively for containers.
    mutating func skip(_ type: ThriftType) throws {
        switch type {
        case .stop: throw failure("unexpected stop")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard cursor.skip(8) != nil else { throw failure("unexpected end of data in double") }
        case .binary: _ = try readBinary()
        case .list, .set: try skipList()
        case .map: try skipMap()
        case .structure: try readStruct { _, _ in false }
        }
    }

    private mutating func skipList() throws {
        let header = try readListHeader()
        try enter()
        defer { depth -= 1 }
        if header.elementType == ThriftType.boolTrue.rawValue || header.elementType == ThriftType.boolFalse.rawValue {
            // Booleans inside collections take one byte each.
            guard cursor.skip(header.count) != nil else { throw failure("unexpected end of data in bool list") }
            return
        }
        guard let type = ThriftType(rawValue: header.elementType), type != .stop else {
            throw failure("unknown list element type \(header.elementType)")
        }
        for _ in 0..<header.count { try skip(type) }
    }

    private mutating func skipMap() throws {
        let count = try readVarint()
        if count == 0 { return }
        let types = try readByte()
        try checkCount(count, bytesPerElementMin: 2)
        guard let keyType = ThriftType(rawValue: types >> 4), keyType != .stop,
            let valueType = ThriftType(rawValue: types & 0x0f), valueType != .stop
        else {
            throw failure("unknown map key/value types \(types)")
        }
        try enter()
        defer { depth -= 1 }
        for _ in 0..<count {
            try skipCollectionElement(keyType)
            try skipCollectionElement(valueType)
        }
    }

    private mutating func skipCollectionElement(_ type: ThriftType) throws {
        if type == .boolTrue || type == .boolFalse {
            _ = try readByte()
        } else {
            try skip(type)
        }
    }

    /// Reads a boolean element of a collection (one byte: 1 = true).
    mutating func readCollectionBool() throws -> Bool { try readByte() == 1 }
}
