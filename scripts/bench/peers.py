#!/usr/bin/env python3
"""Whole-process comparison of `roo summarize` with DuckDB and Polars on the
same Parquet file (or, with --csv, the same plain CSV file) and thread count:
interleaved runs, median wall time, lines/s, MB/s (compressed bytes of the
columns read; for CSV the file size) and peak RSS (/usr/bin/time), a Markdown
table with ratios, and a check that roo's tables equal DuckDB's
full-semantics result. For CSV, DuckDB's lean query reads with declared
column types (DECIMAL(18,2) money, text codes) and Polars' with declared
dtypes (Float64 money: not exact), so neither spends time sniffing types.

    scripts/bench/peers.sh [--rows 100000000] [--threads 2] [--runs 5] [--lower-bound] [--csv] [--file F]
        [--writer roo|pyarrow]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = os.path.join(ROOT, ".venv", "bin", "python")
ROO = os.path.join(ROOT, ".build", "release", "roo")

DUCKDB_LEAN = """
import duckdb, sys
con = duckdb.connect(); con.execute("SET threads = {threads}")
rows = con.execute('''
SELECT origin, substr(hs_code, 1, 2) AS ch, partner, count(*) AS lines, sum(customs_value), sum(duty),
       sum(CASE WHEN duty = 0 THEN 1 ELSE 0 END), sum(CASE WHEN duty = 0 THEN customs_value ELSE 0 END),
       sum(CASE WHEN program IN ('S', 'S+') THEN customs_value ELSE 0 END),
       sum(CASE WHEN duty <> 0 THEN 0 WHEN origin NOT IN ('US', 'CA', 'MX') THEN customs_value
                ELSE least(greatest(coalesce(non_originating_value, 0), 0), customs_value) END) AS nr
FROM {source} GROUP BY ALL ORDER BY nr DESC''').fetchall()
print(len(rows))
"""

POLARS_LEAN = """
import os
os.environ["POLARS_MAX_THREADS"] = "{threads}"
import polars as pl
c = pl.col
free = c("duty") == 0
out = ({scan}
  .group_by([c("origin"), c("hs_code").str.slice(0, 2).alias("ch"), c("partner")])
  .agg(pl.len().alias("lines"), c("customs_value").sum(), c("duty").sum(), free.sum().alias("dfl"),
       pl.when(free).then(c("customs_value")).otherwise(0).sum().alias("dfv"),
       pl.when(c("program").is_in(["S", "S+"])).then(c("customs_value")).otherwise(0).sum().alias("pv"),
       pl.when(~free).then(0).when(~c("origin").is_in(["US", "CA", "MX"])).then(c("customs_value"))
         .otherwise(pl.min_horizontal(pl.max_horizontal(c("non_originating_value").fill_null(0), 0), c("customs_value"))).sum().alias("nr"))
  .sort("nr", descending=True).collect())
print(out.height)
"""


CSV_TYPES = {"reporter": "VARCHAR", "period": "VARCHAR", "origin": "VARCHAR", "partner": "VARCHAR", "hs_code": "VARCHAR",
             "customs_value": "DECIMAL(18,2)", "duty": "DECIMAL(18,2)", "program": "VARCHAR",
             "non_originating_value": "DECIMAL(18,2)", "rate_provision": "VARCHAR"}


def duckdb_source(path, csv):
    if not csv:
        return f"read_parquet('{path}')"
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in CSV_TYPES.items())
    return f"read_csv('{path}', header = true, columns = {{{columns}}})"


def polars_scan(path, csv):
    if not csv:
        return f'pl.scan_parquet("{path}")'
    dtypes = ", ".join(f'"{name}": pl.Float64' if kind.startswith("DECIMAL") else f'"{name}": pl.Utf8'
                       for name, kind in CSV_TYPES.items())
    return f'pl.scan_csv("{path}", schema={{{dtypes}}})'


def timed(command, env=None):
    """Runs command under /usr/bin/time; returns (seconds, peak RSS MiB)."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", report.name] + command, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        seconds, kilobytes = report.read().split()[-2:]
        return float(seconds), int(kilobytes) / 1024


def interleave(tools, runs, before=None):
    """Runs every tool's command once per round, in turn, for `runs` rounds (`before(name)` ahead of each run);
    returns the (seconds, peak RSS MiB) of each run, by tool."""
    results = {name: [] for name in tools}
    for run in range(runs):
        for name, command in tools.items():
            if before:
                before(name)
            results[name].append(timed(command))
            print(f"run {run + 1} {name}: {results[name][-1][0]:.2f} s", file=sys.stderr)
    return results


def spread(samples):
    """Median, minimum and maximum seconds, and the largest peak RSS, of (seconds, RSS) samples."""
    seconds = [s for s, _ in samples]
    return statistics.median(seconds), min(seconds), max(seconds), max(r for _, r in samples)


def csv_rows_and_bytes(path):
    """Data lines (a .zst or .gz file's lines counted in its decompressed text) and the file's size on disk."""
    decompress = {".zst": ["zstd", "-dc", path], ".gz": ["gzip", "-dc", path]}.get(os.path.splitext(path)[1])
    process = subprocess.Popen(decompress, stdout=subprocess.PIPE) if decompress else None
    with process.stdout if process else open(path, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b""))
    if process and process.wait() != 0:
        sys.exit(f"peers: {' '.join(decompress)} failed")
    return lines - 1, os.path.getsize(path)


