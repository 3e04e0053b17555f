#!/usr/bin/env python3
"""Independent oracle for `roo mirror`: the comparison computed with DuckDB SQL
written from docs/mirror.md, over canonical CSV inputs, in roo's CSV format
(money with two decimals, shares like C's %.6f, RFC 4180).

    .venv/bin/python scripts/check/mirror_oracle.py --upstream U.csv --upstream-reporter MX --upstream-partner CN \
        --downstream D.csv --downstream-partner MX [--downstream-reporter US] --hs-level 6 --base 2018 --year 2024 \
        [--threshold 50] --out expected.csv
"""
import argparse
import csv
import os
import sys
from decimal import Decimal

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import money, share_text as share  # noqa: E402  roo's CSV number forms, written once

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def side(con, path, country_column, country, reporter, level, base, year):
    """(product -> [base cents, target cents, duty-free target cents, claimed target cents] of one side
    (claimed: program S or S+, duty-free or not), whether the side has a duty column)."""
    where = [f"upper(trim({country_column})) = '{country}'", f"CAST(substr(CAST(period AS VARCHAR), 1, 4) AS INTEGER) IN ({base}, {year})"]
    if reporter:
        where.append(f"upper(trim(reporter)) = '{reporter}'")
    cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM read_csv('{path}', all_varchar=true)").fetchall()]
    duty_free = "CAST(duty AS DECIMAL(18,2)) = 0" if "duty" in cols else "false"
    claimed = "trim(program) IN ('S', 'S+')" if "program" in cols else "false"
    rows = con.execute(f"""
        SELECT substr(regexp_replace(hs_code, '[^0-9]', '', 'g'), 1, {level}) AS product,
               CAST(substr(CAST(period AS VARCHAR), 1, 4) AS INTEGER) AS y,
               CAST(round(CAST(customs_value AS DECIMAL(18,2)) * 100) AS BIGINT) AS cents,
               {duty_free} AS free, {claimed} AS claimed
        FROM read_csv('{path}', all_varchar=true)
        WHERE {' AND '.join(where)}""").fetchall()
    sums = {}
    for product, y, cents, free, claimed_line in rows:
        s = sums.setdefault(product, [0, 0, 0, 0])
        if y == base:
            s[0] += cents
        else:
            s[1] += cents
            if free:
                s[2] += cents
            if claimed_line:
                s[3] += cents
    return sums, "duty" in cols


def grew(base, target, threshold):
    if base <= 0:
        return target > 0 and target > base
    return (target - base) * 100000 > threshold * base


def main():
    p = argparse.ArgumentParser()
    for name in ["upstream", "upstream-reporter", "upstream-partner", "downstream", "downstream-reporter",
                 "downstream-partner", "out"]:
        p.add_argument("--" + name)
    p.add_argument("--hs-level", type=int, default=6)
    p.add_argument("--base", type=int)
    p.add_argument("--year", type=int)
    p.add_argument("--threshold", default="50")
    a = p.parse_args()
    threshold = int(Decimal(a.threshold.rstrip("%")) * 1000)
    con = duckdb.connect()
    up, _ = side(con, a.upstream, "origin", a.upstream_partner, a.upstream_reporter, a.hs_level, a.base, a.year)
    down, down_has_duty = side(con, a.downstream, "partner", a.downstream_partner, a.downstream_reporter, a.hs_level, a.base, a.year)
    titles = {}
    with open(os.path.join(ROOT, "scripts", "data", "hs_chapters.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            titles[row["chapter"]] = row["title"]
    rows = []
    for product in set(up) | set(down):
        u, d = up.get(product), down.get(product)
        uu, dd = u or [0, 0, 0, 0], d or [0, 0, 0, 0]
        coincident = u is not None and d is not None and grew(uu[0], uu[1], threshold) and grew(dd[0], dd[1], threshold)
        rows.append((product, u, d, uu, dd, coincident))
    # Coincident first; then downstream target, upstream target (descending), product.
    rows.sort(key=lambda r: (not r[5], -r[4][1], -r[3][1], r[0].encode()))
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([f"hs{a.hs_level}", "chapter_title", "present_in", f"upstream_value_{a.base}", f"upstream_value_{a.year}",
                    "upstream_growth", f"downstream_value_{a.base}", f"downstream_value_{a.year}", "downstream_growth",
                    f"downstream_duty_free_share_{a.year}", f"downstream_claim_share_{a.year}",
                    f"downstream_to_upstream_{a.year}", "coincident_growth"])
        for product, u, d, uu, dd, coincident in rows:
            present = "both" if u and d else ("upstream" if u else "downstream")
            w.writerow([product, titles.get(product[:2], ""), present, money(uu[0]), money(uu[1]), share(uu[1] - uu[0], uu[0]),
                        money(dd[0]), money(dd[1]), share(dd[1] - dd[0], dd[0]),
                        # A downstream side without duty (docs/mirror.md): the shares are unknown, empty.
                        share(dd[2], dd[1]) if down_has_duty else "", share(dd[3], dd[1]) if down_has_duty else "",
                        share(dd[1], uu[1]), "true" if coincident else "false"])


if __name__ == "__main__":
    main()
