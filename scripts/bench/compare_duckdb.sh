#!/usr/bin/env bash
# Whole-process comparison: roo summarize vs DuckDB running the oracle SQL
# (scripts/check/oracle.py) on the same file with the same thread count. Runs each
# side by side N times (alternating) and prints the median wall time and rows/s.
# Usage: scripts/bench/compare_duckdb.sh FILE [THREADS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
file=$1
threads=${2:-$(nproc)}
runs=${3:-5}
scripts/ci/venv.sh
swift build -c release --product roo >/dev/null
rows=$(.build/release/roo inspect "$file" --format json | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['rows'])")
out=$(mktemp -d)
roo_times=()
duck_times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  .build/release/roo summarize "$file" --threads "$threads" --output "$out/roo/" >/dev/null
  end=$(date +%s.%N)
  roo_times+=("$(echo "$end - $start" | bc)")
  start=$(date +%s.%N)
  .venv/bin/python scripts/check/oracle.py "$file" --threads "$threads" --out "$out/oracle" >/dev/null
  end=$(date +%s.%N)
  duck_times+=("$(echo "$end - $start" | bc)")
done
diff -r "$out/roo" "$out/oracle" >/dev/null && same="identical" || same="DIFFERENT"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
r=$(median "${roo_times[@]}")
d=$(median "${duck_times[@]}")
echo "file: $file ($rows rows), threads: $threads, runs: $runs, tables: $same"
echo "roo summarize:      median $r s  ($(echo "$rows / $r" | bc) rows/s)  runs: ${roo_times[*]}"
echo "duckdb oracle SQL:  median $d s  ($(echo "$rows / $d" | bc) rows/s)  runs: ${duck_times[*]}"
echo "ratio duckdb/roo:   $(echo "scale=2; $d / $r" | bc)"
rm -rf "$out"
