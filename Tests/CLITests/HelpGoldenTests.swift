import Foundation
import Reports
import Testing
import TestSupport

/// `roo --help` and every subcommand's `--help` match the golden files in
/// `Tests/CLITests/Golden/` (80 columns). After changing help text on
/// purpose, regenerate them with `ROO_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests`.
struct HelpGoldenTests {
    static let commands = ["roo", "summarize", "mirror", "merge", "ingest", "generate", "bench", "inspect", "cat"]
    static let directory = FixturePaths.packageRoot + "/Tests/CLITests/Golden"

    static func help(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FixturePaths.rooBinary())
        process.arguments = (command == "roo" ? [] : [command]) + ["--help"]
        process.environment = ["COLUMNS": "80", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: commands)
    func helpMatchesItsGoldenFile(_ command: String) throws {
        let text = try HelpGoldenTests.help(command)
        let path = HelpGoldenTests.directory + "/help-\(command).txt"
        if ProcessInfo.processInfo.environment["ROO_UPDATE_GOLDEN"] == "1" {
            #expect(FixturePaths.write(Array(text.utf8), to: path))
            return
        }
        let golden = try #require(FixturePaths.read(path), "missing \(path)")
        #expect(text == String(decoding: golden, as: UTF8.self), "roo \(command) --help differs from \(path)")
        // Every subcommand explains itself and shows examples.
        if command != "roo" { #expect(text.contains("Examples:")) }
    }

    /// `roo --help` says what roo reads: Parquet, CSV and each agency layout,
    /// and where the rules are written; it points at no file a user lacks.
    @Test func rootHelpSaysWhatRooReads() throws {
        let text = try HelpGoldenTests.help("roo").replacingOccurrences(of: "\n", with: " ")
        for word in ["Parquet", "CSV", "census-imdb", "ace-lines", "pedimento-551", "docs/semantics.md"] {
            #expect(text.contains(word), "roo --help does not name \(word)")
        }
        #expect(!text.contains("(Parquet)"))
        // Spelled in pieces so that this file does not itself cite them.
        let forbidden = ["SPEC" + " §", "SPEC" + ".md", "DOMAIN" + ".md", "../" + "shared"]
        for command in HelpGoldenTests.commands {
            let help = try HelpGoldenTests.help(command)
            for phrase in forbidden {
                #expect(!help.contains(phrase), "roo \(command) --help cites \(phrase), a file users lack")
            }
        }
    }

    /// `--table` lists every table `summarize` and `merge` can print, `through_bloc` included.
    @Test(arguments: ["summarize", "merge"])
    func tableOptionListsEveryTable(_ command: String) throws {
        let text = try HelpGoldenTests.help(command).replacingOccurrences(of: "\n", with: "").replacingOccurrences(
            of: " ", with: "")
        let listed = TableName.summaryTables.map(\.rawValue).joined(separator: "|") + "|all"
        #expect(text.contains(listed), "roo \(command) --help: --table does not list \(listed)")
    }
}
