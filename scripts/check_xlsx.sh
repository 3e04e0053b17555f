#!/usr/bin/env bash
# roo's xlsx workbooks opened by openpyxl (in .venv) and compared with the CSV
# tables of the same run (scripts/check_xlsx.py). Ends with "xlsx: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
swift build --product roo >/dev/null
exec .venv/bin/python scripts/check_xlsx.py .build/debug/roo Fixtures/rules.parquet Fixtures/sample-2024.parquet
