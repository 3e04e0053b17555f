#!/usr/bin/env bash
# Runs one libFuzzer target for a while: scripts/fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#   TARGET: parquet (footer/metadata + every column chunk), pages (page
#   decoders and codecs on raw bytes), csv (dialect detection + CSV records),
#   layouts (ZIP archive reader, fixed-width and delimited layout parsing).
# Builds the target with -sanitize=fuzzer,address into .build-fuzz/, seeds
# the corpus from the conformance files (../shared/conformance, or
# $ROO_CONFORMANCE_DIR) and Fixtures/, and fails (exit 1)
# when libFuzzer finds a crash, leak, timeout or out-of-memory input; the
# input is saved under .build-fuzz/crashes/. Replay one with a plain build:
#   swift build --product fuzz-TARGET && .build/debug/fuzz-TARGET FILE...
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: scripts/fuzz/run.sh parquet|pages|csv|layouts SECONDS}
seconds=${2:?usage: scripts/fuzz/run.sh parquet|pages|csv|layouts SECONDS}
shift 2
case "$target" in parquet|pages|csv|layouts) ;; *) echo "unknown fuzz target: $target (parquet, pages, csv, layouts)" >&2; exit 64 ;; esac
scripts/ci/deps.sh
conformance=${ROO_CONFORMANCE_DIR:-../shared/conformance}
work=.build-fuzz
corpus=$work/corpus/$target
mkdir -p "$corpus" "$work/crashes"

swift build -c release --scratch-path "$work/build" --product "fuzz-$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DROO_FUZZ -Xswiftc -use-ld=lld >/dev/null
binary=$(swift build -c release --scratch-path "$work/build" --show-bin-path)/fuzz-$target

# Seeds (copied once; libFuzzer adds what it finds).
if [ -z "$(ls -A "$corpus")" ]; then
  case "$target" in
    parquet)
      find "$conformance" Fixtures -name '*.parquet' -size -4M -exec cp {} "$corpus/" \; ;;
    pages)
      # selector byte, parameter byte, then bytes of real files (page headers, bodies).
      i=0
      for file in $(find "$conformance" -name '*.parquet' -size -64k | sort | head -40); do
        for selector in 0 1 2 3 4 5 6 7 8 9; do
          { printf "\\x$(printf %02x $selector)\\x$(printf %02x $(( (i * 7) % 64 )))"; head -c 512 "$file" | tail -c 508; } > "$corpus/seed-$i-$selector"
        done
        i=$((i + 1))
      done ;;
    csv)
      find Fixtures Tests -name '*.csv' -size -256k -exec cp {} "$corpus/" \; 2>/dev/null || true
      printf 'origin,partner,hs_code,customs_value\nCN,MX,8708.29,"1,000.50"\n"a""b",x,,\r\n' > "$corpus/seed-quotes.csv" ;;
    layouts)
      cp Fixtures/layouts/census-imdb/IMDB2401.ZIP "$corpus/"
      head -c 4200 Fixtures/layouts/census-imdb/IMP_DETL.TXT > "$corpus/imdb-records"
      head -c 3000 Fixtures/layouts/ace-lines/ace_lines.csv | tail -c 2000 > "$corpus/ace-records"
      head -c 4000 Fixtures/layouts/pedimento-551/items_551.asc | tail -c 3000 > "$corpus/pedimento-records" ;;
  esac
fi

status=0
"$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/$target-" "$@" 2> "$work/$target.log" || status=$?
grep -E "^(stat::|Done|INFO: Loaded)" "$work/$target.log" | tail -8 || true
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|SUMMARY|Test unit written" "$work/$target.log" | head -10 >&2
  echo "fuzz $target: FAILED (see $work/$target.log)" >&2
  exit 1
fi
echo "fuzz $target: ${seconds}s, no crash"
