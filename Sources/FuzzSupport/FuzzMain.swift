#if ROO_FUZZ
import CFuzzerDriver
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The main of every fuzz executable. Built with `-DROO_FUZZ` and
/// `-sanitize=fuzzer` (scripts/fuzz/run.sh), it hands the command line and `body`
/// to libFuzzer's driver (SwiftPM links executables with their own main, so
/// libFuzzer's cannot be used); otherwise it replays the files named on the
/// command line through `body` (`FuzzReplay`).
public enum FuzzMain {
    /// The entry point being fuzzed (libFuzzer's callback cannot capture it).
    nonisolated(unsafe) private static var body: ((UnsafeRawBufferPointer) -> Void)?

    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        #if ROO_FUZZ
        FuzzMain.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                FuzzMain.body?(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            })
        #else
        FuzzReplay.run(Array(CommandLine.arguments.dropFirst()), body)
        exit(0)
        #endif
    }
}