def ensure(path, rows):
    if not os.path.exists(path):
        subprocess.run([ROO, "generate", "--rows", str(rows), "--seed", "1", "--output", path], check=True)


def ensure_pyarrow(path, rows):
    """`path` as pyarrow writes a file by default (the layout most writers produce, not roo's own): roo's generated
    file rewritten row group by row group with pyarrow's defaults and ZSTD (1 MB data pages, dictionaries up to a 1 MB
    dictionary page, so the money columns fall back to PLAIN part way through each column chunk); bounded memory: one
    row group at a time."""
    if os.path.exists(path):
        return
    import pyarrow.parquet as pq
    source = path.replace("_pyarrow.parquet", ".parquet")
    ensure(source, rows)
    reader = pq.ParquetFile(source)
    with pq.ParquetWriter(path, reader.schema_arrow, compression="zstd") as writer:
        for group in range(reader.num_row_groups):
            writer.write_table(reader.read_row_group(group), row_group_size=1 << 20)


def rows_and_bytes(path):
    import pyarrow.parquet as pq
    meta = pq.ParquetFile(path).metadata
    used = {"origin", "partner", "hs_code", "customs_value", "duty", "program", "non_originating_value"}
    size = sum(meta.row_group(g).column(c).total_compressed_size for g in range(meta.num_row_groups)
               for c in range(meta.num_columns) if meta.row_group(g).column(c).path_in_schema in used)
    return meta.num_rows, size


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lower-bound", action="store_true", help="also measure decompress-only (roo bench --decompress-only)")
    ap.add_argument("--skip-full", action="store_true", help="skip DuckDB's full-semantics run (slow)")
    ap.add_argument("--csv", action="store_true", help="compare on a plain CSV file (roo generate's columns) instead of Parquet")
    ap.add_argument("--file", help="use this file (Parquet, or CSV with --csv) instead of a generated one")
    ap.add_argument("--writer", choices=["roo", "pyarrow"], default="roo",
                    help="who writes the generated Parquet file: roo generate, or pyarrow rewriting it (ensure_pyarrow)")
    args = ap.parse_args()
    extension = "csv" if args.csv else "parquet"
    suffix = "_pyarrow" if args.writer == "pyarrow" and not args.csv else ""
    path = args.file or os.path.join(ROOT, ".build-bench", f"customs_{args.rows // 1_000_000}m{suffix}.{extension}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not args.file:
        (ensure_pyarrow if suffix else ensure)(path, args.rows)
    rows, compressed = csv_rows_and_bytes(path) if args.csv else rows_and_bytes(path)
    work = tempfile.mkdtemp()
    t = str(args.threads)
    tools = {
        "roo summarize (all tables)": [ROO, "summarize", path, "--threads", t, "--output", work + "/roo/"],
        "roo summarize serial (1 thread)": [ROO, "summarize", path, "--strategy", "serial", "--output", work + "/roo1/"],
        "DuckDB lean (detail only, raw keys)": [PY, "-c", DUCKDB_LEAN.format(threads=t, source=duckdb_source(path, args.csv))],
        "Polars lean (detail only, raw keys)": [PY, "-c", POLARS_LEAN.format(threads=t, scan=polars_scan(path, args.csv))],
    }
    if not args.skip_full:
        tools["DuckDB all tables (oracle SQL)"] = [PY, os.path.join(ROOT, "scripts", "check", "oracle.py"), path, "--threads", t, "--out", work + "/oracle"]
    results = interleave(tools, args.runs)
    if args.lower_bound:
        out = subprocess.run([ROO, "bench", path, "--decompress-only", "--threads", t, "--repeat", str(args.runs)],
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1].split(",")
        results["decompress only (lower bound)"] = [(float(out[1]), 0.0)]
    same = "not checked"
    if not args.skip_full:
        same = "identical" if subprocess.run(["diff", "-r", work + "/roo", work + "/oracle"], capture_output=True).returncode == 0 else "DIFFERENT"
    roo_median = statistics.median(s for s, _ in results["roo summarize (all tables)"])
    measured = "bytes in the file" if args.csv else "compressed in the columns read"
    print(f"\nfile: {path}: {rows} lines, {compressed / 1048576:.1f} MiB {measured}; "
          f"threads {args.threads}; {args.runs} interleaved runs; roo tables vs DuckDB full semantics: {same}\n")
    print("| tool | median s | min–max s | M lines/s | MiB/s | peak RSS MiB | × roo time |")
    print("|---|---|---|---|---|---|---|")
    for name, values in results.items():
        median, low, high, rss = spread(values)
        print(f"| {name} | {median:.2f} | {low:.2f}–{high:.2f} | {rows / median / 1e6:.1f} | "
              f"{compressed / 1048576 / median:.0f} | {rss:.0f} | {median / roo_median:.2f} |")


if __name__ == "__main__":
    main()
