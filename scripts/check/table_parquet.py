#!/usr/bin/env python3
"""roo's tables as typed Parquet (`--format parquet`) read by pyarrow, DuckDB and Polars: the same
values as the CSV tables of the same run (money exact to the cent, shares within 5e-7 of the
six-decimal text, empty CSV cells null), with the documented types.

    .venv/bin/python scripts/check/table_parquet.py ROO INPUT[::FLAGS] ...

Prints "table parquet: N passed, M failed" (one check per input and reader).
"""
import csv
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq


def csv_tables(directory):
    return {name[:-4]: list(csv.reader(open(os.path.join(directory, name), newline="")))
            for name in os.listdir(directory) if name.endswith(".csv")}


def expected_type(header, rows, column):
    """The type roo documents for a column, from the CSV text of its first row."""
    values = [row[column] for row in rows]
    name = header[column]
    if name.endswith("_share") or name.endswith("_rate") or name.endswith("_growth") or name == "utilization":
        return "double"
    if values and all("." in v and v.replace("-", "").replace(".", "").isdigit() for v in values):
        return "decimal"
    if values and all(v.lstrip("-").isdigit() for v in values) and name not in TEXT_CODES:
        return "int64"
    return "string"


# Key columns whose text looks like a number (codes stay text).
TEXT_CODES = {"hs_chapter", "hs4", "hs6", "hs8", "hs10", "year", "program", "channel", "reporter", "route"}


def same(text, value, kind):
    if text == "":
        return value is None or (kind == "string" and value == "")
    if value is None:
        return False
    if kind == "decimal":
        return Decimal(str(value)).quantize(Decimal("0.01")) == Decimal(text)
    if kind == "double":
        return abs(float(value) - float(text)) <= 5e-7
    if kind == "int64":
        return int(value) == int(text)
    # CSV guards formula-like text with a leading quote; Parquet keeps it as it is.
    return value == text or ("'" + value == text and value[:1] in "=+-@\t\r")


def check(roo, argument):
    path, _, flags = argument.partition("::")
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        run = [roo, "summarize", path, *flags.split()]
        subprocess.run(run + ["--output", scratch + "/csv/"], check=True, capture_output=True)
        subprocess.run(run + ["--format", "parquet", "--output", scratch + "/pq/"], check=True, capture_output=True)
        tables = csv_tables(scratch + "/csv")
        files = sorted(os.listdir(scratch + "/pq"))
        if files != sorted(name + ".parquet" for name in tables):
            problems.append(f"files {files} != tables {sorted(tables)}")
        readers = {
            "pyarrow": lambda f: pq.read_table(f),
            "duckdb": lambda f: duckdb.connect().sql(f"SELECT * FROM read_parquet('{f}')").to_arrow_table(),
            "polars": lambda f: pl.read_parquet(f).to_arrow(),
        }
        for reader, read in readers.items():
            for name, rows in tables.items():
                file = f"{scratch}/pq/{name}.parquet"
                header, body = rows[0], rows[1:]
                table = read(file)
                if table.column_names != header:
                    problems.append(f"{reader} {name}: columns {table.column_names} != {header}")
                    continue
                if table.num_rows != len(body):
                    problems.append(f"{reader} {name}: {table.num_rows} rows != {len(body)}")
                    continue
                meta = pq.read_metadata(file).metadata or {}
                if meta.get(b"roo.table") != name.encode():
                    problems.append(f"{name}: roo.table metadata {meta.get(b'roo.table')!r}")
                for index, column in enumerate(header):
                    kind = expected_type(header, body, index)
                    field = table.schema.field(index).type
                    ok_type = {"double": pa.types.is_floating, "int64": pa.types.is_integer,
                               "string": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
                               "decimal": lambda t: pa.types.is_decimal(t) and t.scale == 2}[kind](field)
                    if body and not ok_type:
                        problems.append(f"{reader} {name}.{column}: type {field}, want {kind}")
                        continue
                    values = table.column(index).to_pylist()
                    for row, (text, value) in enumerate(zip((r[index] for r in body), values)):
                        if not same(text, value, kind):
                            problems.append(f"{reader} {name}.{column} row {row}: {value!r} != {text!r}")
                            break
    return problems


def main():
    roo, inputs = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    for argument in inputs:
        problems = check(roo, argument)
        for problem in problems[:10]:
            print(f"{argument}: {problem}")
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"{argument}: Parquet tables read by pyarrow, DuckDB and Polars equal the CSV tables")
    print(f"table parquet: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
