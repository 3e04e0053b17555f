#!/usr/bin/env bash
# Writes .build-bench/customs_2m.parquet (2,000,000 synthetic customs lines,
# ZSTD, dictionary strings, DECIMAL(18,2) on INT64) for the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
mkdir -p .build-bench
rows=${1:-2000000}
.venv/bin/python scripts/make_fixtures.py --rows "$rows" --row-group-rows 500000 --output ".build-bench/customs_2m.parquet"
