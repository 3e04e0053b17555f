#!/usr/bin/env bash
# roo generate is deterministic: --rows 1000000 --seed 7 twice, and with
# different --threads, gives identical bytes (release build).
set -uo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
swift build -c release --product roo >/dev/null || exit 1
dir=$(mktemp -d)
passed=0
failed=0
.build/release/roo generate --rows 1000000 --seed 7 --threads 1 --row-group-rows 250000 --output "$dir/a.parquet"
for run in "2 b" "2 c" "3 d"; do
  set -- $run
  .build/release/roo generate --rows 1000000 --seed 7 --threads "$1" --row-group-rows 250000 --output "$dir/$2.parquet"
  if cmp -s "$dir/a.parquet" "$dir/$2.parquet"; then passed=$((passed+1)); else echo "FAIL generate --threads $1 differs"; failed=$((failed+1)); fi
done
.build/release/roo generate --rows 1000000 --seed 7 --threads 2 --output "$dir/a.csv.zst"
.build/release/roo generate --rows 1000000 --seed 7 --threads 1 --output "$dir/b.csv.zst"
if cmp -s "$dir/a.csv.zst" "$dir/b.csv.zst"; then passed=$((passed+1)); else echo "FAIL generate csv.zst differs"; failed=$((failed+1)); fi
rm -rf "$dir"
echo "generate determinism: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
