// libFuzzer target (scripts/fuzz/run.sh pages); a plain build replays saved inputs.
import FuzzSupport
import Parquet

@main
enum FuzzPages {
    static func main() { FuzzMain.run(FuzzEntryPoints.pageDecoders) }
}
