// libFuzzer target (scripts/fuzz/run.sh layouts); a plain build replays saved inputs.
import FuzzSupport
import Layouts

@main
enum FuzzLayouts {
    static func main() {
        FuzzEntryPoints.prepare()
        FuzzMain.run(FuzzEntryPoints.layoutInputs)
    }
}
