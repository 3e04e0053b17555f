import Reports
import Summarize
import TestSupport
import Testing

/// An output of the one table `--table` selects builds only that table (with the two the notes and the
/// headline read), and writes the same bytes as a run that builds every table.
struct TablesWrittenTests {
    @Test func onlyTheSelectedTableIsBuiltWhereOnlyItIsWritten() {
        #expect(SummaryOutput(destination: "out/", table: .totals).tablesWritten == [.totals, .throughBloc])
        #expect(SummaryOutput(destination: "-", table: .byOrigin).tablesWritten == [.byOrigin, .totals, .throughBloc])
        #expect(SummaryOutput(destination: "d.tsv", table: .detail).tablesWritten == [.detail, .totals, .throughBloc])
        #expect(SummaryOutput(destination: "d.parquet", table: .detail).tablesWritten != nil)
        // Every table: no selection, all of them, a report, a workbook, the terminal view.
        #expect(SummaryOutput(destination: "out/").tablesWritten == nil)
        #expect(SummaryOutput(destination: "out/", table: .totals, allTables: true).tablesWritten == nil)
        #expect(SummaryOutput(destination: "r.html", table: .totals).tablesWritten == nil)
        #expect(SummaryOutput(destination: "b.xlsx", table: .totals).tablesWritten == nil)
        var terminal = SummaryOutput(table: .totals)
        terminal.terminalView = ["x.parquet"]
        #expect(terminal.tablesWritten == nil)
    }

    @Test func aSelectedTableHasTheBytesOfEveryTableRun() throws {
        let options = SummarizeOptions(inputs: [FixturePaths.fixtures + "/sample-2024.parquet"])
        let every = try SummarizeEngine.run(options)
        let directory = FixturePaths.temporaryDirectory()
        for name in [TableName.totals, .byOrigin, .detail] {
            let path = directory + "/\(name.rawValue).csv"
            try SummarizeEngine.summarize(options, to: SummaryOutput(destination: path, table: name)) { _ in }
            let written = FixturePaths.read(path)
            let expected = every.first { $0.name == name }.map { Array(OutputFormat.csv.render($0).utf8) }
            #expect(written == expected, "\(name.rawValue)")
        }
    }
}
