import Customs
import Foundation
@testable import RooSupport
@testable import Summarize
import TestSupport
import Testing

/// `roo.toml` through `TOMLSubset` (`--config`): the documented
/// file, CRLF and comments, one-line errors with line and column for every
/// syntax, schema and type problem, and no crash on hostile bytes.
struct ConfigFileTests {
    static let path = "roo.toml"

    /// The error `bytes` give, or nil when they parse (recording an issue if
    /// the error is not a clean one-line usage error naming the file).
    static func failure(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> RooError? {
        do {
            _ = try ConfigFile.parse(bytes: bytes, path: ConfigFileTests.path)
            return nil
        } catch let error as RooError {
            #expect(error.status == .usage, "\(error.message)", sourceLocation: sourceLocation)
            #expect(
                error.message.hasPrefix(ConfigFileTests.path + ": "), "\(error.message)", sourceLocation: sourceLocation
            )
            #expect(
                !error.message.contains("\n") && !error.message.contains("\r"), "one line: \(error.message)",
                sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("not a RooError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The message of the error `text` must give.
    static func message(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        guard let error = failure(Array(text.utf8), sourceLocation: sourceLocation) else {
            Issue.record("parsed, expected an error: \(text.debugDescription)", sourceLocation: sourceLocation)
            return ""
        }
        return error.message
    }

    /// Whether `message` carries `line L, column C` right after the path.
    static func hasPosition(_ message: String) -> Bool {
        let rest = message.dropFirst(ConfigFileTests.path.count + 2)
        guard rest.hasPrefix("line ") else { return false }
        let fields = rest.split(separator: ":", maxSplits: 1).first?.split(separator: " ") ?? []
        return fields.count == 4 && fields[0] == "line" && Int(fields[1].dropLast()) != nil
            && fields[2] == "column" && Int(fields[3]) != nil
    }

    // MARK: Accepted files

    @Test func documentedExampleParsesToItsValues() throws {
        let config = try ConfigFile.parse(
            """
            [columns]              # canonical = source
            origin = "ctry_origin"
            [region]
            members = ["US", "CA", "MX"]   # or: preset = "usmca"
            [programs]
            preference = ["S", "S+"]
            duty_free = ["S", "S+", "A"]   # used when no duty column is mapped
            """, path: ConfigFileTests.path)
        #expect(config.columns == ["origin": "ctry_origin"])
        #expect(config.region == ConfigFile.RegionSection(preset: nil, members: ["US", "CA", "MX"]))
        #expect(config.programs == ConfigFile.ProgramsSection(preference: ["S", "S+"], dutyFree: ["S", "S+", "A"]))

        var options = SummarizeOptions(inputs: [])
        try config.apply(to: &options)
        #expect(options.mapping.source(for: .origin) == "ctry_origin")
        #expect(options.region == Region(members: ["US", "CA", "MX"]))
        #expect(options.preferencePrograms == ["S", "S+"])
        #expect(options.dutyFreePrograms == ["S", "S+", "A"])

        let preset = try ConfigFile.parse("[region]\npreset = \"usmca\"\n", path: ConfigFileTests.path)
        #expect(preset == ConfigFile(columns: nil, region: .init(preset: "usmca", members: nil), programs: nil))
    }

    @Test func emptyFilesAndEmptyTablesHoldNoSettings() throws {
        #expect(try ConfigFile.parse("", path: ConfigFileTests.path) == ConfigFile())
        #expect(try ConfigFile.parse("# only a comment\n\n", path: ConfigFileTests.path) == ConfigFile())
        let empty = try ConfigFile.parse("[columns]\n[region]\n[programs]\n", path: ConfigFileTests.path)
        #expect(empty == ConfigFile(columns: [:], region: .init(), programs: .init()))
    }

    @Test func crlfCommentsBOMAndMultiLineArrays() throws {
        let text =
            "\u{FEFF}# roo settings\r\n"
            + "\r\n"
            + "  [ columns ]  # mapped\r\n"
            + "\torigin\t=\t'ctry_origin' # literal\r\n"
            + "\"customs_value\" = \"value\\tusd\"\r\n"
            + "[\"programs\"]\r\n"
            + "preference = [ # codes\r\n"
            + "  \"S\",  # first\r\n"
            + "\r\n"
            + "  'S+', # trailing comma next\r\n"
            + "]\r\n"
            + "duty_free = []\r\n"
            + "# end"
        let config = try ConfigFile.parse(text, path: ConfigFileTests.path)
        #expect(config.columns == ["origin": "ctry_origin", "customs_value": "value\tusd"])
        #expect(config.region == nil)
        #expect(config.programs == ConfigFile.ProgramsSection(preference: ["S", "S+"], dutyFree: []))
    }

    @Test func basicStringEscapes() throws {
        let text = #"[columns]"# + "\n" + #"origin = "q\" b\\ n\n t\t r\r b\b f\f e\u00E9 g\U0001F600 '""#
        let config = try ConfigFile.parse(text, path: ConfigFileTests.path)
        #expect(config.columns?["origin"] == "q\" b\\ n\n t\t r\r b\u{08} f\u{0C} e\u{E9} g\u{1F600} '")
        let literal = try ConfigFile.parse(
            #"[columns]"# + "\n" + #"origin = 'C:\no\escape'"#, path: ConfigFileTests.path)
        #expect(literal.columns?["origin"] == #"C:\no\escape"#)
    }

    @Test func numbersAndBooleansParseSoTheirTypeCanBeNamed() throws {
        let document = try TOMLSubset.parse(
            Array(
                """
                a = 1_000
                b = -17
                c = 0xff
                d = 0o17
                e = 0b101
                f = 3.5e-2
                g = -inf
                h = true
                i = [false, 2, "x",]
                """.utf8), path: ConfigFileTests.path)
        let integers: [TOMLValue] = [.integer(1000), .integer(-17), .integer(255), .integer(15), .integer(5)]
        let others: [TOMLValue] = [.float(0.035), .float(-.infinity), .boolean(true)]
        #expect(Array(document.root.entries.map(\.value).prefix(8)) == integers + others)
        #expect(document.root.entries.map(\.key) == ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
        let elements = document.root.entries.last.map { entry -> [TOMLValue] in
            guard case .array(let elements) = entry.value else { return [] }
            return elements.map(\.value)
        }
        #expect(elements == [.boolean(false), .integer(2), .string("x")])
        #expect(document.root.entries.last?.valuePosition == TOMLPosition(line: 9, column: 5))
    }

    // MARK: Exact messages

    @Test func exactMessages() {
        let path = ConfigFileTests.path
        #expect(
            ConfigFileTests.message("[")
                == "\(path): line 1, column 2: invalid TOML: expected a table name, found the end of the file")
        #expect(
            ConfigFileTests.message("x = [")
                == "\(path): line 1, column 6: invalid TOML: unterminated array (opened at line 1, column 5): expected "
                + "a value or \"]\", found the end of the file"
        )
        #expect(
            ConfigFileTests.message(#"x = "\u"#)
                == "\(path): line 1, column 6: invalid TOML: incomplete escape: \\u needs 4 hexadecimal digits, found "
                + "the end of the file"
        )
        #expect(
            ConfigFileTests.message("[columns\norigin = ")
                == "\(path): line 1, column 9: invalid TOML: expected \"]\" after the table name \"columns\", found "
                + "the end of the line"
        )
        #expect(
            ConfigFileTests.message("[colums]\norigin = \"o\"\n")
                == "\(path): line 1, column 1: unknown table [colums] (known: [columns], [region], [programs])")
        #expect(
            ConfigFileTests.message("[region]\nmembers = \"US\"\n")
                == "\(path): line 2, column 11: [region] members must be an array of strings, not a string")
        #expect(
            ConfigFileTests.message("[region]\r\nmembers = [\"US\",\r\n  1]\r\n")
                == "\(path): line 3, column 3: [region] members must be an array of strings, but this element is an "
                + "integer"
        )
        #expect(
            ConfigFileTests.message("[region]\nmember = [\"US\"]\n")
                == "\(path): line 2, column 1: unknown key \"member\" in [region] (known: preset, members)")
        #expect(
            ConfigFileTests.message("[programs]\npreference = [\"S\"]\n[programs]\n")
                == "\(path): line 3, column 1: invalid TOML: table [programs] is defined twice (first at line 1, "
                + "column 1)"
        )
        #expect(
            ConfigFileTests.message("[programs]\nduty_free = []\nduty_free = [\"A\"]\n")
                == "\(path): line 3, column 1: invalid TOML: key \"duty_free\" is defined twice in [programs] (first "
                + "at line 2, column 1)"
        )
        #expect(
            ConfigFileTests.message("x = {a = 1}")
                == "\(path): line 1, column 5: unsupported TOML: inline tables ({ … }) are not supported")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes, one character: the stray "x" is at column 14.
        #expect(
            ConfigFileTests.message("[region]\npreset = \"é\" x")
                == "\(ConfigFileTests.path): line 2, column 14: invalid TOML: expected the end of the line after the "
                + "value, found \"x\""
        )
    }

    // MARK: Every error case: one line with line and column
}
