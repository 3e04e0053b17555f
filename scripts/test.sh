#!/usr/bin/env bash
# Runs roo's test suite on a fresh machine: installs libzstd-dev if missing
# (Debian, as root), then `swift test`. Tests read the conformance corpus from
# ../shared/conformance (override with ROO_CONFORMANCE_DIR).
# Prints a closing line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
log=$(mktemp)
swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
total=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | grep -Eo '[0-9]+' | tail -1)
failed=$(grep -E '^✘ Test ' "$log" | grep -v '^✘ Test run' | grep -vc 'recorded an issue')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$(( ${total:-0} - failed )) passed, ${failed} failed"
rm -f "$log"
exit "$status"
