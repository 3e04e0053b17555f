import TextFormats
/// Renders raw value bytes (a PLAIN-encoded value, as in a `ColumnBatch`
/// slot or a statistics field) as text, following the conformance
/// rendering rules (the conformance corpus's `MANIFEST.md` files).
package enum CellWriter {
    /// Appends the JSON form of one value. A value whose byte width does not
    /// fit its kind (e.g. truncated statistics) is written as `{"hex": …}`.
    package static func appendJSON(_ bytes: UnsafeRawBufferPointer, kind: CellKind, to out: inout [UInt8]) {
        if let width = kind.requiredWidth, width != bytes.count {
            appendHexObject(bytes, to: &out)
            return
        }
        switch kind {
        case .float, .double, .float16:
            FloatText.appendJSON(floatingValue(bytes, kind: kind), to: &out)
        case .binary:
            appendHexObject(bytes, to: &out)
        case .string:
            JSONText.appendString(bytes, to: &out)
        default:
            if kind.isJSONBare {
                appendText(bytes, kind: kind, to: &out)
            } else {
                out.append(UInt8(ascii: "\""))
                appendText(bytes, kind: kind, to: &out)
                out.append(UInt8(ascii: "\""))
            }
        }
    }

    /// Appends the plain-text form (CSV cells, Markdown): like JSON without
    /// quotes; binary as bare lowercase hex.
    package static func appendText(_ bytes: UnsafeRawBufferPointer, kind: CellKind, to out: inout [UInt8]) {
        if let width = kind.requiredWidth, width != bytes.count {
            out.append(contentsOf: hex(bytes).utf8)
            return
        }
        switch kind {
        case .boolean: out.append(contentsOf: (bytes[0] != 0 ? "true" : "false").utf8)
        case .int32: out.append(contentsOf: String(load(Int32.self, bytes)).utf8)
        case .uint32: out.append(contentsOf: String(load(UInt32.self, bytes)).utf8)
        case .int64: out.append(contentsOf: String(load(Int64.self, bytes)).utf8)
        case .uint64: out.append(contentsOf: String(load(UInt64.self, bytes)).utf8)
        case let .decimalInt32(scale): DecimalText.append(Int64(load(Int32.self, bytes)), scale: scale, to: &out)
        case let .decimalInt64(scale): DecimalText.append(load(Int64.self, bytes), scale: scale, to: &out)
        case let .decimalBytes(scale): DecimalText.append(bigEndian: bytes, scale: scale, to: &out)
        case .date: CalendarText.appendDate(days: Int64(load(Int32.self, bytes)), to: &out)
        case let .time(unit):
            let ticks = unit == .milliseconds ? Int64(load(Int32.self, bytes)) : load(Int64.self, bytes)
            CalendarText.appendTimeOfDay(
                ticks: ticks, ticksPerSecond: unit.ticksPerSecond, fractionDigits: unit.fractionDigits, to: &out)
        case let .timestamp(unit, utc):
            CalendarText.appendTimestamp(
                ticks: load(Int64.self, bytes), unit: (unit.ticksPerSecond, unit.fractionDigits), to: &out)
            if utc { out.append(UInt8(ascii: "Z")) }
        case .int96: CalendarText.appendInt96(bytes, to: &out)
        case .float, .double, .float16: FloatText.appendText(floatingValue(bytes, kind: kind), to: &out)
        case .string: out.append(contentsOf: bytes)
        case .uuid: appendUUID(bytes, to: &out)
        case .binary: out.append(contentsOf: hex(bytes).utf8)
        }
    }

    @inline(__always)
    static func load<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer) -> T {
        T(littleEndian: bytes.loadUnaligned(as: T.self))
    }

    static func floatingValue(_ bytes: UnsafeRawBufferPointer, kind: CellKind) -> Double {
        switch kind {
        case .float: Double(Float(bitPattern: load(UInt32.self, bytes)))
        case .float16: FloatText.double(fromHalfBits: load(UInt16.self, bytes))
        default: Double(bitPattern: load(UInt64.self, bytes))
        }
    }

    static func appendHexObject(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"hex\": \"".utf8)
        out.append(contentsOf: hex(bytes).utf8)
        out.append(contentsOf: "\"}".utf8)
    }

    static func appendUUID(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        // Safe because: `bytes` is read only by `hex`, which iterates it (`for byte in bytes`) and so stops at
        // `bytes.count`; the loop walks the Array `text`.
        let text = Array(hex(bytes).utf8)
        for (index, character) in text.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            out.append(character)
        }
    }

    /// Lowercase hex of `bytes`.
    package static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
