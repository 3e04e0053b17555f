"""Writer, type and layout variants for the oracle comparison (scripts/differential.sh).

write_all(OUTDIR) writes the files and OUTDIR/cases.tsv: one case per line,
`name<TAB>inputs (space-separated)<TAB>roo/oracle flags`.
"""
import csv
import os
from decimal import Decimal
import shutil

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def money_to_double(table, names):
    for name in names:
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pc.cast(table[name], pa.float64()))
    return table



def money_cast(table, money_type, then=None):
    """The money columns cast to `money_type` (rounding to the type), then to `then` when given."""
    for name in ("customs_value", "duty", "non_originating_value"):
        index = table.schema.get_field_index(name)
        column = pc.cast(table[name], money_type, safe=False)
        if then is not None:
            column = pc.cast(pc.round(column), then)
        table = table.set_column(index, name, column)
    return table


def money_clip(table, largest):
    """Money above `largest` dollars replaced by `largest` (exact decimals)."""
    for name in ("customs_value", "duty", "non_originating_value"):
        index = table.schema.get_field_index(name)
        values = [None if v is None else min(v, largest) for v in table[name].to_pylist()]
        table = table.set_column(index, name, pa.array(values, type=table.schema.field(name).type))
    return table


def integer_keys(table):
    """Origin and partner as INT32 Schedule C codes (lines whose country has none dropped);
    HS codes as INT64 six-digit subheadings."""
    codes = {}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "schedule_c.tsv")) as f:
        next(f)
        for line in f:
            code, alpha2 = line.rstrip("\n").split("\t")[:2]
            codes.setdefault(alpha2, int(code))
    keep = pc.and_(pc.is_in(table["origin"], pa.array(list(codes))), pc.is_in(table["partner"], pa.array(list(codes))))
    table = table.filter(keep)
    for name in ("origin", "partner"):
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pa.array([codes[v] for v in table[name].to_pylist()], pa.int32()))
    index = table.schema.get_field_index("hs_code")
    subheadings = [int(v.replace(".", "")[:6]) for v in table["hs_code"].to_pylist()]
    return table.set_column(index, "hs_code", pa.array(subheadings, pa.int64()))


def rejection_table():
    """Every rejection reason, messy keys, clamping, negative values; DOUBLE money for NaN."""
    rows = [
        # origin, partner, hs, value, duty, program, nov
        (None, "MX", "8703230190", 100.0, 0.0, "S", None),
        ("  ", "MX", "8703230190", 100.0, 0.0, "S", None),
        ("CN", None, "8703230190", 100.0, 0.0, None, None),
        ("CN", "\t", "8703230190", 100.0, 0.0, None, None),
        ("CN", "MX", None, 100.0, 0.0, None, None),
        ("CN", "MX", "  ", 100.0, 0.0, None, None),
        ("CN", "MX", "ABC", 100.0, 0.0, None, None),
        ("CN", "MX", "7", 100.0, 0.0, None, None),
        ("CN", "MX", "00.12.34", 100.0, 0.0, None, None),
        ("CN", "MX", "8703", None, 0.0, None, None),
        ("CN", "MX", "8703", float("nan"), 0.0, None, None),
        ("CN", "MX", "8703", float("inf"), 0.0, None, None),
        ("CN", "MX", "8703", 100.0, None, None, None),
        (" cn ", " mx ", " 8703 23 0190 ", 1.005, 0.0, "S", None),
        ("mx", "mx", "8703.23.01.90", 200.0, 0.0, "S", 500.0),
        ("MX", "MX", "8703", 200.0, 0.0, "S+", -5.0),
        ("MX", "MX", "8703", 200.0, 0.0, "S", 50.25),
        ("CA", "CA", "2709", -40.0, 0.0, "S", -10.0),
        ("CA", "CA", "2709", -40.0, 0.0, "S", 10.0),
        ("US", "CA", "9801", 10.0, 0.0, None, None),
        ("DE", "DE", "3004", 1000.0, 25.0, None, None),
        ("DE", "DE", "3004", 0.125, 0.0, None, None),
        ("=SUM(A1)", "-X", "@12", 5.0, 0.0, None, None),
    ] * 3
    cols = list(zip(*rows))
    t = pa.table({
        "origin": pa.array(cols[0], pa.string()), "partner": pa.array(cols[1], pa.string()),
        "hs_code": pa.array(cols[2], pa.string()), "customs_value": pa.array(cols[3], pa.float64()),
        "duty": pa.array(cols[4], pa.float64()), "program": pa.array(cols[5], pa.string()),
        "non_originating_value": pa.array(cols[6], pa.float64()),
    })
    return t


MONEY = ("customs_value", "duty", "non_originating_value")


