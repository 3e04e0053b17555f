// libFuzzer target (scripts/fuzz/run.sh parquet); a plain build replays saved inputs.
import FuzzSupport
import Parquet

@main
enum FuzzParquet {
    static func main() { FuzzMain.run(FuzzEntryPoints.parquetFile) }
}
