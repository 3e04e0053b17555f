/// Country keys: trimmed of ASCII whitespace and upper-cased (ASCII) before grouping and comparison.
public enum CountryKey {
    /// Whether `byte` is ASCII whitespace (space, tab, LF, VT, FF, CR).
    @inline(__always)
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d)
    }

    /// The normalized key of `bytes`, or nil when empty after trimming (= missing).
    public static func normalize(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        // Safe because: `0 <= start <= end <= bytes.count` throughout; `bytes[start]` is read only when
        // `start < end`, `bytes[end - 1]` only when `end > start`, and the copy loop runs `start..<end`.
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

/// Country code systems of the inputs (`--country-codes`), each
/// converted to ISO 3166-1 alpha-2 before region tests, names and output.
public enum CountryCodeSystem: String, Sendable, CaseIterable {
    /// ISO 3166-1 alpha-2 (CBP ACE, CBSA B3): used as they are.
    case iso2
    /// ISO 3166-1 alpha-3 (Mexican pedimentos: `MEX`, `CHN`).
    case iso3
    /// US Census Schedule C, 4 digits kept as text (`2010` = MX, `5700` = CN).
    case census
    /// UN M49 numeric codes as UN Comtrade and CEPII BACI write them (`484` = MX, `156` = CN, `842` = US).
    case m49
    /// Country names as USITC DataWeb and the Census write them (`China`, `South Korea`, `Korea, South`;
    /// `CountryNameIndex`).
    case names

    /// The alpha-2 code for a normalized key, or nil when there is no
    /// conversion (the key is then kept as it is and counted as unmapped).
    ///
    /// - Complexity: O(1) (hash lookup).
    public func alpha2(_ key: String) -> String? {
        switch self {
        case .iso2: key
        case .iso3: CountryNames.alpha2(alpha3: key)
        case .census: ScheduleC.alpha2(key)
        case .m49: M49.alpha2(key)
        case .names: CountryNameIndex.alpha2(name: key)
        }
    }
}
