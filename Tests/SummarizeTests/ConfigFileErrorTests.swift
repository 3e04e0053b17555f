import Customs
import Foundation
@testable import RooSupport
@testable import Summarize
import TestSupport
import Testing

/// roo.toml errors: every syntax and schema error in one line with its position, hostile inputs.
extension ConfigFileTests {
    static let syntaxErrors: [(text: String, expected: String)] = [
        ("a = \"\"\"long\"\"\"", "line 1, column 5: unsupported TOML: multi-line strings"),
        ("a = '''long'''", "line 1, column 5: unsupported TOML: multi-line strings"),
        ("[[tables]]", "line 1, column 1: unsupported TOML: arrays of tables"),
        ("[a.b]", "line 1, column 3: unsupported TOML: dotted table names"),
        ("a.b = 1", "line 1, column 2: unsupported TOML: dotted keys"),
        ("a = [[\"x\"]]", "line 1, column 6: unsupported TOML: nested arrays"),
        ("a = [{}]", "line 1, column 6: unsupported TOML: inline tables"),
        ("a = 1979-05-27", "line 1, column 5: unsupported TOML: dates and times"),
        ("a = 1979-05-27T07:32:00Z", "line 1, column 5: unsupported TOML: dates and times"),
        ("a = 07:32:00", "line 1, column 5: unsupported TOML: dates and times"),
        ("a = \"x\\q\"", "line 1, column 7: invalid TOML: invalid escape \"\\q\""),
        ("a = \"x\\e\"", "line 1, column 7: invalid TOML: invalid escape \"\\e\""),
        ("a = \"x\\\n\"", "line 1, column 7: invalid TOML: invalid escape \"\\\" followed by the end of the line"),
        ("a = \"\\uD800\"", "line 1, column 6: invalid TOML: escape \\uD800 is not a Unicode scalar value"),
        ("a = \"\\U00110000\"", "line 1, column 6: invalid TOML: escape \\U00110000 is not a Unicode scalar value"),
        (
            "a = \"\\u12G4\"",
            "line 1, column 6: invalid TOML: incomplete escape: \\u needs 4 hexadecimal digits, found \"G\""
        ),
        ("a = \"tab\tok\u{01}\"", "line 1, column 12: invalid TOML: control character U+0001 in a string"),
        ("a = 'x\u{7F}'", "line 1, column 7: invalid TOML: control character U+007F in a string"),
        ("a = \"open\nb = 1", "line 1, column 10: invalid TOML: unterminated string (opened at line 1, column 5)"),
        ("a = 'open", "line 1, column 10: invalid TOML: unterminated string (opened at line 1, column 5)"),
        ("a = 1 # bell \u{07}", "line 1, column 14: invalid TOML: control character U+0007 in a comment"),
        ("a = 1\rb = 2", "line 1, column 6: invalid TOML: carriage return not followed by a line feed"),
        ("a = 1 b = 2", "line 1, column 7: invalid TOML: expected the end of the line after the value, found \"b\""),
        ("[t] x", "line 1, column 5: invalid TOML: expected the end of the line after the table header"),
        ("a = US", "line 1, column 5: invalid TOML: expected a value, found the bare word \"US\""),
        ("a = True", "line 1, column 5: invalid TOML: expected a value, found the bare word \"True\""),
        ("a = 012", "line 1, column 5: invalid TOML: invalid number \"012\""),
        ("a = 1__0", "line 1, column 5: invalid TOML: invalid number \"1__0\""),
        ("a = 1.", "line 1, column 5: invalid TOML: invalid number \"1.\""),
        ("a = -0x1", "line 1, column 5: invalid TOML: invalid number \"-0x1\""),
        (
            "a = 9223372036854775808",
            "line 1, column 5: invalid TOML: integer \"9223372036854775808\" does not fit in 64 bits"
        ),
        ("a = [\"x\" \"y\"]", "line 1, column 10: invalid TOML: expected \",\" or \"]\" in the array, found '\"'"),
        ("a = [,]", "line 1, column 6: invalid TOML: expected a value, found \",\""),
        ("a = @", "line 1, column 5: invalid TOML: expected a value, found \"@\""),
        ("a\n= 1", "line 1, column 2: invalid TOML: expected \"=\" after the key \"a\", found the end of the line"),
        ("a = 1\na = 2", "line 2, column 1: invalid TOML: key \"a\" is defined twice in the top level"),
        (
            "a = 1\n[a]",
            "line 2, column 1: invalid TOML: table [a] has the name of the top-level key at line 1, column 1"
        ),
        ("[\"a b\"]\n[\"a b\"]", "line 2, column 1: invalid TOML: table [\"a b\"] is defined twice"),
        ("\u{00A0}a = 1", "line 1, column 1: invalid TOML: expected a key or a table header, found U+00A0"),
    ]

