#!/usr/bin/env bash
# roo's HTML reports opened in headless Chromium through selenium and chromedriver
# (scripts/check/report.py): the headline inside the first 1280x800 screen, sections in
# order, no horizontal overflow at 1280 and 800 px or in print, no console error, print to
# PDF. Needs Debian's chromium and chromium-driver (.ci/run installs them) and selenium from
# .venv. Screenshots go to $ROO_REPORT_SCREENSHOTS (default /tmp/roo-report-screenshots).
# Ends with "report: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in chromium chromedriver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check_report.sh: missing tool: $tool (apt-get install chromium chromium-driver)" >&2
    echo "report: 0 passed, 1 failed"
    exit 1
  fi
done
scripts/ci/venv.sh
swift build --product roo >/dev/null
exec .venv/bin/python scripts/check/report.py .build/debug/roo
