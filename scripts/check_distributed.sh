#!/usr/bin/env bash
# scripts/distributed-summarize on a Dask LocalCluster against plain roo summarize:
#   1. --local 2 on 6 generated files gives the same tables, byte for byte;
#   2. the same with options passed through (--region, --from/--to) and a JSONL table;
#   3. a worker process killed (SIGKILL) mid-run: its tasks are rerun, the tables are the same;
#   4. options before the inputs, inputs whose ingest metadata implies settings, a --layout directory;
#   5. a task that fails for good (a corrupt file): roo's exit code (65) and no output at all.
# Prints "distributed: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh
swift build -c release --product roo >/dev/null || exit 1
roo=.build/release/roo
d=.build-distributed
rm -rf "$d"
mkdir -p "$d/in"
for seed in 1 2 3 4 5 6; do
  "$roo" generate --rows 150000 --seed "$seed" --row-group-rows 25000 --output "$d/in/part-$seed.parquet" || exit 1
done
passed=0
failed=0
check() {  # name, command status, expected dir, got dir
  if [ "$2" -eq 0 ] && diff -r "$3" "$4" > "$4.diff" 2>&1; then
    passed=$((passed+1)); echo "ok $1"
  else
    failed=$((failed+1)); echo "FAIL $1 (status $2; see $4.diff)"; head -5 "$4.diff" 2>/dev/null
  fi
}

"$roo" summarize "$d/in" --output "$d/ref/"
scripts/distributed-summarize "$d/in" --local 2 --output "$d/dist/" 2> "$d/dist.log"
check "local 2" $? "$d/ref" "$d/dist"

"$roo" summarize "$d/in" --region us,ca --from 202403 --to 202409 --format jsonl --table all > "$d/ref-options.jsonl"
mkdir -p "$d/ref-options" "$d/dist-options"
cp "$d/ref-options.jsonl" "$d/ref-options/all.jsonl"
scripts/distributed-summarize "$d/in" --local 2 --region us,ca --from 202403 --to 202409 --format jsonl --table all \
  > "$d/dist-options/all.jsonl" 2> "$d/dist-options.log"
check "options passed through" $? "$d/ref-options" "$d/dist-options"

ROO_DISTRIBUTED_KILL_WORKER=1 scripts/distributed-summarize "$d/in" --local 2 --split-row-groups 2 --output "$d/killed/" \
  2> "$d/killed.log"
status=$?
if ! grep -q "test hook killed worker" "$d/killed.log"; then echo "FAIL kill: no worker was killed"; status=1; fi
check "worker killed mid-run" "$status" "$d/ref" "$d/killed"

# Options before the inputs, a census-ingested file (its metadata implies --country-codes census and
# --duty-free-by rate-provision) beside a plain one: the settings are resolved once, as summarize does.
mkdir -p "$d/mixed"
"$roo" ingest Fixtures/layouts/census-imdb/IMP_DETL.TXT --layout census-imdb --output "$d/mixed/census.parquet" 2>/dev/null
cp "$d/in/part-1.parquet" "$d/mixed/"
"$roo" summarize "$d/mixed" --region us,ca --output "$d/ref-mixed/"
scripts/distributed-summarize --region us,ca "$d/mixed" --local 2 --output "$d/dist-mixed/" 2> "$d/mixed.log"
check "options first, mixed input metadata" $? "$d/ref-mixed" "$d/dist-mixed"

# A directory of census text files read with --layout (every file taken, not only *.csv*).
mkdir -p "$d/census"
cp Fixtures/layouts/census-imdb/IMP_DETL.TXT "$d/census/a.TXT"
cp Fixtures/layouts/census-imdb/IMDB2401.ZIP "$d/census/b.ZIP"
"$roo" summarize "$d/census" --layout census-imdb --output "$d/ref-census/" 2>/dev/null
scripts/distributed-summarize "$d/census" --layout census-imdb --local 2 --output "$d/dist-census/" 2> "$d/census.log"
check "layout directory" $? "$d/ref-census" "$d/dist-census"

mkdir -p "$d/bad"
cp "$d/in/part-1.parquet" "$d/bad/"
cp Fixtures/corrupt/page-compressed-size-past-footer.parquet "$d/bad/part-2.parquet"
scripts/distributed-summarize "$d/bad" --local 2 --retries 1 --output "$d/bad-out/" 2> "$d/bad.log"
status=$?
if [ "$status" -eq 65 ] && [ ! -e "$d/bad-out" ] && grep -q "task failed for good" "$d/bad.log"; then
  passed=$((passed+1)); echo "ok failed task refuses output"
else
  failed=$((failed+1)); echo "FAIL failed task: status $status"; tail -3 "$d/bad.log"
fi
echo "distributed: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
