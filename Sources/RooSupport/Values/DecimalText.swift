/// Exact decimal text for DECIMAL values of any width.
package enum DecimalText {
    /// Appends `unscaled / 10^scale` with exactly `scale` fraction digits.
    static func append(unscaledDigits digits: [UInt8], negative: Bool, scale: Int, to out: inout [UInt8]) {
        if negative && digits != [UInt8(ascii: "0")] { out.append(UInt8(ascii: "-")) }
        guard scale > 0 else {
            out.append(contentsOf: digits)
            if scale < 0 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -scale)) }
            return
        }
        if digits.count <= scale {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale - digits.count))
            out.append(contentsOf: digits)
        } else {
            out.append(contentsOf: digits[0..<(digits.count - scale)])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[(digits.count - scale)...])
        }
    }

    /// Appends an Int64 unscaled value.
    package static func append(_ value: Int64, scale: Int, to out: inout [UInt8]) {
        append(unscaledDigits: Array(String(value.magnitude).utf8), negative: value < 0, scale: scale, to: &out)
    }

    /// Appends a big-endian two's-complement unscaled value of any length.
    static func append(bigEndian bytes: UnsafeRawBufferPointer, scale: Int, to out: inout [UInt8]) {
        guard let first = bytes.first else {
            append(unscaledDigits: [UInt8(ascii: "0")], negative: false, scale: scale, to: &out)
            return
        }
        // Safe because: `bytes` is read only through `bytes.first` (optional) and `Array(bytes)` (a copy of
        // `bytes.count` bytes); the loop works on that copy, `magnitude.count - 1` down to 0, with checked
        // Array subscripts.
        let negative = first & 0x80 != 0
        var magnitude = Array(bytes)
        if negative {
            // Two's complement: invert and add one.
            var carry = true
            for index in stride(from: magnitude.count - 1, through: 0, by: -1) {
                magnitude[index] = ~magnitude[index]
                if carry {
                    let (sum, overflow) = magnitude[index].addingReportingOverflow(1)
                    magnitude[index] = sum
                    carry = overflow
                }
            }
        }
        append(unscaledDigits: decimalDigits(ofBigEndian: magnitude), negative: negative, scale: scale, to: &out)
    }

    /// Decimal digits of an unsigned big-endian integer (repeated division by 10^9).
    static func decimalDigits(ofBigEndian bytes: [UInt8]) -> [UInt8] {
        var limbs: [UInt32] = []  // big-endian base-2^32 limbs
        var index = bytes.count % 4
        if index > 0 { limbs.append(bytes[0..<index].reduce(0) { $0 << 8 | UInt32($1) }) }
        while index < bytes.count {
            limbs.append(bytes[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) })
            index += 4
        }
        var chunks: [UInt32] = []  // base-10^9, least significant first
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for position in limbs.indices {
                let current = remainder << 32 | UInt64(limbs[position])
                limbs[position] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
        }
        guard let last = chunks.last else { return [UInt8(ascii: "0")] }
        var text = String(last)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return Array(text.utf8)
    }
}
