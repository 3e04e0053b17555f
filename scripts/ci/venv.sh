#!/usr/bin/env bash
# Creates .venv/ with the Python tools the scripts use, at the exact versions pinned in
# scripts/ci/requirements.txt (pyarrow, duckdb, polars, numpy, openpyxl, dask, distributed, selenium and
# their dependencies), with `pip install -r`. Reinstalls whenever requirements.txt changes: the SHA-256 of
# the file (and the Python version) is stamped into .venv/.requirements.sha256 after a successful
# install, and a different or missing stamp installs again.
set -euo pipefail
cd "$(dirname "$0")/../.."
requirements=scripts/ci/requirements.txt
stamp=.venv/.requirements.sha256
[ -x .venv/bin/python ] || python3 -m venv .venv
want="$(sha256sum "$requirements" | cut -d' ' -f1) $(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "venv.sh: installing $requirements into .venv/" >&2
  rm -f "$stamp"
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  echo "$want" > "$stamp"
fi
