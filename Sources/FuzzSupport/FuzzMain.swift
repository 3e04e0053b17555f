#if ROO_FUZZ
import CFuzzerDriver

/// The fuzz executables' main under libFuzzer: hands the command line and
/// `body` to libFuzzer's driver. - Returns: the driver's exit status.
public func runFuzzerDriver(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}
#endif
