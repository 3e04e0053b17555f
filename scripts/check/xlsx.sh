#!/usr/bin/env bash
# roo's xlsx workbooks opened by openpyxl (in .venv) and compared with the CSV
# tables of the same run (scripts/check/xlsx.py). Ends with "xlsx: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/venv.sh
swift build --product roo >/dev/null
exec .venv/bin/python scripts/check/xlsx.py .build/debug/roo Fixtures/rules.parquet Fixtures/sample-2024.parquet \
  "Fixtures/sample-2024.parquet::--by hs6,month,program,channel --compare 202403:202406" \
  "Fixtures/sample-2024.parquet::--by origin,partner,quarter" \
  "Fixtures/layouts/census-imdb/IMP_DETL.TXT::--layout census-imdb --by partner,channel"
