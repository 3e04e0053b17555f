/// Encoder for the Thrift compact protocol (the inverse of `ThriftCompactDecoder`).
///
/// Structs are written with `structure { … }`; fields with `field(id:type:)`
/// followed by the value. Field-id deltas are tracked per nesting level.
struct ThriftCompactEncoder {
    var bytes: [UInt8] = []
    private var lastFieldIds: [Int16] = [0]

    init() {}

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func zigzag(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a field header; for booleans use `bool(id:_:)`.
    mutating func field(id: Int16, type: ThriftType) {
        let last = lastFieldIds[lastFieldIds.count - 1]
        let delta = id - last
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            zigzag(Int64(id))
        }
        lastFieldIds[lastFieldIds.count - 1] = id
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        field(id: id, type: .i32)
        zigzag(Int64(value))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        field(id: id, type: .i64)
        zigzag(value)
    }

    mutating func bool(_ id: Int16, _ value: Bool) {
        field(id: id, type: value ? .boolTrue : .boolFalse)
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        field(id: id, type: .binary)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ id: Int16, _ value: String) {
        binary(id, Array(value.utf8))
    }

    /// A struct field: header, then `body`, then the stop byte.
    mutating func structField(_ id: Int16, _ body: (inout ThriftCompactEncoder) -> Void) {
        field(id: id, type: .structure)
        structure(body)
    }

    /// A bare struct (top level or list element).
    mutating func structure(_ body: (inout ThriftCompactEncoder) -> Void) {
        lastFieldIds.append(0)
        body(&self)
        lastFieldIds.removeLast()
        bytes.append(ThriftType.stop.rawValue)
    }

    /// A list field of `count` elements of wire type `elementType`.
    mutating func listField(
        _ id: Int16, elementType: ThriftType, count: Int, _ elements: (inout ThriftCompactEncoder) -> Void
    ) {
        field(id: id, type: .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xf0 | elementType.rawValue)
            varint(UInt64(count))
        }
        elements(&self)
    }
}
