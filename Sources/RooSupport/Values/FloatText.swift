/// Floating-point text: the shortest form that round-trips the Double.
enum FloatText {
    /// Appends `value` as a JSON number, or `"NaN"`, `"Infinity"`,
    /// `"-Infinity"` as strings (the conformance rendering).
    static func appendJSON(_ value: Double, to out: inout [UInt8]) { append(value, quotingSpecials: true, to: &out) }

    /// Appends `value` as plain text (CSV): `NaN`, `Infinity`, `-Infinity`.
    static func appendText(_ value: Double, to out: inout [UInt8]) { append(value, quotingSpecials: false, to: &out) }

    private static func append(_ value: Double, quotingSpecials: Bool, to out: inout [UInt8]) {
        let special: String? = value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : nil
        if let special {
            out.append(contentsOf: (quotingSpecials ? "\"" + special + "\"" : special).utf8)
        } else {
            // Swift's description is the shortest round-trip text ("1.1", "1e-05", "1e+16").
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// IEEE 754 binary16 (little-endian bits) widened exactly to Double.
    static func double(fromHalfBits bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1f)
        let fraction = Double(bits & 0x3ff)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
