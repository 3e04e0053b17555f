// libFuzzer target: scripts/fuzz builds it with -sanitize=fuzzer,address and
// -DROO_FUZZ, and main runs libFuzzer's driver; a plain build makes a
// replayer that runs the entry point on the files given as arguments.
import FuzzSupport
import Parquet

#if canImport(Glibc)
import Glibc
#endif

@main
enum FuzzPages {
    static func main() {
        #if ROO_FUZZ
        exit(runFuzzerDriver { data, size in
            FuzzEntryPoints.pageDecoders(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
        #else
        FuzzReplay.run(Array(CommandLine.arguments.dropFirst())) { FuzzEntryPoints.pageDecoders($0) }
        #endif
    }
}
