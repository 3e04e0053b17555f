#!/usr/bin/env python3
"""Whole-process comparison of `roo ingest` with DuckDB's COPY and Polars'
`scan_csv(...).sink_parquet(...)` on the same CSV file (plain, .zst or .gz)
and thread count: interleaved runs, median and range of wall time, MiB/s of
the input file and peak RSS (/usr/bin/time), as a Markdown table with each
tool's time over roo's. All three write ZSTD Parquet. DuckDB and Polars read
with declared column types (text codes, DECIMAL(18,2) money, as roo ingest
writes them), so neither sniffs types and all three keep the money exact.

    scripts/bench/compare_ingest.sh FILE.csv[.zst|.gz] [THREADS] [RUNS]
"""
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import CSV_TYPES, PY, ROO, interleave, spread  # noqa: E402

DUCKDB_COPY = """
import duckdb
con = duckdb.connect(); con.execute("SET threads = {threads}")
con.execute('''COPY (SELECT * FROM read_csv('{path}', header = true, columns = {{{columns}}}))
               TO '{out}' (FORMAT parquet, COMPRESSION zstd)''')
"""

POLARS_SINK = """
import os
os.environ["POLARS_MAX_THREADS"] = "{threads}"
import polars as pl
schema = {{{schema}}}
pl.scan_csv("{path}", schema=schema).sink_parquet("{out}", compression="zstd")
"""


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: compare_ingest.sh FILE.csv[.zst|.gz] [THREADS] [RUNS]")
    path = os.path.abspath(sys.argv[1])
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in CSV_TYPES.items())
    schema = ", ".join(f'"{name}": pl.Decimal(18, 2)' if kind.startswith("DECIMAL") else f'"{name}": pl.Utf8'
                       for name, kind in CSV_TYPES.items())
    with tempfile.TemporaryDirectory() as out:
        tools = {
            "roo ingest": [ROO, "ingest", path, "--output", f"{out}/roo.parquet", "--threads", str(threads)],
            "DuckDB COPY (declared types)": [PY, "-c", DUCKDB_COPY.format(
                threads=threads, path=path, columns=columns, out=f"{out}/duck.parquet")],
            "Polars scan_csv → sink_parquet (declared types)": [PY, "-c", POLARS_SINK.format(
                threads=threads, path=path, schema=schema, out=f"{out}/polars.parquet")],
        }
        outputs = dict(zip(tools, (f"{out}/{stem}.parquet" for stem in ("roo", "duck", "polars"))))

        def remove_output(name):
            if os.path.exists(outputs[name]):
                os.remove(outputs[name])  # each run writes a new file, as a user's would

        results = interleave(tools, runs, before=remove_output)
        sizes = {name: os.path.getsize(output) for name, output in outputs.items()}
        import pyarrow.parquet as pq
        lines = {name: pq.ParquetFile(output).metadata.num_rows for name, output in outputs.items()}
    mib = os.path.getsize(path) / (1 << 20)
    base = statistics.median(t for t, _ in results["roo ingest"])
    agree = "the same" if len(set(lines.values())) == 1 else f"DIFFERENT ({lines})"
    print(f"file: {path} ({mib:.1f} MiB); threads {threads}; {runs} interleaved runs; "
          f"lines written: {agree} ({lines['roo ingest']:,})\n")
    print("| tool | median s | min–max s | MiB/s | peak RSS MiB | output MB | × roo time |")
    print("|---|---|---|---|---|---|---|")
    for name, samples in results.items():
        median, low, high, rss = spread(samples)
        print(f"| {name} | {median:.2f} | {low:.2f}–{high:.2f} | {mib / median:.0f} | {rss:.0f} "
              f"| {sizes[name] / 1e6:.0f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
