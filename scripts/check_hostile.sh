#!/usr/bin/env bash
# Hostile-input smoke for CI: a short corruption matrix (scripts/corruption-matrix)
# and each libFuzzer target for ROO_FUZZ_SECONDS (default 15) seconds
# (scripts/fuzz). Longer runs: call those scripts directly.
# Ends with "hostile input: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${ROO_FUZZ_SECONDS:-15}
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*"; fi
}
check scripts/corruption-matrix --flips 12 --truncations 25
for target in parquet pages csv layouts; do
  check scripts/fuzz "$target" "$seconds"
done
echo "hostile input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
