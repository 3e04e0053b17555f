#!/usr/bin/env bash
# Files written by roo's Parquet writer (every type x nullability x dictionary
# x codec x page version, from WriterRoundTripTests) must read back with
# pyarrow, DuckDB and Polars to exactly the values roo reads; so must roo's tables written with
# --format parquet (scripts/check/table_parquet.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
scripts/ci/venv.sh
out=.build-writer
rm -rf "$out" && mkdir -p "$out"
ROO_WRITER_OUTPUT_DIR="$PWD/$out" swift test --filter WriterRoundTripTests >/dev/null
swift build --product roo >/dev/null
.venv/bin/python scripts/check/writer.py .build/debug/roo "$out"/*.parquet | tee "$out/writer.log" || true
# The tables as typed Parquet (--format parquet), with --by and --compare columns too.
.venv/bin/python scripts/check/table_parquet.py .build/debug/roo Fixtures/rules.parquet Fixtures/sample-2024.parquet \
  "Fixtures/sample-2024.parquet::--by hs6,month,program,channel --compare 202403:202406 --top 500" | tee "$out/tables.log" || true
# One line for the stage: both checks' counts.
count() {
  for log in "$out/writer.log" "$out/tables.log"; do
    grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -Eo "[0-9]+ $1"
  done | awk '{ n += $1 } END { print n + 0 }'
}
echo "writer: $(count passed) passed, $(count failed) failed"
[ "$(count failed)" -eq 0 ]
