#!/usr/bin/env bash
# Hostile-input smoke for CI: a short corruption matrix (scripts/check/corruption_matrix.py)
# and each libFuzzer target for ROO_FUZZ_SECONDS (default 15) seconds
# (scripts/fuzz/run.sh). Longer runs: call those scripts directly.
# Ends with "hostile input: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${ROO_FUZZ_SECONDS:-15}
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*"; fi
}
check scripts/check/corruption_matrix.py --flips 12 --truncations 25
for target in parquet pages csv layouts; do
  check scripts/fuzz/run.sh "$target" "$seconds"
done
echo "hostile input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
