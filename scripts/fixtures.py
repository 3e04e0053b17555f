#!/usr/bin/env python3
"""Synthetic customs extracts for roo's fixtures, tests and benchmarks.

Deterministic for a given seed (numpy PCG64). The shape is roo generate's
(docs/cli.md, generate): reporter US, 12 months, ~200 partners weighted like US 2024
import shares, a pass-through share of MX/CA lines with non-regional origin,
~15,000 distinct HS10 codes with a per-partner chapter mix, log-normal
values, USMCA claims (S, S+) on about half of MX/CA lines with duty 0 and
non_originating_value = value x U(0, 0.6) (null on some), MFN-free and GSP
lines, dutiable lines with duty = value x rate. Money is DECIMAL(18,2) on
INT64, strings dictionary-encoded, ZSTD.

    scripts/make-fixtures sample  [--rows 200000] [--output Fixtures/sample-2024.parquet]
    scripts/make-fixtures rules   # Fixtures/rules.parquet: every rejection reason and rule edge
    scripts/make-fixtures big     --rows 20000000 --output .build-bench/customs_20m.parquet
    scripts/make-fixtures variants OUTDIR   # writer/type/layout variants for the oracle tests
"""
import argparse
import os
import sys
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# Top partners with ~2024 US import shares (percent, published 2024 partner totals); the rest share the long tail.
TOP = [("MX", 15.5), ("CN", 13.4), ("CA", 12.6), ("DE", 5.0), ("JP", 4.6), ("KR", 4.0), ("VN", 4.2),
       ("TW", 3.6), ("IE", 3.0), ("IN", 2.7), ("IT", 2.4), ("GB", 2.1), ("TH", 1.9), ("CH", 1.9),
       ("MY", 1.6), ("FR", 1.6), ("SG", 1.3), ("BR", 1.3), ("ID", 0.9), ("IL", 0.7)]
NON_REGIONAL = ["CN", "KR", "JP", "VN", "TW", "DE", "IN", "TH", "MY", "IT"]
NON_REGIONAL_WEIGHTS = [40, 12, 12, 10, 8, 6, 5, 3, 2, 2]
CHAPTER_MIX = {
    "MX": {"87": 27, "85": 20, "84": 17, "90": 5, "27": 4, "94": 4, "07": 3, "08": 3, "22": 3, "39": 3, "73": 2},
    "CA": {"27": 28, "87": 14, "84": 7, "44": 4, "39": 4, "76": 4, "48": 3, "85": 3, "71": 3, "30": 2},
    "CN": {"85": 27, "84": 20, "94": 6, "95": 7, "39": 5, "61": 3, "62": 3, "73": 4, "64": 3, "87": 4},
    "DE": {"87": 25, "84": 20, "30": 18, "90": 10, "85": 8, "29": 4},
    "JP": {"87": 35, "84": 25, "85": 15, "90": 8},
    "VN": {"85": 35, "84": 15, "94": 10, "64": 8, "61": 7, "62": 6},
    "IE": {"30": 60, "29": 15, "90": 10},
}
DEFAULT_MIX = {"84": 15, "85": 15, "87": 8, "30": 8, "90": 6, "29": 5, "71": 5, "39": 4, "61": 3, "94": 3, "27": 3,
               "62": 2, "73": 2, "40": 2, "03": 1, "09": 1, "22": 1, "44": 1, "72": 2, "76": 1}
ALL_CODES_TAIL = ["AR", "AT", "AU", "BE", "BD", "CL", "CO", "CR", "CZ", "DK", "DO", "EC", "EG", "ES", "FI", "GR",
                  "GT", "HK", "HN", "HU", "KH", "KW", "LK", "MA", "NG", "NL", "NO", "NZ", "PE", "PH", "PK", "PL",
                  "PT", "QA", "RO", "RU", "SA", "SE", "SK", "SV", "TR", "UA", "AE", "ZA", "BG", "BH", "BO", "BS",
                  "BY", "CI", "CM", "CY", "DZ", "EE", "ET", "FJ", "GA", "GE", "GH", "GY", "HR", "HT", "IQ", "IS",
                  "JM", "JO", "KE", "KZ", "LA", "LB", "LT", "LU", "LV", "MD", "MG", "MK", "MM", "MN", "MO", "MT",
                  "MU", "MW", "MZ", "NA", "NI", "NP", "OM", "PA", "PG", "PY", "RS", "RW", "SI", "SN", "SR", "SZ",
                  "TN", "TT", "TZ", "UG", "UY", "UZ", "VE", "ZM", "ZW", "AF", "AL", "AM", "AO", "AZ", "BA", "BB",
                  "BF", "BJ", "BN", "BT", "BW", "BZ", "CD", "CG", "CU", "CV", "DJ", "DM", "ER", "GD", "GM", "GN",
                  "GQ", "GW", "KG", "KI", "KM", "KN", "KP", "LC", "LI", "LR", "LS", "LY", "MC", "ME", "ML", "MR",
                  "MV", "NE", "PS", "SB", "SC", "SD", "SL", "SM", "SO", "SS", "ST", "SY", "TD", "TG", "TJ", "TL",
                  "TM", "TO", "TV", "VC", "VU", "WS", "YE"]


def partners_and_weights():
    codes = [c for c, _ in TOP] + ALL_CODES_TAIL
    tail_total = 100 - sum(w for _, w in TOP)
    tail = np.array([1.0 / (i + 1) for i in range(len(ALL_CODES_TAIL))])
    tail = tail / tail.sum() * tail_total
    weights = np.array([w for _, w in TOP] + list(tail))
    return codes, weights / weights.sum()


