#!/usr/bin/env bash
# roo vs DuckDB and Polars on the same generated file (see scripts/bench/peers.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/deps.sh
scripts/ci/venv.sh
swift build -c release --product roo >/dev/null
exec .venv/bin/python scripts/bench/peers.py "$@"
