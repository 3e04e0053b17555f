#!/usr/bin/env bash
# Runs roo's whole test suite on a fresh machine:
#   1. swift test: unit, the conformance corpus (../shared/conformance, or
#      ROO_CONFORMANCE_DIR), malformed files, corruption, writer round trips,
#      summarize rules, determinism, CLI;
#   2. scripts/check/differential.sh: roo summarize vs the DuckDB oracle on many
#      writer/type/layout variants;
#   3. scripts/check/writer.sh: files written by roo read by pyarrow, DuckDB, Polars;
#      scripts/check/xlsx.sh: roo's xlsx workbooks opened by openpyxl;
#      scripts/distributed/check.sh: scripts/distributed/summarize.sh on a Dask LocalCluster (incl. a killed worker);
#      scripts/check/report.sh: the HTML report in headless Chromium (first screen, overflow, console, PDF);
#   4. scripts/check/generate.sh: roo generate gives identical bytes across runs/threads;
#      scripts/check/docs.sh: README.md and docs/ links resolve, no file cites the contract files,
#      every command, option and table is documented;
#      scripts/check/modules.py: every target declares exactly the modules it imports;
#      scripts/check/style.py: swift format lint (.swift-format) clean, lines <= 120 characters,
#      files <= 400 lines, functions <= 70 lines;
#   5. scripts/check/hostile.sh: a short corruption matrix and each fuzz target
#      for ROO_FUZZ_SECONDS (default 15) seconds; skip with ROO_SKIP_FUZZ=1.
# Stages 2-3 create .venv/ (the pinned scripts/ci/requirements.txt from PyPI, scripts/ci/venv.sh); skip them
# with ROO_SKIP_PYTHON=1. Installs libzstd-dev/zlib1g-dev/libbrotli-dev via apt when missing.
# Arguments go to `swift test`.
#
# Failure, counted in the last line, when: swift test exits non-zero, fails a test, prints no
# "Test run with N tests" line (a build error) or runs 0 tests; a stage exits non-zero, reports
# failures, prints no "N passed, M failed" line, or reports 0 passed and 0 failed. A stage whose
# tool is missing (python3 with venv for stages 2-3, and chromium with chromedriver for check_report;
# python3 and ld.lld for stage 5) is skipped.
# Before the last line: "failed stages: ..." when any, and "skipped: NAME (WHY), ..." or
# "skipped: none". Ends with one line "N passed, M failed"; exit status 1 when M > 0.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ci/deps.sh || exit 1
# The conformance corpus swift test reads: the checkout beside this repository unless set.
export ROO_CONFORMANCE_DIR="${ROO_CONFORMANCE_DIR:-$(cd .. && pwd)/shared/conformance}"
log=$(mktemp)
passed=0
failed=0
failed_stages=()
skipped=()

swift test "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
total=$(grep -Eo 'Test run with [0-9]+ tests?' "$log" | grep -Eo '[0-9]+' | tail -1)
bad=$(grep -E '^✘ Test ' "$log" | grep -v '^✘ Test run' | grep -vc 'recorded an issue')
why=""
if [ -z "$total" ]; then
  why="printed no \"Test run with N tests\" line, exit $code"; total=0; [ "$bad" -eq 0 ] && bad=1
elif [ "$total" -eq 0 ]; then
  why="ran 0 tests, exit $code"; bad=1
elif [ "$code" -ne 0 ] && [ "$bad" -eq 0 ]; then
  why="exited $code with no failed test listed"; bad=1
elif [ "$bad" -gt 0 ]; then
  why="$bad failed test(s), exit $code"
fi
if [ "$bad" -gt "$total" ]; then passed=0; else passed=$(( total - bad )); fi
failed=$bad
if [ -n "$why" ]; then
  echo "test.sh: swift test $why"
  failed_stages+=("swift test: $why")
fi

# run_stage NAME COMMAND...: runs a stage script and adds its "N passed, M failed" line.
run_stage() {
  local name=$1
  shift
  "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  local line p f why=""
  line=$(grep -E '(^|[^0-9])[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -z "$line" ]; then
    p=0; f=1; why="stage printed no result, exit $code"
  else
    p=$(echo "$line" | grep -Eo '[0-9]+ passed' | tail -1 | grep -Eo '[0-9]+')
    f=$(echo "$line" | grep -Eo '[0-9]+ failed' | tail -1 | grep -Eo '[0-9]+')
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
      f=1; why="exited $code but reported no failure"
    elif [ "$f" -gt 0 ]; then
      why="$f failed, exit $code"
    elif [ "$p" -eq 0 ]; then
      f=1; why="reported 0 passed and 0 failed, exit $code"
    fi
  fi
  passed=$(( passed + p ))
  failed=$(( failed + f ))
  if [ -n "$why" ]; then
    echo "test.sh: $name: $why"
    failed_stages+=("$name: $why")
  fi
  return 0
}

# skip NAME WHY: records a stage not run.
skip() { skipped+=("$1 ($2)"); }

python_stages=(differential check_writer check_xlsx check_distributed check_report)
if [ "${ROO_SKIP_PYTHON:-0}" = "1" ]; then
  for name in "${python_stages[@]}"; do skip "$name" "ROO_SKIP_PYTHON=1"; done
elif [ ! -x .venv/bin/python ] && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  for name in "${python_stages[@]}"; do skip "$name" "missing tool: python3 with venv"; done
else
  run_stage differential scripts/check/differential.sh
  run_stage check_writer scripts/check/writer.sh
  run_stage check_xlsx scripts/check/xlsx.sh
  run_stage check_distributed scripts/distributed/check.sh
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    skip check_report "missing tool: chromium and chromedriver (apt-get install chromium chromium-driver)"
  else
    run_stage check_report scripts/check/report.sh
  fi
fi
run_stage check_generate scripts/check/generate.sh
run_stage check_docs scripts/check/docs.sh
if command -v python3 >/dev/null 2>&1; then
  run_stage check_modules python3 scripts/check/modules.py
  run_stage check_style python3 scripts/check/style.py
else
  skip check_modules "missing tool: python3"
  skip check_style "missing tool: python3"
fi
if [ "${ROO_SKIP_FUZZ:-0}" = "1" ]; then
  skip check_hostile "ROO_SKIP_FUZZ=1"
elif ! command -v python3 >/dev/null 2>&1; then
  skip check_hostile "missing tool: python3"
elif ! command -v ld.lld >/dev/null 2>&1; then
  skip check_hostile "missing tool: ld.lld"
else
  run_stage check_hostile scripts/check/hostile.sh
fi
rm -f "$log"

if [ "${#failed_stages[@]}" -gt 0 ]; then
  echo "failed stages: $(printf '%s; ' "${failed_stages[@]}" | sed 's/; $//')"
  [ "$failed" -eq 0 ] && failed=1
fi
if [ "${#skipped[@]}" -gt 0 ]; then
  echo "skipped: $(printf '%s, ' "${skipped[@]}" | sed 's/, $//')"
else
  echo "skipped: none"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
