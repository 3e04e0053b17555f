#!/usr/bin/env bash
# Runs roo's whole test suite on a fresh machine:
#   1. swift test: unit, conformance corpus (../shared/conformance, override with
#      ROO_CONFORMANCE_DIR), malformed files, corruption, writer round trips,
#      summarize rules, determinism, CLI;
#   2. scripts/differential.sh: roo summarize vs the DuckDB oracle on many
#      writer/type/layout variants;
#   3. scripts/check_writer.sh: files written by roo read by pyarrow, DuckDB, Polars;
#      scripts/check_xlsx.sh: roo's xlsx workbooks opened by openpyxl;
#      scripts/check_distributed.sh: scripts/distributed-summarize on a Dask LocalCluster (incl. a killed worker);
#   4. scripts/check_generate.sh: roo generate gives identical bytes across runs/threads;
#   5. scripts/check_hostile.sh: a short corruption matrix and each fuzz target
#      for ROO_FUZZ_SECONDS (default 15) seconds; skip with ROO_SKIP_FUZZ=1.
# Stages 2-3 create .venv/ (pyarrow, duckdb, polars, numpy, openpyxl, dask distributed from PyPI); skip them
# with ROO_SKIP_PYTHON=1. Installs libzstd-dev/zlib1g-dev/libbrotli-dev via apt when missing.
# Ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh || exit 1
log=$(mktemp)
status=0
passed=0
failed=0

swift test "$@" 2>&1 | tee "$log"
stage=${PIPESTATUS[0]}
total=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | grep -Eo '[0-9]+' | tail -1)
bad=$(grep -E '^✘ Test ' "$log" | grep -v '^✘ Test run' | grep -vc 'recorded an issue')
if [ "$stage" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
passed=$(( ${total:-0} - bad ))
failed=$bad
[ "$stage" -ne 0 ] && status=1

run_stage() {
  "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  local line
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  local p f
  p=$(echo "$line" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+')
  f=$(echo "$line" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')
  if [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
  passed=$(( passed + ${p:-0} ))
  failed=$(( failed + ${f:-0} ))
  [ "$code" -ne 0 ] && status=1
  return 0
}

if [ "${ROO_SKIP_PYTHON:-0}" != "1" ]; then
  run_stage scripts/differential.sh
  run_stage scripts/check_writer.sh
  run_stage scripts/check_xlsx.sh
  run_stage scripts/check_distributed.sh
fi
run_stage scripts/check_generate.sh
if [ "${ROO_SKIP_FUZZ:-0}" != "1" ]; then
  run_stage scripts/check_hostile.sh
fi
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
