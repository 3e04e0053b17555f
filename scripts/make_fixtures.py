#!/usr/bin/env python3
"""Writes roo's small committed fixtures (and, with --rows, larger benchmark inputs).

Deterministic: the same arguments give the same values (fixed seed). Needs
pyarrow (scripts/venv.sh installs it into .venv/).

    .venv/bin/python scripts/make_fixtures.py                      # Fixtures/customs_sample.parquet
    .venv/bin/python scripts/make_fixtures.py --rows 4000000 --output .build-bench/customs_4m.parquet
"""
import argparse
import random
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq

PARTNERS = [("MX", 16), ("CN", 14), ("CA", 13), ("DE", 5), ("JP", 5), ("KR", 4), ("VN", 4), ("TW", 3),
            ("IE", 3), ("IN", 3), ("IT", 2), ("GB", 2), ("FR", 2), ("CH", 2), ("TH", 2), ("MY", 2),
            ("BR", 1), ("SG", 1), ("ID", 1), ("NL", 1)]
NON_REGIONAL_ORIGINS = ["CN", "KR", "JP", "VN", "TW", "DE", "IN", "TH"]
CHAPTERS = {"MX": ["87", "85", "84", "90", "27", "94", "07", "08", "22"],
            "CA": ["27", "87", "84", "44", "39", "76", "48", "85"],
            "CN": ["85", "84", "94", "95", "61", "62", "39", "73", "64"]}
DEFAULT_CHAPTERS = ["84", "85", "87", "30", "90", "29", "71", "39", "61", "94"]


def make_table(rows: int, seed: int) -> pa.Table:
    rng = random.Random(seed)
    names = [p for p, _ in PARTNERS]
    weights = [w for _, w in PARTNERS]
    columns = {k: [] for k in ["reporter", "period", "origin", "partner", "hs_code", "customs_value",
                               "duty", "program", "non_originating_value", "rate_provision"]}
    for _ in range(rows):
        partner = rng.choices(names, weights)[0]
        origin = partner
        if partner in ("MX", "CA") and rng.random() < 0.08:
            origin = rng.choice(NON_REGIONAL_ORIGINS)
        chapter = rng.choice(CHAPTERS.get(partner, DEFAULT_CHAPTERS))
        hs = chapter + "".join(str(rng.randrange(10)) for _ in range(8))
        cents = int(rng.lognormvariate(9.5, 1.6) * 100) + 1
        program = None
        duty = 0
        non_originating = None
        if partner in ("MX", "CA") and rng.random() < 0.5:
            program = rng.choice(["S", "S+"])
            if rng.random() < 0.9:
                non_originating = Decimal(int(cents * rng.uniform(0, 0.6))) / 100
        elif rng.random() < 0.55:
            duty = int(cents * rng.choice([0.025, 0.04, 0.065, 0.1, 0.25]))
        columns["reporter"].append("US")
        columns["period"].append(202400 + rng.randrange(1, 13))
        columns["origin"].append(origin)
        columns["partner"].append(partner)
        columns["hs_code"].append(hs)
        columns["customs_value"].append(Decimal(cents) / 100)
        columns["duty"].append(Decimal(duty) / 100)
        columns["program"].append(program)
        columns["non_originating_value"].append(non_originating)
        columns["rate_provision"].append("00" if duty == 0 else "61")
    money = pa.decimal128(18, 2)
    schema = pa.schema([("reporter", pa.string()), ("period", pa.int32()), ("origin", pa.string()),
                        ("partner", pa.string()), ("hs_code", pa.string()), ("customs_value", money),
                        ("duty", money), ("program", pa.string()), ("non_originating_value", money),
                        ("rate_provision", pa.string())])
    return pa.table(columns, schema=schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--row-group-rows", type=int, default=None)
    parser.add_argument("--output", default="Fixtures/customs_sample.parquet")
    args = parser.parse_args()
    writer = None
    chunk = 500_000
    written = 0
    part = 0
    while written < args.rows:
        n = min(chunk, args.rows - written)
        table = make_table(n, args.seed + part)
        if writer is None:
            writer = pq.ParquetWriter(args.output, table.schema, compression="zstd", use_dictionary=True,
                                      data_page_version="1.0", write_statistics=True,
                                      store_decimal_as_integer=True)
        writer.write_table(table, row_group_size=args.row_group_rows or min(args.rows, 1_000_000) // 4 or 1)
        written += n
        part += 1
    if writer is not None:
        writer.close()
    print(f"wrote {written} rows to {args.output}")


if __name__ == "__main__":
    main()