def hs_catalogue(rng, per_chapter=160):
    """~15,000 distinct HS10 codes: per chapter a fixed list of 8-digit suffixes."""
    return {f"{c:02d}": [f"{c:02d}{s:08d}" for s in rng.choice(10**8, size=per_chapter, replace=False)]
            for c in range(1, 98) if c != 77}


def make_table(rows, seed, year=2024, pass_through=0.08):
    rng = np.random.default_rng(seed)
    codes, weights = partners_and_weights()
    partner = rng.choice(np.array(codes, dtype=object), size=rows, p=weights)
    origin = partner.copy()
    regional_partner = np.isin(partner, ["MX", "CA"])
    through = regional_partner & (rng.random(rows) < pass_through)
    nr_p = np.array(NON_REGIONAL_WEIGHTS, dtype=float) / sum(NON_REGIONAL_WEIGHTS)
    origin[through] = rng.choice(np.array(NON_REGIONAL, dtype=object), size=int(through.sum()), p=nr_p)
    catalogue = hs_catalogue(np.random.default_rng(seed ^ 0x5EED))
    hs = np.empty(rows, dtype=object)
    for code in set(partner):
        mask = partner == code
        mix = CHAPTER_MIX.get(code, DEFAULT_MIX)
        chapters = list(mix) + [c for c in catalogue if c not in mix]
        w = np.array([mix[c] for c in mix] + [0.2] * (len(chapters) - len(mix)), dtype=float)
        chosen = rng.choice(np.array(chapters, dtype=object), size=int(mask.sum()), p=w / w.sum())
        hs[mask] = [catalogue[c][i] for c, i in zip(chosen, rng.integers(0, 160, size=int(mask.sum())))]
    cents = np.maximum(1, np.round(rng.lognormal(mean=9.2, sigma=1.7, size=rows) * 100)).astype(np.int64)
    claim = regional_partner & (rng.random(rows) < 0.47)
    program = np.full(rows, None, dtype=object)
    program[claim] = rng.choice(np.array(["S", "S+"], dtype=object), size=int(claim.sum()), p=[0.85, 0.15])
    gsp = (~regional_partner) & np.isin(partner, ["IN", "TH", "ID", "BR", "PH"]) & (rng.random(rows) < 0.2)
    program[gsp] = "A"
    mfn_free = (~claim) & (~gsp) & (rng.random(rows) < np.where(partner == "CN", 0.12, 0.45))
    dutiable = ~(claim | gsp | mfn_free)
    rates = rng.choice(np.array([0.025, 0.04, 0.065, 0.1, 0.25, 0.325]), size=rows)
    rates = np.where(partner == "CN", np.maximum(rates, 0.25), rates)
    duty = np.where(dutiable, np.round(cents * rates), 0).astype(np.int64)
    non_orig = np.full(rows, None, dtype=object)
    has_no = claim & (rng.random(rows) < 0.8)
    non_orig_vals = np.round(cents * rng.uniform(0, 0.6, size=rows)).astype(np.int64)
    non_orig[has_no] = non_orig_vals[has_no]
    rate_prov = np.where(claim | gsp, "18", np.where(mfn_free, "10", np.where(partner == "CN", "69", "61")))
    period = (year * 100 + rng.integers(1, 13, size=rows)).astype(np.int32)
    money = pa.decimal128(18, 2)

    def dec(values):
        return pa.array([None if v is None else Decimal(int(v)).scaleb(-2) for v in values], type=money)

    return pa.table({
        "reporter": pa.array(["US"] * rows, type=pa.string()),
        "period": pa.array(period, type=pa.int32()),
        "origin": pa.array(origin.tolist(), type=pa.string()),
        "partner": pa.array(partner.tolist(), type=pa.string()),
        "hs_code": pa.array(hs.tolist(), type=pa.string()),
        "customs_value": dec(cents.tolist()),
        "duty": dec(duty.tolist()),
        "program": pa.array(program.tolist(), type=pa.string()),
        "non_originating_value": dec(non_orig.tolist()),
        "rate_provision": pa.array(rate_prov.tolist(), type=pa.string()),
    })


def write(table_chunks, path, row_group_rows, compression="zstd", **kwargs):
    writer = None
    for table in table_chunks:
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression=compression, use_dictionary=True,
                                      write_statistics=True, store_decimal_as_integer=True, **kwargs)
        writer.write_table(table, row_group_size=row_group_rows)
    writer.close()


def chunks(rows, seed, chunk=1_000_000):
    part = 0
    while rows > 0:
        n = min(chunk, rows)
        yield make_table(n, seed + part)
        rows -= n
        part += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["sample", "rules", "big", "variants"])
    parser.add_argument("outdir", nargs="?")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--row-group-rows", type=int, default=None)
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    if args.what == "sample":
        out = args.output or "Fixtures/sample-2024.parquet"
        write(chunks(args.rows, args.seed), out, args.row_group_rows or 50_000)
        print(f"wrote {args.rows} rows to {out}")
    elif args.what == "rules":
        import variants
        out = args.output or "Fixtures/rules.parquet"
        pq.write_table(variants.rejection_table(), out, compression="zstd", use_dictionary=False)
        print(f"wrote {out}")
    elif args.what == "big":
        out = args.output or ".build-bench/customs_20m.parquet"
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        write(chunks(args.rows, args.seed), out, args.row_group_rows or 1_000_000)
        print(f"wrote {args.rows} rows to {out}")
    else:
        import variants
        variants.write_all(args.outdir or ".build-oracle", make_table, write)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
