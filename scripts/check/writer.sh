#!/usr/bin/env bash
# Files written by roo's Parquet writer (every type x nullability x dictionary
# x codec x page version, from WriterRoundTripTests) must read back with
# pyarrow, DuckDB and Polars to exactly the values roo reads.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
scripts/ci/venv.sh
out=.build-writer
rm -rf "$out" && mkdir -p "$out"
ROO_WRITER_OUTPUT_DIR="$PWD/$out" swift test --filter WriterRoundTripTests >/dev/null
swift build --product roo >/dev/null
.venv/bin/python scripts/check/writer.py .build/debug/roo "$out"/*.parquet
