#!/usr/bin/env bash
# roo ingest vs DuckDB COPY and Polars scan_csv → sink_parquet on the same CSV with the same threads,
# interleaved runs (see scripts/bench/ingest_peers.py).
# Usage: scripts/bench/compare_ingest.sh FILE.csv[.zst|.gz] [THREADS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
scripts/ci/venv.sh
swift build -c release --product roo >/dev/null
exec .venv/bin/python scripts/bench/ingest_peers.py "$@"
