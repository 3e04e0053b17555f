#!/usr/bin/env bash
# The main job on the bundled default input: builds roo (release) and runs
# `roo summarize` on Fixtures/sample-2024.parquet (200,000 synthetic lines),
# printing its readable summary: the headline, through_bloc, the largest
# flows through the bloc and the data-quality line.
# Extra arguments replace the default command, e.g.
#   scripts/run.sh summarize Fixtures/sample-2024.parquet --output out/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ci/deps.sh
swift build -c release --product roo >&2
if [ "$#" -gt 0 ]; then
  exec .build/release/roo "$@"
fi
.build/release/roo summarize Fixtures/sample-2024.parquet --summary