    @Test func everySyntaxErrorIsOneLineWithItsPosition() {
        for (text, expected) in ConfigFileTests.syntaxErrors {
            let message = ConfigFileTests.message(text)
            #expect(message.hasPrefix("\(ConfigFileTests.path): \(expected)"), "\(text.debugDescription) -> \(message)")
            #expect(ConfigFileTests.hasPosition(message), "\(message)")
        }
    }

    static let schemaErrors: [(text: String, expected: String)] = [
        (
            "origin = \"o\"",
            "line 1, column 1: unknown top-level key \"origin\" (keys belong in a table: [columns], [region], "
                + "[programs])"
        ),
        ("[Columns]", "line 1, column 1: unknown table [Columns] (known: [columns], [region], [programs])"),
        ("[\"bad\\nname\"]", "line 1, column 1: unknown table [\"bad\\u000Aname\"] (known: "),
        (
            "[columns]\norign = \"o\"",
            "line 2, column 1: unknown canonical column \"orign\" in [columns] (known: origin, partner, hs_code, "
        ),
        (
            "[columns]\norigin = 3",
            "line 2, column 10: [columns] origin must be a string (the name of a source column), not an integer"
        ),
        (
            "[columns]\norigin = [\"o\"]",
            "line 2, column 10: [columns] origin must be a string (the name of a source column), not an array"
        ),
        ("[region]\npreset = [\"usmca\"]", "line 2, column 10: [region] preset must be a string, not an array"),
        ("[region]\nmembers = true", "line 2, column 11: [region] members must be an array of strings, not a boolean"),
        (
            "[region]\npresets = \"usmca\"",
            "line 2, column 1: unknown key \"presets\" in [region] (known: preset, members)"
        ),
        (
            "[programs]\npreference = \"S\"",
            "line 2, column 14: [programs] preference must be an array of strings, not a string"
        ),
        (
            "[programs]\nduty_free = [\"S\", 1.5]",
            "line 2, column 19: [programs] duty_free must be an array of strings, but this element is a float"
        ),
        (
            "[programs]\ndutyfree = [\"S\"]",
            "line 2, column 1: unknown key \"dutyfree\" in [programs] (known: preference, duty_free)"
        ),
    ]

    @Test func unknownTablesKeysAndWrongTypesNameTheKey() {
        for (text, expected) in ConfigFileTests.schemaErrors {
            let message = ConfigFileTests.message(text)
            #expect(message.hasPrefix("\(ConfigFileTests.path): \(expected)"), "\(text.debugDescription) -> \(message)")
        }
    }

    // MARK: Hostile input: always a clean error, never a crash

