#!/usr/bin/env bash
# scripts/distributed/summarize.sh on a Dask LocalCluster against plain roo summarize:
#   1. --local 2 on 6 generated files gives the same tables, byte for byte;
#   2. the same with options passed through (--region, --from/--to) and a JSONL table;
#   3. a worker process killed (SIGKILL) mid-run: its tasks are rerun, the tables are the same; the kill
#      hook's record (ROO_DISTRIBUTED_KILL_RECORD) must show one PID killed during the run and gone
#      afterwards, the log the nanny restarting the lost worker, the scheduler's story a task rerun;
#   4. options before the inputs, inputs whose ingest metadata implies settings, a --layout directory;
#   5. a task that fails for good (a corrupt file): roo's exit code (65) and no output at all.
# Prints "distributed: N passed, M failed". ROO=PATH uses that roo binary instead of building
# .build/release/roo.
set -uo pipefail
cd "$(dirname "$0")/../.."
scripts/ci/venv.sh
if [ -n "${ROO:-}" ]; then
  roo=$ROO
else
  swift build -c release --product roo >/dev/null || exit 1
  roo=.build/release/roo
fi
roo=$(cd "$(dirname "$roo")" && pwd)/$(basename "$roo")
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
scripts/distributed/summarize.sh "$d/in" --local 2 --roo "$roo" --output "$d/dist/" 2> "$d/dist.log"
check "local 2" $? "$d/ref" "$d/dist"

"$roo" summarize "$d/in" --region us,ca --from 202403 --to 202409 --format jsonl --table all > "$d/ref-options.jsonl"
mkdir -p "$d/ref-options" "$d/dist-options"
cp "$d/ref-options.jsonl" "$d/ref-options/all.jsonl"
scripts/distributed/summarize.sh "$d/in" --local 2 --roo "$roo" --region us,ca --from 202403 --to 202409 --format jsonl --table all \
  > "$d/dist-options/all.jsonl" 2> "$d/dist-options.log"
check "options passed through" $? "$d/ref-options" "$d/dist-options"

started=$(date +%s.%N)
ROO_DISTRIBUTED_KILL_WORKER=1 ROO_DISTRIBUTED_KILL_RECORD="$PWD/$d/killed.record" \
  scripts/distributed/summarize.sh "$d/in" --local 2 --roo "$roo" --split-row-groups 2 --output "$d/killed/" 2> "$d/killed.log"
status=$?
ended=$(date +%s.%N)
# The proof that a worker really died mid-run and that its work was done again.
if ! .venv/bin/python - "$d/killed.record" "$d/killed.log" "$started" "$ended" <<'EOF'
import json, os, sys
record, log, started, ended = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
def fail(why):
    print(f"FAIL kill: {why}", flush=True)
    sys.exit(1)
if not os.path.exists(record):
    fail(f"no kill record {record}: the hook killed no worker")
events = [json.loads(line) for line in open(record, encoding="utf-8")]
kills = [e for e in events if e["event"] == "kill"]
if len(kills) != 1:
    fail(f"{len(kills)} kills recorded, expected 1")
kill = kills[0]
if not started <= kill["time"] <= ended:
    fail(f"kill at {kill['time']} outside the run ({started} to {ended})")
try:
    os.kill(kill["pid"], 0)
    fail(f"worker pid {kill['pid']} is still alive")
except ProcessLookupError:
    pass
text = open(log, encoding="utf-8", errors="replace").read()
if f"test hook killed worker {kill['worker']} (pid {kill['pid']})" not in text:
    fail("the log does not name the killed worker and its pid")
if "distributed.nanny - WARNING - Restarting worker" not in text:
    fail("the log shows no restart of the lost worker by its nanny")
reruns = [e for e in events if e["event"] == "story" and e["key"] in kill["keys"] and e["processing"] >= 2]
if not reruns:
    fail(f"none of the killed worker's tasks {kill['keys']} was sent to a worker again")
lost = "lose already computed task" in text
print(f"kill: pid {kill['pid']} ({kill['worker']}) killed {kill['time'] - started:.2f} s into the run, gone after it; "
      f"nanny restarted the worker; {len(reruns)} of its {len(kill['keys'])} task(s) rerun"
      + ("; scheduler recomputed its finished results" if lost else ""))
EOF
then status=1; fi
check "worker killed mid-run" "$status" "$d/ref" "$d/killed"

# Options before the inputs, a census-ingested file (its metadata implies --country-codes census and
# --duty-free-by rate-provision) beside a plain one: the settings are resolved once, as summarize does.
mkdir -p "$d/mixed"
"$roo" ingest Fixtures/layouts/census-imdb/IMP_DETL.TXT --layout census-imdb --output "$d/mixed/census.parquet" 2>/dev/null
cp "$d/in/part-1.parquet" "$d/mixed/"
"$roo" summarize "$d/mixed" --region us,ca --output "$d/ref-mixed/"
scripts/distributed/summarize.sh --region us,ca "$d/mixed" --local 2 --roo "$roo" --output "$d/dist-mixed/" 2> "$d/mixed.log"
check "options first, mixed input metadata" $? "$d/ref-mixed" "$d/dist-mixed"

# A directory of census text files read with --layout (every file taken, not only *.csv*).
mkdir -p "$d/census"
cp Fixtures/layouts/census-imdb/IMP_DETL.TXT "$d/census/a.TXT"
cp Fixtures/layouts/census-imdb/IMDB2401.ZIP "$d/census/b.ZIP"
"$roo" summarize "$d/census" --layout census-imdb --output "$d/ref-census/" 2>/dev/null
scripts/distributed/summarize.sh "$d/census" --layout census-imdb --local 2 --roo "$roo" --output "$d/dist-census/" 2> "$d/census.log"
check "layout directory" $? "$d/ref-census" "$d/dist-census"

mkdir -p "$d/bad"
cp "$d/in/part-1.parquet" "$d/bad/"
cp Fixtures/corrupt/page-compressed-size-past-footer.parquet "$d/bad/part-2.parquet"
scripts/distributed/summarize.sh "$d/bad" --local 2 --roo "$roo" --retries 1 --output "$d/bad-out/" 2> "$d/bad.log"
status=$?
if [ "$status" -eq 65 ] && [ ! -e "$d/bad-out" ] && grep -q "task failed for good" "$d/bad.log"; then
  passed=$((passed+1)); echo "ok failed task refuses output"
else
  failed=$((failed+1)); echo "FAIL failed task: status $status"; tail -3 "$d/bad.log"
fi
echo "distributed: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
