import ArgumentParser

/// `--threads N` of the commands that run workers (summarize, merge, mirror,
/// ingest, generate): at least 1, the active processors by default. One
/// declaration, one check.
struct WorkerThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: active processors).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The thread count to run with.
    var count: Int { threads ?? activeProcessorCount() }
}
