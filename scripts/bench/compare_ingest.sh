#!/usr/bin/env bash
# roo ingest vs DuckDB COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet,
# COMPRESSION zstd) on the same CSV with the same threads, alternating runs.
# Prints medians, MB/s of the input file and the ratio.
# Usage: scripts/bench/compare_ingest.sh FILE.csv[.zst|.gz] [THREADS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
file=$1
threads=${2:-$(nproc)}
runs=${3:-5}
scripts/ci/venv.sh
swift build -c release --product roo >/dev/null
bytes=$(stat -c %s "$file")
out=$(mktemp -d)
roo_times=()
duck_times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  .build/release/roo ingest "$file" --output "$out/roo.parquet" --threads "$threads" 2>/dev/null
  end=$(date +%s.%N)
  roo_times+=("$(echo "$end - $start" | bc)")
  start=$(date +%s.%N)
  .venv/bin/python -c "
import duckdb, sys
con = duckdb.connect()
con.execute('SET threads = $threads')
con.execute(\"COPY (SELECT * FROM read_csv('$file')) TO '$out/duck.parquet' (FORMAT parquet, COMPRESSION zstd)\")
"
  end=$(date +%s.%N)
  duck_times+=("$(echo "$end - $start" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
r=$(median "${roo_times[@]}")
d=$(median "${duck_times[@]}")
mb=$(echo "scale=1; $bytes / 1048576" | bc)
echo "file: $file ($mb MiB), threads: $threads, runs: $runs"
echo "roo ingest:   median $r s  ($(echo "scale=1; $mb / $r" | bc) MiB/s)  runs: ${roo_times[*]}"
echo "duckdb COPY:  median $d s  ($(echo "scale=1; $mb / $d" | bc) MiB/s)  runs: ${duck_times[*]}"
echo "ratio duckdb/roo: $(echo "scale=2; $d / $r" | bc)"
echo "sizes: roo $(stat -c %s "$out/roo.parquet") bytes, duckdb $(stat -c %s "$out/duck.parquet") bytes"
rm -rf "$out"
