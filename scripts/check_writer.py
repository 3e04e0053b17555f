#!/usr/bin/env python3
"""Reads Parquet files written by roo with pyarrow, DuckDB and Polars and
compares every value with `roo cat` (exact: floats bit for bit, decimals as
text). Usage: check_writer.py ROO_BINARY FILE...   Prints "N passed, M failed"."""
import json
import math
import struct
import subprocess
import sys
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


def main():
    roo, files = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    for path in files:
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
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
