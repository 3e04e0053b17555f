import Testing
@testable import MappedIO
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

struct OutputFileTests {
    @Test func stagedFileAppearsOnlyOnCommit() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/out.csv"
        FixturePaths.write(Array("old\n".utf8), to: path)
        let file = try OutputFile(path: path)
        #expect(file.placement == .staged)
        let temporary = try #require(file.temporaryPath)
        #expect(
            temporary.hasPrefix(directory + "/.out.csv.roo-tmp-")
                && temporary.count == (directory + "/.out.csv.roo-tmp-").count + 16)
        try file.write(Array("new\n".utf8))
        #expect(FixturePaths.read(path) == Array("old\n".utf8), "the target keeps its bytes until commit")
        try file.commit()
        #expect(FixturePaths.read(path) == Array("new\n".utf8))
        #expect(FixturePaths.list(directory) == ["out.csv"])
    }

    @Test func droppedFileLeavesTheTargetAndNoTemporaryFile() throws {
        let directory = FixturePaths.temporaryDirectory()
        do {
            let file = try OutputFile(path: directory + "/never.csv")
            try file.write(Array(repeating: 7, count: 200_000))
        }
        #expect(FixturePaths.list(directory).isEmpty)
    }

    @Test func aPlantedLinkAtTheTemporaryNameIsNeverFollowed() throws {
        let directory = FixturePaths.temporaryDirectory()
        let victim = directory + "/victim"
        FixturePaths.write(Array("precious".utf8), to: victim)
        // An attacker who guessed the first name plants a link there: roo must not write through it.
        let planted = directory + "/.out.csv.roo-tmp-00000000000000aa"
        #expect(symlink(victim, planted) == 0)
        var suffixes: [UInt64] = [0xaa, 0xbb]
        let file = try OutputFile(path: directory + "/out.csv", randomSuffix: { suffixes.removeFirst() })
        #expect(file.temporaryPath == directory + "/.out.csv.roo-tmp-00000000000000bb")
        try file.write(Array("table".utf8))
        try file.commit()
        #expect(FixturePaths.read(victim) == Array("precious".utf8))
        #expect(FixturePaths.read(directory + "/out.csv") == Array("table".utf8))
    }

    @Test func existingModeIsKept() throws {
        let directory = FixturePaths.temporaryDirectory()
        let path = directory + "/private.csv"
        FixturePaths.write(Array("x".utf8), to: path)
        #expect(chmod(path, 0o600) == 0)
        let file = try OutputFile(path: path)
        try file.write(Array("y".utf8))
        try file.commit()
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
    }

    @Test func devicesAreWrittenInPlaceAndReportErrors() throws {
        let null = try OutputFile(path: "/dev/null")
        #expect(null.placement == .inPlace && null.temporaryPath == nil)
        try null.write(Array(repeating: 1, count: 100_000))
        try null.commit()
        let full = try OutputFile(path: "/dev/full")
        try full.write([1, 2, 3])
        #expect { try full.commit() } throws: { error in
            (error as? SystemError)?.code == .ioError && (error as? SystemError)?.errno == ENOSPC
        }
        #expect(FileKind(path: "/dev/full") == .characterDevice)
    }

    @Test func aDirectoryTargetCannotBeCreated() {
        #expect { _ = try OutputFile(path: FixturePaths.temporaryDirectory()) } throws: { error in
            (error as? SystemError)?.code == .cannotCreate
        }
        #expect { _ = try OutputFile(path: "/nonexistent-roo-directory/out.csv") } throws: { error in
            (error as? SystemError)?.code == .cannotCreate
        }
    }

    @Test func aSetIsCommittedWhole() throws {
        let directory = FixturePaths.temporaryDirectory()
        FixturePaths.write(Array("old-a".utf8), to: directory + "/a.csv")
        // The second output fails while it is prepared: no file of the set is renamed.
        let first = try OutputFile(path: directory + "/a.csv")
        try first.write(Array("new-a".utf8))
        let second = try OutputFile(path: "/dev/full")
        try second.write(Array("new-b".utf8))
        #expect(throws: SystemError.self) { try OutputFile.commit([first, second]) }
        #expect(FixturePaths.read(directory + "/a.csv") == Array("old-a".utf8))
        #expect(FixturePaths.list(directory) == ["a.csv"])
        let third = try OutputFile(path: directory + "/a.csv")
        try third.write(Array("new-a".utf8))
        let fourth = try OutputFile(path: directory + "/c.csv")
        try fourth.write(Array("new-c".utf8))
        try OutputFile.commit([third, fourth])
        #expect(FixturePaths.read(directory + "/a.csv") == Array("new-a".utf8))
        #expect(FixturePaths.read(directory + "/c.csv") == Array("new-c".utf8))
    }

    @Test func faultMessagesNameTheMappedFile() throws {
        let path = FixturePaths.temporaryDirectory() + "/mapped\u{1B}[31m.bin"
        FixturePaths.write(Array(repeating: 9, count: 10_000), to: path)
        let file = try MappedFile(path: path)
        let inside = try #require(file.bytes.baseAddress).advanced(by: 5_000)
        let message = ProcessGuard.faultMessage(at: inside)
        #expect(message.hasPrefix("roo: error: " + path.replacing("\u{1B}", with: "?")))
        #expect(message.contains("became shorter while it was being read"))
        #expect(!message.contains("\u{1B}"), "control bytes never reach the terminal")
        withExtendedLifetime(file) {}
        #expect(!ProcessGuard.faultMessage(at: nil).contains(path))
    }
}
