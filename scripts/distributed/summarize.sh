#!/usr/bin/env bash
# Runs `roo summarize` on a Dask cluster: one `roo summarize --partial` task per
# file (or per share of row groups of a large file), then `roo merge`.
# See scripts/distributed/summarize.py for the options; dask distributed comes
# from PyPI into .venv/ (scripts/ci/venv.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/scripts/ci/venv.sh"
exec "$root/.venv/bin/python" "$root/scripts/distributed/summarize.py" "$@"
