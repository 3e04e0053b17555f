import Testing
import MappedIO
import TestSupport

struct MappedFileTests {
    /// Discarding pages of an in-memory copy (a stream read into memory) keeps its bytes: MADV_DONTNEED would
    /// zero an anonymous mapping, and workers decoding a neighbouring unit read corrupt pages (the flaky
    /// `<(cat file.parquet)` runs of OutputSafetyTests: "zstd: Data corruption detected").
    @Test func discardingAnInMemoryCopyKeepsItsBytes() throws {
        let contents = (0..<(3 << 16)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let mapped = try contents.withUnsafeBytes { try MappedFile(copying: $0, path: "memory") }
        mapped.discard(offset: 0, length: contents.count)
        mapped.discard(offset: 5000, length: 70_000)
        #expect(Array(mapped.bytes) == contents)
    }

    @Test func missingFileIsNotFound() {
        #expect { _ = try MappedFile(path: "/nonexistent/roo/file.parquet") } throws: { error in
            (error as? SystemError)?.code == .notFound && (error as? SystemError)?.call == "open"
        }
    }

    @Test func emptyFileIsTooShort() {
        let path = FixturePaths.temporaryDirectory() + "/empty"
        FixturePaths.write([], to: path)
        #expect { _ = try MappedFile(path: path) } throws: { error in (error as? SystemError)?.code == .tooShort }
    }

    @Test func directoryIsUnreadable() {
        #expect { _ = try MappedFile(path: FixturePaths.temporaryDirectory()) } throws: { error in
            (error as? SystemError)?.code == .unreadable
        }
    }

    @Test func mapsContents() throws {
        let path = FixturePaths.temporaryDirectory() + "/data"
        FixturePaths.write([1, 2, 3, 4, 5], to: path)
        let bytes = try withMappedFile(path: path) { Array($0.bytes) }
        #expect(bytes == [1, 2, 3, 4, 5])
    }
}

struct ByteCursorTests {
    @Test func sliceRejectsEveryOutOfRangeOrOverflowingRange() {
        let storage: [UInt8] = Array(0..<16)
        storage.withUnsafeBytes { raw in
            let cursor = ByteCursor(raw)
            #expect(cursor.slice(offset: 0, length: 16)?.count == 16)
            #expect(cursor.slice(offset: 16, length: 0)?.count == 0)
            #expect(cursor.slice(offset: 15, length: 2) == nil)
            #expect(cursor.slice(offset: 17, length: 0) == nil)
            #expect(cursor.slice(offset: -1, length: 1) == nil)
            #expect(cursor.slice(offset: 1, length: -1) == nil)
            #expect(cursor.slice(offset: Int.max, length: 1) == nil)
            #expect(cursor.slice(offset: 1, length: Int.max) == nil)
            #expect(cursor.slice(offset: Int.min, length: Int.max) == nil)
            #expect(cursor.peekLittleEndian(at: 12, as: UInt32.self) == 0x0f0e_0d0c)
            #expect(cursor.peekLittleEndian(at: 13, as: UInt32.self) == nil)
        }
    }

    @Test func sequentialReadsStopAtTheEnd() {
        let storage: [UInt8] = [1, 0, 0, 0, 2]
        storage.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            #expect(cursor.readLittleEndian(UInt32.self) == 1)
            #expect(cursor.readLittleEndian(UInt16.self) == nil)
            #expect(cursor.readUInt8() == 2)
            #expect(cursor.readUInt8() == nil)
            #expect(cursor.skip(1) == nil)
            #expect(cursor.seek(to: 6) == nil)
            #expect(cursor.remaining == 0)
        }
    }
}
