import Foundation
@testable import Inspect
import Parquet
import TestSupport
import Testing

/// `roo inspect`'s report: what the footer says, in both formats.
struct InspectReportTests {
    static let sample = FixturePaths.fixtures + "/sample-2024.parquet"

    @Test func theReportStatesTheFootersFigures() throws {
        let file = try ParquetFile(path: InspectReportTests.sample)
        let report = try InspectReport.build(path: InspectReportTests.sample)
        #expect(report.rows == file.metadata.numRows)
        #expect(report.rowGroups.count == file.metadata.rowGroups.count)
        #expect(report.columns.map(\.name) == file.schema.columns.map(\.name))
        let markdown = report.rendered(.md)
        #expect(markdown.hasPrefix("# \(InspectReportTests.sample)\n"))
        #expect(markdown.contains("- rows: \(file.metadata.numRows)"))
    }

    @Test func theJSONFormParsesAndAgrees() throws {
        let report = try InspectReport.build(path: InspectReportTests.sample)
        let parsed = try JSONSerialization.jsonObject(with: Data(report.rendered(.json).utf8)) as? [String: Any]
        #expect((parsed?["rows"] as? NSNumber)?.int64Value == report.rows)
        #expect((parsed?["row_groups"] as? [Any])?.count == report.rowGroups.count)
    }
}
