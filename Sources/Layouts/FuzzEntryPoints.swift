import Delimited

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point of the layouts libFuzzer target (`Sources/FuzzLayouts`):
/// arbitrary bytes as a ZIP archive (the central directory reader and the
/// entry stream) and as a chunk of every layout (fixed-width records, a
/// delimited file's header and records). Must return normally whatever the bytes.
package enum FuzzEntryPoints {
    /// One temporary file reused across runs (the ZIP reader reads by offset).
    nonisolated(unsafe) private static var archivePath: String?

    /// Builds the layout tables (lazy globals) before fuzzing starts, so that
    /// LeakSanitizer does not count their one-time allocation against an input.
    package static func prepare() {
        _ = Layout.catalog.count
    }

    package static func layoutInputs(_ bytes: UnsafeRawBufferPointer) {
        readAsZip(bytes)
        // Safe because: `bytes` is passed on unchanged, with its count; `parse` reads it only through
        // `detect` (which iterates it) and `Array(bytes)` (a copy of `bytes.count` bytes).
        for layout in Layout.catalog { parse(bytes, as: layout) }
    }

    private static func readAsZip(_ bytes: UnsafeRawBufferPointer) {
        let path = archivePath ?? "/tmp/roo-fuzz-zip-\(getpid())"
        archivePath = path
        guard let file = fopen(path, "wb") else { return }
        if let base = bytes.baseAddress, !bytes.isEmpty { fwrite(base, 1, bytes.count, file) }
        fclose(file)
        guard let stream = try? InputStream(zipArchive: path, member: nil) else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        // Safe because: `fwrite` above reads exactly `bytes.count` bytes of `bytes`, and `read(into:)` writes at
        // most the count of the buffer it is given (the Array's own 64 KiB, inside `withUnsafeMutableBytes`).
        while let count = try? buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }), count > 0, total < 64 << 20
        {
            total += count
        }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, as layout: Layout) {
        let sourceNames: [String]
        switch layout.format {
        case let .fixedWidth(_, fields):
            sourceNames = fields.map(\.name)
        case .delimited, .jsonRows:
            // The layout's own field names as the header, so that the records are parsed.
            var names: [String] = []
            for name in layout.columns.flatMap({ $0.source.fieldGroups.compactMap(\.first) })
                + layout.keeps.compactMap(\.field.first) where !names.contains(name)
            {
                names.append(name)
            }
            sourceNames = names
        }
        if case .jsonRows = layout.format {
            // The header row and the chunk cuts of a JSON input, on the same bytes.
            _ = try? JSONRows.header(bytes)
            var start = 0
            while start < bytes.count {
                let end = JSONRows.boundary(bytes, from: start, size: 64).end
                precondition(end > start && end <= bytes.count)
                start = end
            }
        }
        guard let plan = try? LayoutPlan(layout: layout, sourceNames: sourceNames, path: "fuzz") else { return }
        var resolved = layout
        if case .delimited(nil) = layout.format { resolved.format = .delimited(CSVDialect.detect(sample: bytes)) }
        let batch = RecordBatch()
        // Safe because: `bytes` is read only by `detect` (which iterates it) and `Array(bytes)` (a copy of
        // `bytes.count` bytes); the loops index the batch with `0..<batch.count` and `0..<fieldCount(record)`,
        // which `RecordBatch` also checks with preconditions.
        for dropsMalformed in [false, true] {
            let parser = LayoutChunkParser(layout: resolved, plan: plan, dropsMalformed: dropsMalformed)
            parser.parse(CSVChunk(bytes: Array(bytes), firstLineNumber: 1), into: batch)
            var total = 0
            for record in 0..<batch.count {
                _ = batch.malformation(record)
                for field in 0..<batch.fieldCount(record) { total &+= batch.field(record, field).count }
            }
            precondition(total >= 0)
        }
    }
}
