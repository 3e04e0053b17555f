#!/usr/bin/env bash
# The main job on the bundled default input: builds roo (release) and runs it
# on Fixtures/customs_sample.parquet. Extra arguments replace the default
# command, e.g. `scripts/run.sh cat Fixtures/customs_sample.parquet --limit 5`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product roo >&2
if [ "$#" -eq 0 ]; then
  set -- inspect Fixtures/customs_sample.parquet
fi
exec .build/release/roo "$@"
