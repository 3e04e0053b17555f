import Foundation
import ZIPFoundation

/// An `XLSXWorkbook` as `.xlsx` bytes: its parts deflated into a zip
/// container (ZIPFoundation), built in memory; the caller writes the file.
public enum XLSXFile {
    /// The zip container could not be built.
    public struct BuildError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "\(path): \(detail)" }
    }

    /// Zip entry date: fixed, so the same tables give the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// The workbook's zip bytes.
    ///
    /// - Throws: `BuildError` when the zip cannot be built.
    /// - Complexity: O(workbook size).
    public static func bytes(_ workbook: XLSXWorkbook, path: String) throws(BuildError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in workbook.parts() {
                let data = Data(part.contents.utf8)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else { throw BuildError(path: path, detail: "zip archive has no data") }
            return [UInt8](data)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(path: path, detail: "cannot build the xlsx zip: \(error)")
        }
    }
}
