#!/usr/bin/env bash
# Writes .build-bench/customs_2m.parquet (2,000,000 synthetic customs lines,
# ZSTD, dictionary strings, DECIMAL(18,2) on INT64) for the benchmarks.
# Usage: scripts/bench/make_input.sh [ROWS] [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-2000000}
output=${2:-.build-bench/customs_2m.parquet}
scripts/fixtures/make.sh big --rows "$rows" --row-group-rows 500000 --output "$output"
