@testable import Delimited
import Testing

@Suite struct ByteSearchTests {
    /// SWAR search and count agree with a byte loop for every length, start
    /// and byte value (including bytes that differ from LF only in bit 7).
    @Test func matchesNaiveSearch() {
        var random = SplitMix64(state: 7)
        let interesting: [UInt8] = [10, 0x8A, 44, 0xAC, 34, 0, 0xFF, 13, 65]
        for length in 0..<40 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in
                    random.below(2) == 0 ? interesting[random.below(interesting.count)] : UInt8(random.below(256))
                }
                let from = length == 0 ? 0 : random.below(length + 1)
                bytes.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    let found = ByteSearch.firstIndex(of: 44, or: 10, in: base, from: from, to: length)
                    let expected = bytes[from...].firstIndex { $0 == 44 || $0 == 10 } ?? length
                    #expect(found == expected, "\(bytes) from \(from)")
                    #expect(ByteSearch.count(of: 10, in: base, count: length) == bytes.filter { $0 == 10 }.count)
                }
            }
        }
    }

    @Test func invalidDialectIsAProgramError() async {
        await #expect(processExitsWith: .failure) {
            RecordBatch.parse(
                CSVChunk(bytes: [65], firstLineNumber: 1), dialect: CSVDialect(delimiter: 34), into: RecordBatch())
        }
    }
}
