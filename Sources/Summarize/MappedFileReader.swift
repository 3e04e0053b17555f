import MappedIO

/// Reads a small file through the mapping layer (empty files give `[]`).
enum MappedFileReader {
    static func bytes(_ path: String) throws -> [UInt8] {
        do {
            return try withMappedFile(path: path) { Array($0.bytes) }
        } catch let error as SystemError where error.code == .tooShort {
            return []
        }
    }
}