    @Test func truncatedAndMalformedInputsThrowCleanly() {
        let texts = [
            "[", "]", "=", "a", "a =", "\"", "[a", "x = [", "x = [\"a\"", #"x = "\u"#,
            "[\"", "x = \"\\", "x = '", "[]", "x = [\"a\",", "x = [#",
        ]
        var inputs = texts.map { Array($0.utf8) }
        inputs.append([0])
        inputs.append(Array("x = \"a".utf8) + [0] + Array("\"".utf8))
        inputs.append([0xFF])
        inputs.append([0xC3])  // truncated sequence
        inputs.append([0xC0, 0xAF])  // overlong "/"
        inputs.append([0xED, 0xA0, 0x80])  // a surrogate
        inputs.append([0xF4, 0x90, 0x80, 0x80])  // past U+10FFFF
        inputs.append(Array("[columns]\norigin = \"".utf8) + [0xE9, 0x22])
        for input in inputs {
            guard let error = ConfigFileTests.failure(input) else {
                Issue.record("parsed: \(input)")
                continue
            }
            #expect(ConfigFileTests.hasPosition(error.message), "\(error.message)")
        }
        #expect(
            ConfigFileTests.failure([0])?.message
                == "\(ConfigFileTests.path): line 1, column 1: invalid TOML: expected a key or a table header, found "
                + "U+0000"
        )
        #expect(
            ConfigFileTests.failure(Array("[columns]\norigin = \"".utf8) + [0xE9, 0x22])?.message
                == "\(ConfigFileTests.path): line 2, column 11: invalid TOML: invalid UTF-8 (byte 0xE9)")
    }

    @Test func deepNestingIsRefusedWithoutRecursion() {
        let brackets = String(repeating: "[", count: 10_000)
        #expect(
            ConfigFileTests.message(brackets)
                == "\(ConfigFileTests.path): line 1, column 1: unsupported TOML: arrays of tables ([[name]]) are not "
                + "supported"
        )
        #expect(
            ConfigFileTests.message("x = " + brackets)
                == "\(ConfigFileTests.path): line 1, column 6: unsupported TOML: nested arrays are not supported "
                + "(arrays hold strings)"
        )
    }

    @Test func filesOverTheSizeLimitAreRefusedBeforeParsing() throws {
        let large = [UInt8](repeating: UInt8(ascii: "["), count: 2 << 20)
        #expect(
            ConfigFileTests.failure(large)?.message
                == "\(ConfigFileTests.path): configuration file too large: 2097152 bytes (the limit is 1048576 bytes, "
                + "1 MiB)"
        )

        let file = FixturePaths.temporaryDirectory() + "/roo.toml"
        #expect(FixturePaths.write(large, to: file))
        do {
            _ = try ConfigFile.load(path: file)
            Issue.record("a 2 MiB file loaded")
        } catch let error as RooError {
            #expect(error.status == .usage)
            #expect(
                error.message
                    == "\(file): configuration file too large: 2097152 bytes (the limit is 1048576 bytes, 1 MiB)")
        }

        // Exactly at the limit is parsed (one long comment).
        let atLimit = [UInt8(ascii: "#")] + [UInt8](repeating: UInt8(ascii: "x"), count: TOMLSubset.maximumFileSize - 1)
        #expect(try ConfigFile.parse(bytes: atLimit, path: ConfigFileTests.path) == ConfigFile())
    }

    @Test func loadReadsEmptyFilesAndRefusesMissingOnes() throws {
        let directory = FixturePaths.temporaryDirectory()
        #expect(FixturePaths.write([], to: directory + "/empty.toml"))
        #expect(try ConfigFile.load(path: directory + "/empty.toml") == ConfigFile())
        #expect(FixturePaths.write(Array("[region]\npreset = 'usmca'\n".utf8), to: directory + "/roo.toml"))
        #expect(try ConfigFile.load(path: directory + "/roo.toml").region?.preset == "usmca")
        do {
            _ = try ConfigFile.load(path: directory + "/missing.toml")
            Issue.record("a missing file loaded")
        } catch let error as RooError {
            #expect(error.status == .noInput)
        }
    }

    /// SplitMix64: a small deterministic generator for the random inputs.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    @Test func randomBytesThrowCleanlyOrParse() {
        var generator = SeededGenerator(state: 0x524F_4F54_4F4D_4C00)
        let alphabet = Array("[]=\"'\\#,.{} \t\r\nuU0123456789abcdefxyzAF_-+:".utf8) + [0, 0x7F, 0xC3, 0xA9, 0xFF]
        let prefixes = ["", "[region]\nmembers = [", "[columns]\norigin = \"", "x = "].map { Array($0.utf8) }
        var errors = 0
        for round in 0..<300 {
            let count = Int.random(in: 0..<96, using: &generator)
            var bytes = prefixes[round % prefixes.count]
            for _ in 0..<count {
                if round % 3 == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                } else {
                    bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
                }
            }
            if ConfigFileTests.failure(bytes) != nil { errors += 1 }
        }
        #expect(errors > 250, "almost every random input is an error (\(errors) of 300)")
    }

    // MARK: End to end

    /// The roo binary under test: `$ROO_BINARY`, else the package's debug build.
    static var rooBinary: String {
        ProcessInfo.processInfo.environment["ROO_BINARY"] ?? FixturePaths.rooBinary()
    }

    @Test func summarizeWithAnOpenBracketConfigExits64WithOneErrorLine() throws {
        let config = FixturePaths.temporaryDirectory() + "/roo.toml"
        #expect(FixturePaths.write(Array("[".utf8), to: config))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ConfigFileTests.rooBinary)
        process.currentDirectoryURL = URL(fileURLWithPath: FixturePaths.packageRoot)
        process.arguments = ["summarize", "Fixtures/rules.parquet", "--config", config]
        let errorPipe = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorPipe
        try process.run()
        let stderr = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 64, "\(stderr)")
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "one line: \(stderr)")
        #expect(stderr.hasPrefix("roo: error: "))
        #expect(stderr.contains("roo.toml: line 1, column 2: invalid TOML: expected a table name"))
    }
}
