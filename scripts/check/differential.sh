#!/usr/bin/env bash
# Differential test: roo summarize vs the DuckDB oracle (scripts/check/oracle.py) on
# the bundled sample and on writer/type/layout variants (scripts/fixtures/variants.py).
# Every table must match byte for byte, for strategies serial and
# concurrent-perform at 1, 2, 3 and 8 threads and every other strategy at 3, and `--rejects` must list the
# oracle's rejected lines (file, row group, row, reason). Prints "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
scripts/ci/venv.sh
swift build -c release --product roo >/dev/null || exit 1
out=.build-oracle
.venv/bin/python scripts/fixtures/fixtures.py variants "$out" || exit 1
passed=0
failed=0
# The --decimal-separator/--thousands options in a case's flags (ingest takes these, not the others).
number_flags() {
  local out=()
  # shellcheck disable=SC2086
  set -- $1
  while [ $# -gt 0 ]; do
    case "$1" in --decimal-separator|--thousands) out+=("$1" "$2"); shift 2 ;; *) shift ;; esac
  done
  echo "${out[@]}"
}
while IFS=$'\t' read -r name inputs flags; do
  [ -z "$name" ] && continue
  rm -rf "$out/result/$name"
  # shellcheck disable=SC2086
  .venv/bin/python scripts/check/oracle.py $inputs --out "$out/result/$name/oracle" --rejects "$out/result/$name/oracle-rejects.csv" $flags \
    || { echo "FAIL $name: oracle"; failed=$((failed+1)); continue; }
  for run in "serial 1" "concurrent-perform 1" "concurrent-perform 2" "concurrent-perform 3" "concurrent-perform 8" \
             "work-queue 3" "shared-atomic 3" "locked-merge 3" "task-group 3"; do
    set -- $run
    dir="$out/result/$name/roo-$1-$2"
    # shellcheck disable=SC2086
    if ! .build/release/roo summarize $inputs --output "$dir/" --strategy "$1" --threads "$2" $flags; then
      echo "FAIL $name ($run): roo exited non-zero"; failed=$((failed+1)); continue
    fi
    if diff -r "$out/result/$name/oracle" "$dir" > "$dir.diff"; then
      passed=$((passed+1))
    else
      echo "FAIL $name ($run): tables differ (see $dir.diff)"; head -5 "$dir.diff"; failed=$((failed+1))
    fi
  done
  # --rejects: the same lines (file, row group, row or line, reason) as the oracle, in order.
  dir="$out/result/$name/rejects"
  # shellcheck disable=SC2086
  if .build/release/roo summarize $inputs --output "$dir/" --threads 3 --rejects "$dir.csv" $flags \
     && cut -d, -f1-4 "$dir.csv" | diff "$out/result/$name/oracle-rejects.csv" - > "$dir.diff"; then
    passed=$((passed+1))
  else
    echo "FAIL $name (--rejects): rejected lines differ (see $dir.diff)"; head -5 "$dir.diff"; failed=$((failed+1))
  fi
  # A single CSV input: ingest-then-summarize must give the same tables (not for files with money
  # that is not a number: ingest rejects those lines, summarize counts them as invalid_value).
  case "$name:$inputs" in
    *.parquet|*" "*|*/multi|*every-rejection*|*money-refused*) ;;
    *)
      dir="$out/result/$name/ingested"
      # shellcheck disable=SC2046
      if .build/release/roo ingest "$inputs" --output "$dir.parquet" $(number_flags "$flags") 2>/dev/null \
         && .build/release/roo summarize "$dir.parquet" --output "$dir/" $flags \
         && diff -r "$out/result/$name/oracle" "$dir" > "$dir.diff"; then
        passed=$((passed+1))
      else
        echo "FAIL $name (ingest then summarize)"; head -5 "$dir.diff" 2>/dev/null; failed=$((failed+1))
      fi ;;
  esac
done < "$out/cases.tsv"
# The census layout: roo reads the IMDB records (IMP_DETL.TXT), the oracle the canonical CSV that
# scripts/fixtures/make_layouts.py writes of the same records, for a matrix of --by sets.
census=Fixtures/layouts/census-imdb
for by in "channel,partner" "hs6,month" "program,channel,origin" "hs10,quarter" "col:dist_entry,partner" \
          "origin,hs2,partner compare"; do
  compare=()
  case "$by" in *" compare") by=${by% compare}; compare=(--compare 202401:202404) ;; esac
  name="census-by-${by//[,:]/-}${compare[*]:+-compare}"
  rm -rf "$out/result/$name"
  if ! .venv/bin/python scripts/check/oracle.py "$census/canonical.csv" --out "$out/result/$name/oracle" \
       --country-codes census --duty-free-by rate-provision --by "$by" "${compare[@]}"; then
    echo "FAIL $name: oracle"; failed=$((failed+1)); continue
  fi
  for run in "serial 1" "concurrent-perform 3" "work-queue 2" "shared-atomic 3"; do
    set -- $run
    dir="$out/result/$name/roo-$1-$2"
    if .build/release/roo summarize "$census/IMP_DETL.TXT" --layout census-imdb --by "$by" "${compare[@]}" --output "$dir/" \
         --strategy "$1" --threads "$2" 2>/dev/null \
       && diff -r "$out/result/$name/oracle" "$dir" > "$dir.diff"; then
      passed=$((passed+1))
    else
      echo "FAIL $name ($run): tables differ (see $dir.diff)"; head -5 "$dir.diff" 2>/dev/null; failed=$((failed+1))
    fi
  done
done
# The layout fixtures (Fixtures/layouts) and their oracle tables are what the generator makes today
# (the ZIP is left out: its deflate bytes depend on the zlib version).
rm -rf "$out/layouts"
if .venv/bin/python scripts/fixtures/make_layouts.py "$out/layouts" >/dev/null \
   && diff -r -x '*.ZIP' Fixtures/layouts "$out/layouts" > "$out/layouts.diff"; then
  passed=$((passed+1))
else
  echo "FAIL layout fixtures differ from scripts/fixtures/make_layouts.py (see $out/layouts.diff)"; head -5 "$out/layouts.diff"; failed=$((failed+1))
fi
# The mirror fixtures (Fixtures/mirror) and their oracle table, the same way.
rm -rf "$out/mirror"
if .venv/bin/python scripts/fixtures/make_mirror.py "$out/mirror" >/dev/null \
   && diff -r Fixtures/mirror "$out/mirror" > "$out/mirror.diff"; then
  passed=$((passed+1))
else
  echo "FAIL mirror fixtures differ from scripts/fixtures/make_mirror.py (see $out/mirror.diff)"; head -5 "$out/mirror.diff"; failed=$((failed+1))
fi
echo "differential: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
