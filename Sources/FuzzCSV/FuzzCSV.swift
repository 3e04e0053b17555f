// libFuzzer target: scripts/fuzz builds it with -sanitize=fuzzer,address and
// -DROO_FUZZ, and main runs libFuzzer's driver; a plain build makes a
// replayer that runs the entry point on the files given as arguments.
import FuzzSupport
import Delimited

#if canImport(Glibc)
import Glibc
#endif

@main
enum FuzzCSV {
    static func main() {
        #if ROO_FUZZ
        exit(runFuzzerDriver { data, size in
            FuzzEntryPoints.csvRecords(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
        #else
        FuzzReplay.run(Array(CommandLine.arguments.dropFirst())) { FuzzEntryPoints.csvRecords($0) }
        #endif
    }
}