def amount(cents, style, decimal=".", thousands=","):
    """Money text of `cents` written in `style` (0-7), with the given separators."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", thousands)
    number = f"{grouped}{decimal}{fraction:02d}"
    return [
        f"{sign}{whole}{decimal}{fraction:02d}",  # no separators
        f"{sign}{number}",
        f"{sign}${number}",                        # -$1,234.56
        f"${sign}{number}",                        # $-1,234.56
        f"USD {sign}{number}",
        f"{sign}US${number}0",                     # a third decimal place (scale 3 for ingest)
        f"  ${sign}{grouped}{decimal}{fraction:02d}  ",
        f"{sign}{number}",
    ][style]


def write_formatted_csv(table, path, delimiter, decimal, thousands, refused=()):
    """`table` as CSV with its money written in every style of `amount` (some values negated), and
    the texts of `refused` put in place of customs_value on every 97th line."""
    rows = table.to_pylist()
    with open(path, "w", newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(table.column_names)
        for i, row in enumerate(rows):
            cells = []
            for name in table.column_names:
                value = row[name]
                if value is None:
                    cells.append("")
                elif name in MONEY:
                    cents = int(value * 100) * (-1 if name != "duty" and i % 23 == 0 else 1)
                    cells.append(amount(cents, (i + len(name)) % 8, decimal, thousands))
                else:
                    cells.append(str(value))
            if refused and i % 97 == 5:
                cells[table.column_names.index("customs_value")] = refused[(i // 97) % len(refused)]
            w.writerow(cells)


def write_all(outdir, make_table, write):
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    cases = []

    def case(name, inputs, flags=""):
        cases.append(f"{name}\t{' '.join(inputs)}\t{flags}")

    case("sample", ["Fixtures/sample-2024.parquet"])
    case("sample-filters", ["Fixtures/sample-2024.parquet"], "--reporter us --from 202403 --to 202409 --top 40")

    # pyarrow: SNAPPY, DOUBLE money, renamed columns, INT64 HS codes, v2 pages.
    t = make_table(30000, 7)
    t = money_to_double(t, ["customs_value", "duty", "non_originating_value"])
    hs = pc.cast(t["hs_code"], pa.int64())
    t = t.set_column(t.schema.get_field_index("hs_code"), "hs_code", hs)
    t = t.rename_columns(["rep", "month", "ctry_origin", "ctry_export", "hts10", "value_usd", "duty_usd", "spi",
                          "vnm_usd", "rate_prov"])
    path = f"{outdir}/pyarrow_snappy_double.parquet"
    pq.write_table(t, path, compression="snappy", row_group_size=7000, data_page_version="2.0")
    maps = ("--map origin=ctry_origin --map partner=ctry_export --map hs_code=hts10 --map customs_value=value_usd "
            "--map duty=duty_usd --map program=spi --map non_originating_value=vnm_usd --map reporter=rep "
            "--map period=month --map rate_provision=rate_prov")
    case("pyarrow-snappy-double-renamed", [path], maps)
    case("pyarrow-rate-provision", [path], maps + " --duty-free-by rate-provision")

    # DuckDB: ZSTD, DECIMAL(18,2), DATE period.
    base = make_table(25000, 8)
    con = duckdb.connect()
    con.register("base", base)
    path = f"{outdir}/duckdb_zstd.parquet"
    con.execute(f"""COPY (SELECT reporter, make_date(period // 100, period % 100, 1) AS period, origin, partner,
        hs_code, customs_value, duty, program, non_originating_value, rate_provision FROM base)
        TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 8000)""")
    case("duckdb-zstd-decimal", [path])
    case("duckdb-date-filter", [path], "--from 202402 --to 202406 --region us,ca --preference-programs S")

    # Polars: own writer, SNAPPY, no duty column (duty-free by program list).
    p = pl.from_arrow(make_table(20000, 9)).drop("duty")
    path = f"{outdir}/polars_snappy.parquet"
    p.write_parquet(path, compression="snappy", row_group_size=6000)
    case("polars-programs", [path], "--duty-free-programs S,S+,A")

    t = rejection_table()
    path = f"{outdir}/bad_lines.parquet"
    pq.write_table(t, path, compression="zstd", use_dictionary=False)
    case("bad-lines-plain", [path])
    path2 = f"{outdir}/bad_lines_dict.parquet"
    pq.write_table(t, path2, compression="snappy", use_dictionary=True, row_group_size=20)
    case("bad-lines-dictionary", [path2])

    # A directory of several files (one nested), different writers and types.
    d = f"{outdir}/multi"
    os.makedirs(f"{d}/nested")
    for i, seed in enumerate([21, 22, 23]):
        target = f"{d}/part-{i}.parquet" if i < 2 else f"{d}/nested/part-{i}.parquet"
        write([make_table(8000, seed)], target, 3000)
    case("multi-file-directory", [d])

    # Random seeds with different options.
    for seed in (31, 32):
        path = f"{outdir}/seed_{seed}.parquet"
        write([make_table(15000, seed, pass_through=0.3)], path, 4000)
        case(f"seed-{seed}", [path], "--top 15" if seed == 31 else "--region us,ca,mx --preference-programs S+")

    # CSV input: plain, gzip and zstd (detected by magic bytes), money as exact decimal text.
    t = make_table(12000, 41)
    pacsv.write_csv(t, f"{outdir}/extract.csv")
    with pa.CompressedOutputStream(f"{outdir}/extract.csv.gz", "gzip") as out:
        pacsv.write_csv(t, out)
    with pa.CompressedOutputStream(f"{outdir}/extract_zstd.bin", "zstd") as out:
        pacsv.write_csv(t, out)
    case("csv-plain", [f"{outdir}/extract.csv"])
    case("csv-gzip", [f"{outdir}/extract.csv.gz"], "--top 30")
    case("csv-zstd-no-extension", [f"{outdir}/extract_zstd.bin"], "--from 202405 --to 202408 --reporter US")
    pacsv.write_csv(rejection_table(), f"{outdir}/rules.csv")
    case("csv-every-rejection", [f"{outdir}/rules.csv"])
    # Parquet, CSV, Parquet: rejected lines listed in input order, across row groups.
    case("mixed-inputs-rejections", [path2, f"{outdir}/rules.csv", f"{outdir}/bad_lines.parquet"])

    # Money text with currency signs and thousands separators (the default format), then
    # semicolon-delimited with decimal commas (1.234,56; --decimal-separator ,), then text that is not
    # a number in the default format (grouping not by three, two signs, exponents...): invalid_value.
    write_formatted_csv(make_table(12000, 61), f"{outdir}/dollars_thousands.csv", ",", ".", ",")
    case("csv-dollar-thousands", [f"{outdir}/dollars_thousands.csv"])
    write_formatted_csv(make_table(12000, 62), f"{outdir}/semicolon_decimal_comma.csv", ";", ",", ".")
    case("csv-semicolon-decimal-comma", [f"{outdir}/semicolon_decimal_comma.csv"], "--decimal-separator ,")
    refused = ["1,23.45", "12,34", "1,2345.00", "$$5", "-$-5.00", "1e5", "5 000", "USD", "(5.00)", "1.234.56",
               "1,234,56", ",123", "+-1", "$", "12.5.", "0x10", "1.234,56"]
    write_formatted_csv(make_table(4000, 63), f"{outdir}/money_refused.csv", ",", ".", ",", refused)
    case("csv-money-refused", [f"{outdir}/money_refused.csv"], "--top 20")

    # Money and key types the contract accepts that the cases above do not cover.
    t = make_table(12000, 51)
    # FLOAT (32-bit) money: converted through Double, like DOUBLE.
    path = f"{outdir}/float32_money.parquet"
    pq.write_table(money_cast(t, pa.float32()), path, compression="snappy", row_group_size=5000)
    case("pyarrow-float32-money", [path])
    # DECIMAL(9,2) stored in INT32 (values clipped to 9 digits).
    clipped = money_clip(t, Decimal("9999999.99"))
    path = f"{outdir}/int32_decimal.parquet"
    pq.write_table(money_cast(clipped, pa.decimal128(9, 2)), path, store_decimal_as_integer=True, row_group_size=5000)
    case("pyarrow-int32-decimal", [path])
    # Whole dollars in INT32.
    path = f"{outdir}/int32_dollars.parquet"
    pq.write_table(money_cast(clipped, pa.float64(), then=pa.int32()), path, row_group_size=5000)
    case("pyarrow-int32-dollars", [path])
    # Country keys as INT32 Census Schedule C codes, HS codes as INT64 6-digit subheadings (--hs-width 6).
    path = f"{outdir}/integer_keys.parquet"
    pq.write_table(integer_keys(t), path, row_group_size=5000)
    case("pyarrow-integer-census-keys-hs6", [path], "--country-codes census --hs-width 6")

    # Text HS codes that lost their leading zero in a spreadsheet (chapters 01-09 become 9 digits),
    # read as written and with --pad-hs; and the USMCA members given as a list (the bloc's programs apply).
    t = make_table(10000, 61)
    index = t.schema.get_field_index("hs_code")
    t = t.set_column(index, "hs_code", pa.array([v.lstrip("0") for v in t["hs_code"].to_pylist()], pa.string()))
    pacsv.write_csv(t, f"{outdir}/odd_hs.csv")
    case("csv-odd-hs", [f"{outdir}/odd_hs.csv"])
    case("csv-odd-hs-padded", [f"{outdir}/odd_hs.csv"], "--pad-hs --region us,ca,mx")

    with open(f"{outdir}/cases.tsv", "w") as f:
        f.write("\n".join(cases) + "\n")
    print(f"wrote {len(cases)} cases to {outdir}")
