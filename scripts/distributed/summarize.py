#!/usr/bin/env python3
"""roo summarize on a Dask cluster, exact: partial aggregates + merge.

    scripts/distributed/summarize.sh INPUT... (--scheduler tcp://HOST:PORT | --local N)
        [--roo PATH] [--work-dir DIR] [--retries N] [--split-row-groups N]
        [--output PATH|-] [--format F] [--table T|all] [--top N]
        [roo summarize options: --map --config --region --preference-programs --duty-free-programs
         --duty-free-by --country-codes --layout --reporter --from --to --hs-width --pad-hs --decimal-separator
         --thousands --strategy --threads]

Inputs are expanded to files (directories recursed for *.parquet and *.csv*,
sorted bytewise, as roo does). Each file becomes one task
`roo summarize FILE --partial WORK/part-K.parquet [options]`; with
`--split-row-groups N`, a Parquet file of more than N row groups becomes one
task per N row groups (`--row-groups A:B`). Tasks are retried (`--retries`,
default 3; a task whose worker dies is rescheduled by Dask as well). Progress
(files done, lines/s) goes to stderr. If any task fails for good, nothing is
written and the exit status is 1; otherwise `roo merge` writes the tables
(`--output`, `--format`, `--table`, `--top`), byte for byte what
`roo summarize` gives on the same inputs. Settings the inputs imply (ingest
metadata, `--layout`) are resolved once over all files
(`roo summarize --print-resolved-options`) and given to every task. A task
that fails because of its input or options (roo exit 64/65/66/73) is not
retried; the script then exits with that code.

The roo binary, the inputs and `--work-dir` must be reachable under the same
paths on every worker and here (a shared filesystem, or --local; with
--scheduler, --work-dir is required). `--local N` starts a LocalCluster
of N single-threaded worker processes on 127.0.0.1; each roo task then uses
cores/N threads unless `--threads` is given.

Test hook: ROO_DISTRIBUTED_KILL_WORKER=1 kills (SIGKILL) the process of one
worker that is running a task, once, after the first task finishes. With
ROO_DISTRIBUTED_KILL_RECORD=FILE as well, it appends JSON lines to FILE: the
kill ({"event": "kill", "pid", "worker", "time", "keys" it was processing})
and, once every task is done, how often the scheduler sent each of those keys
to a worker ({"event": "story", "key", "processing"}: 2 or more = recomputed).
"""
import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import pyarrow.parquet as pq
from distributed import Client, LocalCluster, as_completed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def expand(inputs, every_file=False):
    """Files as given; directories recursed (sorted bytewise) for *.parquet and *.csv*, or for every
    non-hidden file when a --layout reads them (as roo does)."""
    files = []
    for item in inputs:
        if os.path.isdir(item):
            found = [p for p in glob.glob(os.path.join(item, "**", "*"), recursive=True)
                     if os.path.isfile(p) and (every_file or p.endswith(".parquet") or ".csv" in os.path.basename(p))
                     and not any(part.startswith(".") for part in os.path.relpath(p, item).split(os.sep))]
            files += sorted(found, key=lambda p: p.encode())
        elif os.path.exists(item):
            files.append(item)
        else:
            sys.exit(f"distributed-summarize: {item}: no such file")
    return files


def is_parquet(path):
    with open(path, "rb") as f:
        return f.read(4) == b"PAR1"


# roo exit codes that come from the input or the options: rerunning cannot help.
DETERMINISTIC = {64, 65, 66, 73}


def run_task(command, partial_stem):
    """Runs one roo summarize --partial into a path unique to this attempt (a rerun after a worker
    died never races an orphaned roo for the same file). Returns (partial, lines read, seconds,
    stderr notes, None) or, for a failure that rerunning cannot fix, (None, 0, 0, stderr, exit code);
    raises on other failures so that Dask retries the task."""
    start = time.monotonic()
    partial = f"{partial_stem}.{uuid.uuid4().hex}.parquet"
    done = subprocess.run(command + ["--partial", partial], capture_output=True, text=True)
    if done.returncode in DETERMINISTIC:
        return None, 0, 0.0, done.stderr.strip(), done.returncode
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()}")
    metadata = pq.read_metadata(partial).metadata
    return partial, int(metadata[b"roo.count.lines_read"]), time.monotonic() - start, done.stderr.strip(), None


