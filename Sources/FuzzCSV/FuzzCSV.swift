// libFuzzer target (scripts/fuzz/run.sh csv); a plain build replays saved inputs.
import FuzzSupport
import Delimited

@main
enum FuzzCSV {
    static func main() { FuzzMain.run(FuzzEntryPoints.csvRecords) }
}
