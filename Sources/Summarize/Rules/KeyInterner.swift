import Aggregation
import Customs
import RooSupport
import Synchronization

/// Interns normalized country keys to dense ids shared by all workers.
///
/// Lookups happen once per dictionary entry (or per distinct plain value per
/// worker, through `KeyCache`), never per row, so the lock stays out of the
/// hot loop. Id 0 means "missing".
package final class KeyInterner: Sendable {
    /// Bit of a key code marking a region member; the low bits are the id.
    static let regionBit: UInt32 = 1 << 31
    /// The id bits: as wide as a country field of the group key (`GroupKeyLayout`), so every id packs.
    static let idMask = UInt32(GroupKeyLayout.originMask)
    /// Bit of a key code marking a raw code with no conversion to alpha-2.
    static let unmappedBit: UInt32 = 1 << 30

    private struct State {
        var ids: [[UInt8]: UInt32] = [:]
        var keys: [String] = [""]
        /// The codes met with no conversion to alpha-2, as written (for the warning's examples).
        var unmapped: Set<[UInt8]> = []
    }

    private let state = Mutex(State())
    private let region: Region
    private let codes: CountryCodeSystem

    init(region: Region, countryCodes: CountryCodeSystem = .iso2) {
        self.region = region
        codes = countryCodes
    }

    /// The code (id | regionBit | unmappedBit) of a normalized key, converted to alpha-2
    /// first when the inputs use another code system (`--country-codes`); a code
    /// with no conversion is kept as it is and remembered as unmapped.
    ///
    /// - Throws: `RooError(.dataError)` past 65,535 distinct keys (`idMask`),
    ///   naming the likely cause: a column of something else mapped as a country.
    func code(for raw: [UInt8]) throws -> UInt32 {
        var key = raw
        var isUnmapped = false
        if codes != .iso2 {
            if let converted = codes.alpha2(String(decoding: raw, as: UTF8.self)) {
                key = Array(converted.utf8)
            } else {
                isUnmapped = true
            }
        }
        let id: UInt32 = try state.withLock { state in
            if isUnmapped { state.unmapped.insert(key) }
            if let existing = state.ids[key] { return existing }
            guard state.keys.count <= Int(KeyInterner.idMask) else {
                throw RooError(
                    .dataError,
                    "more than \(KeyInterner.idMask) distinct country codes in the origin and partner columns: "
                        + "a country column holds something else (check --map origin=… and --map partner=…)")
            }
            let id = UInt32(state.keys.count)
            state.ids[key] = id
            // Shown one to one (`KeyText`): keys that differ by bytes never merge.
            state.keys.append(KeyText.display(key))
            return id
        }
        let text = String(decoding: key, as: UTF8.self)
        // Unmapped is a property of the raw code, not of the id: "MX" (unconverted) and "2010" (→ MX) share an id.
        return (region.contains(text) ? id | KeyInterner.regionBit : id) | (isUnmapped ? KeyInterner.unmappedBit : 0)
    }

    /// The first `count` codes met without a conversion, smallest bytes first, as displayed.
    func unmappedExamples(_ count: Int = 3) -> [String] {
        state.withLock { state in
            state.unmapped.sorted { $0.lexicographicallyPrecedes($1) }.prefix(count).map { KeyText.display($0) }
        }
    }

    /// Key text by id (index 0 is the empty "missing" key).
    func keys() -> [String] { state.withLock { $0.keys } }

    /// Whether keys are converted from another code system (then `totals`
    /// counts the lines with unmapped codes).
    var convertsCodes: Bool { codes != .iso2 }
}

/// A worker's cache in front of the interner, keyed by the raw (unnormalized)
/// bytes of a value, so plain-encoded columns do not take the lock per row.
final class KeyCache {
    // Exclusivity is not checked dynamically on the caches: a cache belongs
    // to one worker thread and `code` never re-enters itself, so the runtime
    // check (once or twice per key per line) would only cost time.
    private let interner: KeyInterner
    /// Raw values of up to 7 bytes packed with their length.
    @exclusivity(unchecked) private var short = PackedKeyTable()
    @exclusivity(unchecked) private var long: [[UInt8]: UInt32] = [:]
    @exclusivity(unchecked) private var integers: [Int64: UInt32] = [:]

    init(interner: KeyInterner) { self.interner = interner }

    /// Code of raw text `bytes` (0 when empty after trimming).
    ///
    /// Safe because: `bytes` is only read by element (`pack`, `Array(bytes)`,
    /// `CountryKey.normalize`) within its count; no pointer is kept.
    @inline(__always)
    func code(raw bytes: UnsafeRawBufferPointer) throws -> UInt32 {
        if let packed = PackedKeyTable.pack(bytes) {
            if let hit = short.value(for: packed) { return hit }
            let code = try lookup(bytes)
            short.insert(code, for: packed)
            return code
        }
        let key = Array(bytes)
        if let hit = long[key] { return hit }
        let code = try lookup(bytes)
        long[key] = code
        return code
    }

    /// Code of an integer key (its decimal text).
    func code(integer value: Int64) throws -> UInt32 {
        if let hit = integers[value] { return hit }
        let code = try interner.code(for: Array(String(value).utf8))
        integers[value] = code
        return code
    }

    /// The interned code of `bytes` normalized (0 for no key).
    ///
    /// Safe because: `CountryKey.normalize` reads `bytes` within its count and returns a copy.
    private func lookup(_ bytes: UnsafeRawBufferPointer) throws -> UInt32 {
        guard let normalized = CountryKey.normalize(bytes) else { return 0 }
        return try interner.code(for: normalized)
    }
}
