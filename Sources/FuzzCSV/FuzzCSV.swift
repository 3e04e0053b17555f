// libFuzzer target (scripts/fuzz/run.sh csv): CSV records and workbook sheet XML; a plain build replays saved inputs.
import FuzzSupport
import Delimited

@main
enum FuzzCSV {
    static func main() {
        FuzzMain.run { bytes in
            FuzzEntryPoints.csvRecords(bytes)
            FuzzEntryPoints.sheetXML(bytes)
        }
    }
}
