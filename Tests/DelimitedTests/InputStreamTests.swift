import Delimited
import TestSupport
import Testing

@Suite struct InputStreamTests {
    static let text = Array((0..<2000).map { "line \($0),value \($0 * 7)\n" }.joined().utf8)

    @Test func plainInput() throws {
        let path = temporaryFile(Self.text)
        let stream = try InputStream(path: path)
        #expect(stream.compression == .none)
        #expect(stream.path == path)
        #expect(try readAll(stream, bufferSize: 3) == Self.text)
        #expect(stream.compressedBytesRead == Self.text.count)
    }

    @Test func gzipInput() throws {
        let compressed = gzip(Self.text)
        let stream = try InputStream(path: temporaryFile(compressed, name: "data.csv.gz"))
        #expect(stream.compression == .gzip)
        #expect(try readAll(stream, bufferSize: 1000) == Self.text)
        #expect(stream.compressedBytesRead == compressed.count)
    }

    @Test func concatenatedGzipMembers() throws {
        let first = Array(Self.text[0..<1000])
        let second = Array(Self.text[1000...])
        let path = temporaryFile(gzip(first) + gzip([]) + gzip(second), name: "joined.gz")
        #expect(try readAll(path, bufferSize: 7) == Self.text)
        #expect(try readAll(path, bufferSize: 1 << 16) == Self.text)
    }

    @Test func zstdInputWithSeveralFrames() throws {
        let compressed = zstd(Array(Self.text[0..<5000])) + zstd(Array(Self.text[5000...]))
        let stream = try InputStream(path: temporaryFile(compressed, name: "data.csv.zst"))
        #expect(stream.compression == .zstd)
        #expect(try readAll(stream, bufferSize: 999) == Self.text)
        #expect(stream.compressedBytesRead == compressed.count)
    }

    @Test func compressionIsDetectedByMagicNotExtension() throws {
        let gzipPath = temporaryFile(gzip(Self.text), name: "looks-plain.csv")
        let zstdPath = temporaryFile(zstd(Self.text), name: "looks-plain.txt")
        let plainPath = temporaryFile(Self.text, name: "looks-compressed.csv.gz")
        let fakeZstdPath = temporaryFile(Self.text, name: "looks-compressed.zst")
        #expect(try InputStream(path: gzipPath).compression == .gzip)
        #expect(try InputStream(path: zstdPath).compression == .zstd)
        #expect(try InputStream(path: plainPath).compression == .none)
        #expect(try InputStream(path: fakeZstdPath).compression == .none)
        #expect(try readAll(gzipPath) == Self.text)
        #expect(try readAll(zstdPath) == Self.text)
        #expect(try readAll(plainPath) == Self.text)
    }

    @Test func shortFilesArePlain() throws {
        for bytes: [UInt8] in [[], [0x1F], [0x28, 0xB5, 0x2F], [65, 10]] {
            let stream = try InputStream(path: temporaryFile(bytes))
            #expect(stream.compression == .none)
            #expect(try readAll(stream) == bytes)
        }
    }

    @Test func corruptGzipThrowsDecompression() {
        // A valid gzip header, then a deflate block of the reserved type 3.
        let invalidBlock: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF]
        var badChecksum = gzip(Self.text)
        badChecksum[badChecksum.count - 6] ^= 0xFF
        let truncated = Array(gzip(Self.text).dropLast(20))
        let trailingGarbage = gzip(Self.text) + Array("not gzip".utf8)
        for (name, bytes) in [
            ("block", invalidBlock), ("crc", badChecksum), ("cut", truncated), ("tail", trailingGarbage),
        ] {
            let error = thrownError { () throws(DelimitedError) in
                _ = try readAll(temporaryFile(bytes, name: "\(name).gz"))
            }
            #expect(error?.code == .decompression, "\(name)")
            #expect(error?.message.hasPrefix("gzip: ") == true, "\(name): \(String(describing: error))")
        }
    }

    @Test func corruptZstdThrowsDecompression() {
        // The zstd magic, then a frame header descriptor with the reserved bit set.
        let badHeader: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        let truncated = Array(zstd(Self.text).dropLast(10))
        let trailingGarbage = zstd(Self.text) + Array("not zstd".utf8)
        for (name, bytes) in [("header", badHeader), ("cut", truncated), ("tail", trailingGarbage)] {
            let error = thrownError { () throws(DelimitedError) in
                _ = try readAll(temporaryFile(bytes, name: "\(name).zst"))
            }
            #expect(error?.code == .decompression, "\(name)")
            #expect(error?.message.hasPrefix("zstd: ") == true, "\(name): \(String(describing: error))")
        }
    }

    @Test func missingFileIsNotFound() {
        let path = FixturePaths.temporaryDirectory() + "/missing.csv"
        let error = thrownError { () throws(DelimitedError) in _ = try InputStream(path: path) }
        #expect(error?.code == .notFound)
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
    }
}
