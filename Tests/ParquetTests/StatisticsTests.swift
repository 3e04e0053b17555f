@testable import Parquet
import Testing

/// Column chunk min/max computed over a dictionary's distinct entries
/// equal min/max over every value (the writer takes the former when a chunk
/// is dictionary encoded): byte strings with repeats and prefixes of one
/// another, doubles and floats with NaN and both zeros, fixed-length bytes.
struct StatisticsTests {
    /// `values` as the writer sees them: concatenated bytes, with offsets for BYTE_ARRAY (`width` 0).
    static func withValueBytes<T>(_ values: [[UInt8]], width: Int, _ body: (ValueBytes) -> T) -> T {
        let bytes = values.flatMap { $0 }
        var offsets = [0]
        for value in values { offsets.append(offsets[offsets.count - 1] + value.count) }
        return bytes.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { offsetPointer in
                body(
                    ValueBytes(
                        count: values.count, width: width, base: raw.baseAddress ?? ValueBytes.emptyBase,
                        offsets: width == 0 ? offsetPointer.baseAddress : nil))
            }
        }
    }

    @Test func minAndMaxOverDictionaryEntriesEqualThoseOverEveryValue() throws {
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let doubles: [Double] = [0, -0.0, .nan, -.nan, 1.5, -1.5, .infinity, -.infinity, 1e-300, 7]
        var checked = 0
        for round in 0..<600 {
            let count = 1 + next(400)
            let values: [[UInt8]]
            let type: PhysicalType
            let width: Int
            switch round % 4 {
            case 0:
                type = .byteArray
                width = 0
                values = (0..<count).map { _ in (0..<next(5)).map { _ in UInt8([0, 1, 97, 98, 255][next(5)]) } }
            case 1:
                type = .double
                width = 8
                values = (0..<count).map { _ in withUnsafeBytes(of: doubles[next(doubles.count)]) { Array($0) } }
            case 2:
                type = .float
                width = 4
                values = (0..<count).map { _ in
                    withUnsafeBytes(of: Float(doubles[next(doubles.count)])) { Array($0) }
                }
            default:
                type = .fixedLenByteArray
                width = 3
                values = (0..<count).map { _ in (0..<3).map { _ in UInt8([0, 7, 128, 255][next(4)]) } }
            }
            Self.withValueBytes(values, width: width) { valueBytes in
                guard let dictionary = DictionaryBuilder.build(valueBytes, limitBytes: 1 << 20) else { return }
                let everyValue = StatisticsBuilder.minMax(valueBytes, type: type)
                let entries = StatisticsBuilder.minMax(valueBytes, type: type, distinct: dictionary.entries)
                #expect(entries?.min == everyValue?.min && entries?.max == everyValue?.max, "\(type) \(values)")
                checked += 1
            }
        }
        #expect(checked > 500)
    }
}
