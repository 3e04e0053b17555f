#!/usr/bin/env python3
"""Reads Parquet files written by roo with pyarrow, DuckDB and Polars and
compares every value with `roo cat` (exact: floats bit for bit, decimals as
text). Usage: check_writer.py ROO_BINARY FILE...   Prints "N passed, M failed".

Besides the FILEs it checks three files it has roo write: `roo ingest` of a CSV
it makes (INT64, DECIMAL, DOUBLE, DATE and STRING columns with nulls, values
rising from row group to row group, 8 row groups), `roo generate` (5 row groups)
and `roo summarize --partial` of that.
For every file it also checks:
  - statistics: each column chunk's min, max, null_count (and num_values) as
    pyarrow reads them from the footer equal those of the chunk's values (NaN
    left out of min/max; no min/max when a chunk has no such value);
  - filters: DuckDB queries with WHERE on a numeric and a string column (which
    DuckDB answers by skipping row groups on those statistics) select exactly the
    rows that filtering the whole data in Python selects."""
import datetime
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
from decimal import Decimal

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq


def norm(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return struct.pack("<d", value).hex()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return {"hex": bytes(value).hex()}
    return value


def from_roo(value, field):
    if value is None:
        return None
    if pa.types.is_floating(field.type):
        if value == "NaN":
            return "NaN"
        return struct.pack("<d", float(value)).hex()
    return value


def as_table(result):
    return result.read_all() if hasattr(result, "read_all") else result


def rows_of(table):
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [[norm(v) for v in row] for row in zip(*cols)]


def chunk_problems(path):
    """Differences between each column chunk's footer statistics (as pyarrow reads them) and its values."""
    problems = []
    parquet = pq.ParquetFile(path)
    metadata = parquet.metadata
    for group in range(metadata.num_row_groups):
        table = parquet.read_row_group(group)
        for index in range(metadata.num_columns):
            name = metadata.schema.column(index).name
            where = f"row group {group} column {name}"
            chunk = metadata.row_group(group).column(index)
            stats = chunk.statistics
            if not chunk.is_stats_set or stats is None:
                problems.append(f"{where}: no statistics")
                continue
            values = table.column(name).to_pylist()
            present = [v for v in values if v is not None]
            ordered = [v for v in present if not (isinstance(v, float) and math.isnan(v))]
            nulls = len(values) - len(present)
            if not stats.has_null_count or stats.null_count != nulls:
                problems.append(f"{where}: null_count {stats.null_count if stats.has_null_count else 'unset'}, values have {nulls}")
            if stats.num_values != len(present):
                problems.append(f"{where}: num_values {stats.num_values}, values have {len(present)} non-null")
            if not ordered:
                if stats.has_min_max:
                    problems.append(f"{where}: min/max {stats.min!r}/{stats.max!r} on a chunk without ordered values")
                continue
            if not stats.has_min_max:
                problems.append(f"{where}: no min/max, values span {min(ordered)!r} to {max(ordered)!r}")
                continue
            for label, got, want in (("min", stats.min, min(ordered)), ("max", stats.max, max(ordered))):
                # Floats bit for bit, except that a zero bound may be either zero (parquet-format).
                same = got == want and type(got) is type(want) if not isinstance(want, float) else (
                    got == want and (want == 0 or struct.pack("<d", got) == struct.pack("<d", want)))
                if not same:
                    problems.append(f"{where}: {label} {got!r}, values have {want!r}")
    return problems


def pick(table, kinds):
    """Name of the first column of one of `kinds` with at least 2 distinct ordered values, or None."""
    for field in table.schema:
        if any(kind(field.type) for kind in kinds):
            distinct = {v for v in table.column(field.name).to_pylist() if v is not None}
            if len(distinct) >= 2:
                return field.name
    return None


def filter_problems(path):
    """DuckDB's answers to WHERE filters on a numeric and a string column vs filtering all rows in Python."""
    table = pq.read_table(path)
    numeric = pick(table, (pa.types.is_integer, pa.types.is_decimal, pa.types.is_date))
    text = pick(table, (pa.types.is_string, pa.types.is_large_string))
    if numeric is None or text is None:
        return [f"no numeric and string column to filter on ({numeric}, {text})"]
    n = table.column(numeric).to_pylist()
    t = table.column(text).to_pylist()
    ns = sorted(set(v for v in n if v is not None))
    ts = sorted(set(v for v in t if v is not None))
    low, mid, high = ns[len(ns) // 4], ns[len(ns) // 2], ns[(len(ns) * 9) // 10]
    t_low, t_mid = ts[len(ts) // 4], ts[len(ts) // 2]
    above = ns[-1] + (1 if isinstance(ns[-1], (int, Decimal)) else datetime.timedelta(days=1))
    cases = [  # (SQL condition, parameters, Python predicate on (numeric, string))
        (f'"{numeric}" >= ? AND "{numeric}" < ?', [low, high], lambda a, b: a is not None and low <= a < high),
        (f'"{numeric}" = ?', [mid], lambda a, b: a is not None and a == mid),
        (f'"{numeric}" > ?', [ns[-1]], lambda a, b: False),
        (f'"{numeric}" >= ?', [above], lambda a, b: False),
        (f'"{numeric}" <= ?', [ns[0]], lambda a, b: a is not None and a <= ns[0]),
        (f'"{text}" = ?', [t_mid], lambda a, b: b == t_mid),
        (f'"{text}" >= ?', [t_mid], lambda a, b: b is not None and b >= t_mid),
        (f'"{text}" < ?', [t_low], lambda a, b: b is not None and b < t_low),
        (f'"{numeric}" > ? AND "{text}" <= ?', [mid, t_mid], lambda a, b: a is not None and b is not None and a > mid and b <= t_mid),
        (f'"{numeric}" IS NULL OR "{text}" IS NULL', [], lambda a, b: a is None or b is None),
    ]
    problems = []
    for condition, parameters, predicate in cases:
        want = [row for row, (a, b) in enumerate(zip(n, t)) if predicate(a, b)]
        query = f"SELECT file_row_number FROM read_parquet(?, file_row_number = true) WHERE {condition} ORDER BY 1"
        got = [row[0] for row in duckdb.execute(query, [path] + parameters).fetchall()]
        if got != want:
            problems.append(f"WHERE {condition} {parameters}: DuckDB {len(got)} rows, Python {len(want)} "
                            f"(first difference {next((a, b) for a, b in zip(got + [None], want + [None]) if a != b)})")
    return problems


def make_roo_files(roo, directory):
    """Three more files roo writes: an ingested CSV (every ingest type, nulls, 8 row groups whose value ranges
    rise, so that filters can skip row groups), a generated extract (5 row groups) and its summarize partial."""
    csv_path = os.path.join(directory, "typed.csv")
    with open(csv_path, "w", encoding="utf-8") as out:
        out.write("id,amount,ratio,day,name,code\n")
        start = datetime.date(2020, 1, 1)
        for row in range(16_000):
            def cell(value, every):
                return "" if row % every == 5 else value
            out.write(",".join([
                cell(str(row * 3 - 9_000), 11),
                cell(f"{(row * 7919) % 100_000 - 20_000 + row * 10}.{row % 100:02d}", 13),
                cell(repr(row / 7 - 100.0), 17),
                cell((start + datetime.timedelta(days=row // 8)).isoformat(), 19),
                cell(f"name-{row // 500:03d}-{'é' if row % 3 == 0 else 'z'}{row % 97}", 23),
                cell(f"C{(row * 37) % 1000:03d}", 29),
            ]) + "\n")
    ingested = os.path.join(directory, "ingested.parquet")
    subprocess.run([roo, "ingest", csv_path, "--output", ingested, "--row-group-rows", "2000",
                    "--type", "id=int64", "--type", "amount=decimal(18,2)", "--type", "ratio=double",
                    "--type", "day=date", "--type", "name=string", "--type", "code=string"],
                   check=True, capture_output=True)
    generated = os.path.join(directory, "generated.parquet")
    subprocess.run([roo, "generate", "--rows", "50000", "--seed", "11", "--row-group-rows", "10000",
                    "--output", generated], check=True, capture_output=True)
    partial = os.path.join(directory, "partial.parquet")
    subprocess.run([roo, "summarize", generated, "--partial", partial, "--quiet"], check=True, capture_output=True)
    return [ingested, generated, partial]


def main():
    roo, files = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    scratch = tempfile.TemporaryDirectory(prefix="roo-check-writer-")
    try:
        files = files + make_roo_files(roo, scratch.name)
    except subprocess.CalledProcessError as error:
        print(f"FAIL roo could not write the extra files: {error}: {error.stderr.decode(errors='replace').strip()}")
        failed += 1
    for path in files:
        for name, check in (("statistics", chunk_problems), ("filters", filter_problems)):
            try:
                problems = check(path)
            except Exception as error:  # noqa: BLE001 - report any reader failure
                problems = [f"{type(error).__name__}: {error}"]
            if problems:
                print(f"FAIL {path} {name}: {len(problems)} problem(s)")
                for problem in problems[:10]:
                    print(f"  {problem}")
                failed += 1
            else:
                passed += 1
        out = subprocess.run([roo, "cat", path], capture_output=True, check=True).stdout.decode().splitlines()
        schema = pq.read_schema(path)
        expected = [[from_roo(json.loads(line)[f.name], f) for f in schema] for line in out]
        readers = {
            "pyarrow": lambda: pq.read_table(path),
            "duckdb": lambda: as_table(duckdb.sql(f"SELECT * FROM read_parquet('{path}')").arrow()),
            "polars": lambda: pl.read_parquet(path).to_arrow(),
        }
        for name, read in readers.items():
            try:
                got = rows_of(read())
            except Exception as error:  # noqa: BLE001 - report any reader failure
                print(f"FAIL {path} {name}: {error}")
                failed += 1
                continue
            if got == expected:
                passed += 1
            else:
                bad = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b) if len(got) == len(expected) else -1
                print(f"FAIL {path} {name}: rows {len(got)} vs {len(expected)}; first difference at row {bad}: "
                      f"{got[bad] if bad >= 0 else ''} vs {expected[bad] if bad >= 0 else ''}")
                failed += 1
    scratch.cleanup()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
