import Foundation
import ZIPFoundation

/// Writes an `XLSXWorkbook` as a `.xlsx` file: its parts deflated into a
/// zip container (ZIPFoundation), built in memory and then written
/// atomically (`AtomicFile`).
public enum XLSXFile {
    /// Zip entry date: fixed, so the same tables give the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// The workbook's zip bytes.
    ///
    /// - Throws: `AtomicFile.WriteError` when the zip cannot be built.
    /// - Complexity: O(workbook size).
    public static func bytes(_ workbook: XLSXWorkbook, path: String) throws(AtomicFile.WriteError) -> [UInt8] {
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
            guard let data = archive.data else { throw AtomicFile.WriteError(path: path, detail: "zip archive has no data") }
            return [UInt8](data)
        } catch let error as AtomicFile.WriteError {
            throw error
        } catch {
            throw AtomicFile.WriteError(path: path, detail: "cannot build the xlsx zip: \(error)")
        }
    }

    /// Writes `workbook` to `path` (atomically: never a partial file).
    public static func write(_ workbook: XLSXWorkbook, to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(bytes: bytes(workbook, path: path), to: path)
    }
}
