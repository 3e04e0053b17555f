#!/usr/bin/env python3
"""roo summarize on a Dask cluster, exact: partial aggregates + merge.

    scripts/distributed-summarize INPUT... (--scheduler tcp://HOST:PORT | --local N)
        [--roo PATH] [--work-dir DIR] [--retries N] [--split-row-groups N]
        [--output PATH|-] [--format F] [--table T|all] [--top N]
        [any other roo summarize option, e.g. --region us,ca --from 202401]

Inputs are expanded to files (directories recursed for *.parquet and *.csv*,
sorted bytewise, as roo does). Each file becomes one task
`roo summarize FILE --partial WORK/part-K.parquet [options]`; with
`--split-row-groups N`, a Parquet file of more than N row groups becomes one
task per N row groups (`--row-groups A:B`). Tasks are retried (`--retries`,
default 3; a task whose worker dies is rescheduled by Dask as well). Progress
(files done, lines/s) goes to stderr. If any task fails for good, nothing is
written and the exit status is 1; otherwise `roo merge` writes the tables
(`--output`, `--format`, `--table`, `--top`), byte for byte what
`roo summarize` gives on the same inputs.

The roo binary and the inputs must be reachable under the same paths on every
worker (a shared filesystem, or --local). `--local N` starts a LocalCluster
of N single-threaded worker processes on 127.0.0.1; each roo task then uses
cores/N threads unless `--threads` is given.

Test hook: ROO_DISTRIBUTED_KILL_WORKER=1 kills (SIGKILL) the process of one
worker that is running a task, once, after the first task finishes.
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pyarrow.parquet as pq
from distributed import Client, LocalCluster, as_completed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def expand(inputs):
    files = []
    for item in inputs:
        if os.path.isdir(item):
            found = [p for p in glob.glob(os.path.join(item, "**", "*"), recursive=True)
                     if os.path.isfile(p) and (p.endswith(".parquet") or ".csv" in os.path.basename(p))
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


def run_task(command, partial):
    """Runs one roo summarize --partial; returns (lines read, seconds) or raises with roo's error line."""
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()}")
    metadata = pq.read_metadata(partial).metadata
    return int(metadata[b"roo.count.lines_read"]), time.monotonic() - start


def kill_a_busy_worker(client):
    """Test hook: SIGKILL the process of a worker that is running a task."""
    processing = client.processing()
    busy = [address for address, keys in processing.items() if keys] or list(processing)
    if not busy:
        return None
    pids = client.run(os.getpid, workers=[busy[0]])
    pid = pids.get(busy[0])
    if pid:
        os.kill(pid, signal.SIGKILL)
    return busy[0]


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
    args, summarize_options = ap.parse_known_args()
    roo = os.path.abspath(args.roo)
    if not os.access(roo, os.X_OK):
        subprocess.run(["swift", "build", "-c", "release", "--product", "roo"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    files = [os.path.abspath(f) for f in expand(args.inputs)]
    if not files:
        sys.exit("distributed-summarize: no input files")
    work = args.work_dir or tempfile.mkdtemp(prefix="roo-partials-")
    os.makedirs(work, exist_ok=True)
    if args.local and "--threads" not in summarize_options:
        summarize_options += ["--threads", str(max(1, (os.cpu_count() or 1) // args.local))]

    # One task per file, or per share of row groups of a large Parquet file.
    tasks = []
    for path in files:
        shares = [None]
        if args.split_row_groups and is_parquet(path):
            groups = pq.ParquetFile(path).metadata.num_row_groups
            if groups > args.split_row_groups:
                shares = [(a, min(a + args.split_row_groups, groups)) for a in range(0, groups, args.split_row_groups)]
        for share in shares:
            partial = os.path.join(work, f"part-{len(tasks):06d}.parquet")
            command = [roo, "summarize", path, "--partial", partial, "--quiet"] + summarize_options
            if share:
                command += ["--row-groups", f"{share[0]}:{share[1]}"]
            tasks.append((path, partial, command))

    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    start = time.monotonic()
    failures = []
    lines_total = 0
    try:
        futures = {client.submit(run_task, command, partial, retries=args.retries, pure=False): (path, partial)
                   for path, partial, command in tasks}
        kill = os.environ.get("ROO_DISTRIBUTED_KILL_WORKER") == "1"
        done = 0
        for future in as_completed(futures):
            path, partial = futures[future]
            try:
                lines, _ = future.result()
                lines_total += lines
                done += 1
            except Exception as error:  # noqa: BLE001 - any task failure is reported, then refused
                failures.append(f"{path}: {error}")
                done += 1
            elapsed = time.monotonic() - start
            print(f"\rdistributed-summarize: {done}/{len(tasks)} tasks, {lines_total / max(elapsed, 1e-9) / 1e6:.1f} M lines/s",
                  end="", file=sys.stderr, flush=True)
            if kill and done == 1 and done < len(tasks):
                killed = kill_a_busy_worker(client)
                print(f"\ndistributed-summarize: test hook killed worker {killed}", file=sys.stderr)
                kill = False
        print(file=sys.stderr)
    finally:
        client.close()
        if cluster:
            cluster.close()
    if failures:
        for failure in failures:
            print(f"distributed-summarize: task failed for good: {failure}", file=sys.stderr)
        print("distributed-summarize: no output written", file=sys.stderr)
        sys.exit(1)
    merge = [roo, "merge"] + [partial for _, partial, _ in tasks] + ["--output", args.output]
    for flag, value in (("--format", args.format), ("--table", args.table), ("--top", args.top)):
        if value is not None:
            merge += [flag, value]
    code = subprocess.run(merge).returncode
    if not args.work_dir:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - start
    print(f"distributed-summarize: {len(tasks)} tasks, {lines_total} lines in {elapsed:.2f} s "
          f"({lines_total / max(elapsed, 1e-9) / 1e6:.1f} M lines/s)", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
