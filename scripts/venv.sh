#!/usr/bin/env bash
# Creates .venv/ with the Python tools the scripts use (pyarrow, duckdb, polars, numpy, openpyxl,
# dask distributed), once.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import pyarrow, duckdb, polars, numpy, openpyxl, distributed" 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check pyarrow duckdb polars numpy openpyxl distributed
fi