def record(event):
    """Test hook: appends one JSON line to $ROO_DISTRIBUTED_KILL_RECORD, when set."""
    path = os.environ.get("ROO_DISTRIBUTED_KILL_RECORD")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(event) + "\n")


def kill_a_busy_worker(client):
    """Test hook: SIGKILL the process of a worker that is running a task (waits up to 5 s for one).
    Returns (worker address, pid, keys it was processing), or None when no worker was busy."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        busy = [(address, keys) for address, keys in client.processing().items() if keys]
        if busy:
            address, keys = busy[0]
            pid = client.run(os.getpid, workers=[address]).get(address)
            if pid:
                os.kill(pid, signal.SIGKILL)
                keys = [str(key) for key in keys]
                record({"event": "kill", "pid": pid, "worker": address, "time": time.time(), "keys": keys})
                return address, pid, keys
        time.sleep(0.05)
    return None


def record_stories(client, keys):
    """Test hook: for each key, how many times the scheduler moved it to `processing` (sent it to a
    worker); a key of the killed worker that was rerun elsewhere has 2 or more."""
    def count(dask_scheduler, keys):
        return {key: sum(1 for entry in dask_scheduler.story(key) if len(entry) > 2 and entry[2] == "processing")
                for key in keys}
    for key, processing in client.run_on_scheduler(count, keys=keys).items():
        record({"event": "story", "key": key, "processing": processing})
        print(f"distributed-summarize: test hook: task {key} was sent to a worker {processing} time(s)", file=sys.stderr)


# roo summarize options passed to every task: (flag, takes a value, repeatable).
PASSED = [("--map", True, True), ("--config", True, False), ("--region", True, False),
          ("--preference-programs", True, False), ("--duty-free-programs", True, False), ("--duty-free-by", True, False),
          ("--country-codes", True, False), ("--layout", True, False), ("--reporter", True, False), ("--from", True, False),
          ("--to", True, False), ("--hs-width", True, False), ("--pad-hs", False, False), ("--decimal-separator", True, False),
          ("--thousands", True, False), ("--strategy", True, False), ("--threads", True, False)]


def main():
    # allow_abbrev=False: `--to` (a summarize option) must not be read as our `--top`.
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    ap.add_argument("inputs", nargs="+")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local", type=int, metavar="N", help="start a LocalCluster of N worker processes")
    ap.add_argument("--roo", default=os.path.join(ROOT, ".build", "release", "roo"))
    ap.add_argument("--work-dir", help="where partials go (default: a temporary directory, removed at the end)")
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--split-row-groups", type=int, metavar="N", help="one task per N row groups of larger Parquet files")
    ap.add_argument("--output", default="-")
    ap.add_argument("--format")
    ap.add_argument("--table")
    ap.add_argument("--top")
    for flag, takes_value, repeatable in PASSED:
        action = "append" if repeatable else ("store" if takes_value else "store_true")
        ap.add_argument(flag, action=action, dest="pass_" + flag[2:].replace("-", "_"))
    args = ap.parse_args()  # unknown options are an error: every task must get exactly what summarize would
    if args.local is not None and args.local < 1:
        ap.error("--local needs at least 1 worker")
    if args.scheduler and not args.work_dir:
        ap.error("--scheduler needs --work-dir on a filesystem every worker and this machine share")
    summarize_options = []
    for flag, takes_value, repeatable in PASSED:
        value = getattr(args, "pass_" + flag[2:].replace("-", "_"))
        if not takes_value:
            summarize_options += [flag] if value else []
            continue
        for item in (value if repeatable else [value]) if value is not None else []:
            summarize_options += [flag, os.path.abspath(item) if flag == "--config" else item]
    roo = os.path.abspath(args.roo)
    if not os.access(roo, os.X_OK):
        subprocess.run(["swift", "build", "-c", "release", "--product", "roo"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    layout = args.pass_layout not in (None, "csv")
    files = [os.path.abspath(f) for f in expand(args.inputs, every_file=layout)]
    if not files:
        sys.exit("distributed-summarize: no input files")
    # Settings the inputs imply (ingest metadata, --layout) are resolved once over all files and
    # given to every task, so that the pieces agree as one summarize over everything would.
    resolved = subprocess.run([roo, "summarize"] + files + summarize_options + ["--print-resolved-options"],
                              capture_output=True, text=True)
    if resolved.returncode != 0:
        print(resolved.stderr.strip(), file=sys.stderr)
        sys.exit(resolved.returncode)
    summarize_options += resolved.stdout.split()
    if args.local and args.pass_threads is None:
        summarize_options += ["--threads", str(max(1, (os.cpu_count() or 1) // args.local))]
    work = args.work_dir or tempfile.mkdtemp(prefix="roo-partials-")
    os.makedirs(work, exist_ok=True)
    try:
        sys.exit(run(args, roo, files, summarize_options, work))
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)


def run(args, roo, files, summarize_options, work):
    """Submits the tasks, then merges; returns the exit status."""
    # One task per file, or per share of row groups of a large Parquet file.
    tasks = []
    for path in files:
        shares = [None]
        if args.split_row_groups and is_parquet(path):
            groups = pq.ParquetFile(path).metadata.num_row_groups
            if groups > args.split_row_groups:
                shares = [(a, min(a + args.split_row_groups, groups)) for a in range(0, groups, args.split_row_groups)]
        for share in shares:
            stem = os.path.join(work, f"part-{len(tasks):06d}")
            command = [roo, "summarize", path, "--quiet"] + summarize_options
            if share:
                command += ["--row-groups", f"{share[0]}:{share[1]}"]
            tasks.append((path, stem, command))

    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    start = time.monotonic()
    failures = []
    partials = {}
    lines_total = 0
    try:
        futures = {client.submit(run_task, command, stem, retries=args.retries, pure=False): (index, path)
                   for index, (path, stem, command) in enumerate(tasks)}
        kill = os.environ.get("ROO_DISTRIBUTED_KILL_WORKER") == "1"
        killed = None
        done = 0
        for future in as_completed(futures):
            index, path = futures[future]
            done += 1
            try:
                partial, lines, _, notes, code = future.result()
                if partial is None:
                    failures.append((code, f"{path}: exit {code}: {notes}"))
                else:
                    partials[index] = partial
                    lines_total += lines
                    for line in notes.splitlines():
                        print(f"\n{line}", file=sys.stderr)
            except Exception as error:  # noqa: BLE001 - retries exhausted: reported, then output refused
                failures.append((1, f"{path}: {error}"))
            elapsed = time.monotonic() - start
            print(f"\rdistributed-summarize: {done}/{len(tasks)} tasks, {lines_total / max(elapsed, 1e-9) / 1e6:.1f} M lines/s",
                  end="", file=sys.stderr, flush=True)
            if kill and done == 1 and done < len(tasks):
                killed = kill_a_busy_worker(client)
                if killed:
                    print(f"\ndistributed-summarize: test hook killed worker {killed[0]} (pid {killed[1]}) "
                          f"processing {', '.join(killed[2])}", file=sys.stderr)
                else:
                    print("\ndistributed-summarize: test hook found no busy worker to kill", file=sys.stderr)
                kill = False
        print(file=sys.stderr)
        if killed:
            record_stories(client, killed[2])
    finally:
        client.close()
        if cluster:
            cluster.close()
    if failures:
        for _, failure in failures:
            print(f"distributed-summarize: task failed for good: {failure}", file=sys.stderr)
        print("distributed-summarize: no output written", file=sys.stderr)
        return failures[0][0] or 1
    merge = [roo, "merge"] + [partials[index] for index in sorted(partials)] + ["--output", args.output]
    for flag, value in (("--format", args.format), ("--table", args.table), ("--top", args.top)):
        if value is not None:
            merge += [flag, value]
    code = subprocess.run(merge).returncode
    elapsed = time.monotonic() - start
    print(f"distributed-summarize: {len(tasks)} tasks, {lines_total} lines in {elapsed:.2f} s "
          f"({lines_total / max(elapsed, 1e-9) / 1e6:.1f} M lines/s)", file=sys.stderr)
    return code


if __name__ == "__main__":
    main()
