/// Country keys: trimmed of ASCII whitespace and upper-cased (ASCII), SPEC §1.2.
public enum CountryKey {
    /// Whether `byte` is ASCII whitespace (space, tab, LF, VT, FF, CR).
    @inline(__always)
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d)
    }

    /// The normalized key of `bytes`, or nil when empty after trimming (= missing).
    public static func normalize(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var start = 0
        var end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var out = [UInt8](repeating: 0, count: end - start)
        for index in start..<end {
            let byte = bytes[index]
            out[index - start] = (byte >= 0x61 && byte <= 0x7a) ? byte - 0x20 : byte
        }
        return out
    }

    /// Normalized key of a Swift string (tests, configuration).
    public static func normalize(_ text: String) -> String? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw in
            normalize(UnsafeRawBufferPointer(raw)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}

/// Converts country codes of other systems to ISO alpha-2 (SPEC §1.2 `--country-codes`).
public enum CountryCodeSystem: String, Sendable, CaseIterable {
    case iso2
    case iso3
    case census

    /// Census Schedule C → alpha-2 for the codes in DOMAIN.md §1.5.
    static let censusToAlpha2: [String: String] = [
        "2010": "MX", "1220": "CA", "5700": "CN", "5880": "JP", "5800": "KR", "5830": "TW", "5820": "HK",
        "5520": "VN", "5330": "IN", "4280": "DE", "4120": "GB", "5490": "TH", "5570": "MY", "1000": "US",
    ]

    /// The alpha-2 code for a normalized key, or nil when there is no conversion
    /// (the key is then kept as it is and counted as unmapped).
    public func alpha2(_ key: String) -> String? {
        switch self {
        case .iso2: key
        case .iso3: CountryNames.alpha2(alpha3: key)
        case .census: CountryCodeSystem.censusToAlpha2[key]
        }
    }
}
