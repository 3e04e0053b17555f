#!/usr/bin/env bash
# Runs roo's whole test suite on a fresh machine:
#   1. swift test: unit, conformance corpus (../shared/conformance, override with
#      ROO_CONFORMANCE_DIR), malformed files, corruption, summarize rules, CLI;
#   2. scripts/differential.sh: roo summarize vs the DuckDB oracle on many
#      writer/type/layout variants (skip with ROO_SKIP_DIFFERENTIAL=1).
# Installs what it needs (libzstd-dev via apt; pyarrow/duckdb/polars into .venv).
# Ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh || exit 1
log=$(mktemp)
swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
total=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | grep -Eo '[0-9]+' | tail -1)
failed=$(grep -E '^✘ Test ' "$log" | grep -v '^✘ Test run' | grep -vc 'recorded an issue')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
passed=$(( ${total:-0} - failed ))
if [ "${ROO_SKIP_DIFFERENTIAL:-0}" != "1" ]; then
  scripts/differential.sh 2>&1 | tee "$log"
  dstatus=${PIPESTATUS[0]}
  line=$(grep -E '^differential: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  dpassed=$(echo "$line" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+')
  dfailed=$(echo "$line" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')
  if [ "$dstatus" -ne 0 ] && [ "${dfailed:-0}" -eq 0 ]; then dfailed=1; fi
  passed=$(( passed + ${dpassed:-0} ))
  failed=$(( failed + ${dfailed:-0} ))
  [ "$dstatus" -ne 0 ] && status=1
fi
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
