#!/usr/bin/env python3
"""Independent oracle for `roo summarize`: the same tables computed with DuckDB
SQL written straight from the rules of docs/semantics.md, over the same files.

Writes OUTDIR/<table>.csv in roo's CSV format (RFC 4180, LF, header row,
money with two decimals, share like C's %.6f, formula guard) so the two
outputs can be compared byte for byte.

    .venv/bin/python scripts/check/oracle.py INPUT... --out DIR [--map c=s]... [--region usmca|LIST]
        [--preference-programs L] [--duty-free-programs L] [--duty-free-by duty|rate-provision]
        [--reporter C] [--from YYYYMM] [--to YYYYMM] [--hs-width N] [--top N] [--rejects FILE]
        [--country-codes iso2|iso3|census|m49] [--decimal-separator C] [--thousands C|none] [--by LIST]
"""
import argparse
import csv
import glob
import os
import tempfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CANONICAL = ["origin", "partner", "hs_code", "customs_value", "duty", "program", "non_originating_value",
             "reporter", "rate_provision", "period", "dutiable_value"]
REASONS = ["missing_origin", "missing_partner", "missing_hs", "bad_hs", "missing_value", "invalid_value", "missing_duty"]
WS = "' \t\n\r\x0b\x0c'"


def files_of(inputs):
    out = []
    for item in inputs:
        if os.path.isdir(item):
            found = [p for p in glob.glob(os.path.join(item, "**", "*"), recursive=True)
                     if os.path.isfile(p) and (p.endswith(".parquet") or ".csv" in os.path.basename(p))
                     and not any(part.startswith(".") for part in os.path.relpath(p, item).split(os.sep))]
            out += sorted(found, key=lambda p: p.encode())
        else:
            out.append(item)
    return out


def sql_list(values):
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def is_parquet(path):
    with open(path, "rb") as f:
        return f.read(4) == b"PAR1"


def csv_compression(path):
    with open(path, "rb") as f:
        magic = f.read(4)
    return "gzip" if magic[:2] == b"\x1f\x8b" else ("zstd" if magic == b"\x28\xb5\x2f\xfd" else "none")


def source(path):
    """read_parquet for Parquet (magic PAR1, with each row's number in the file),
    else read_csv with every column as text."""
    if is_parquet(path):
        return f"read_parquet('{path}', file_row_number=true)"
    return f"read_csv('{path}', all_varchar=true, header=true, auto_detect=true, compression='{csv_compression(path)}')"


MONEY = ["customs_value", "duty", "non_originating_value", "dutiable_value"]


def q(name):
    return '"' + name.replace('"', '""') + '"'


def re_char(c):
    """One separator character inside an RE2 pattern."""
    return "\\" + c if c in ".$^|?*+()[]{}\\" else c


def money_pattern(args):
    """The money-text rule of the product (docs/semantics.md, Money; summarize --help), as an RE2 pattern
    over the trimmed text: [sign] [currency ($, US$ or USD) and spaces] [sign] digits, thousands
    separators only between groups of three (the first of 1-3 digits), [decimal separator digits].
    DuckDB's thousands option does not check the grouping (it reads 1,23.45 as 123.45), so the
    oracle checks it here; that at most one sign is given and some digit is present are checked
    beside it (money_valid)."""
    digits = "[0-9]+"
    if args.thousands is not None:
        digits = f"(?:[0-9]{{1,3}}(?:{re_char(args.thousands)}[0-9]{{3}})+|[0-9]+)"
    return f"^[+-]?(?:(?:\\$|US\\$|USD)[ \t]*)?[+-]?(?:{digits})?(?:{re_char(args.decimal_separator)}[0-9]*)?$"


def money_valid(text, args):
    """SQL: whether the trimmed text `text` follows the money rule."""
    return (f"(regexp_matches({text}, '{money_pattern(args)}') AND regexp_matches({text}, '[0-9]')"
            f" AND NOT regexp_matches({text}, '^[+-](?:\\$|US\\$|USD)[ \t]*[+-]'))")


def money_stripped(x):
    """SQL: the text with its currency sign (and the spaces after it) removed, a sign kept
    (-$1.00 and $-1.00 both become -1.00): what DuckDB's CSV reader is given to parse."""
    return f"regexp_replace(trim(CAST({x} AS VARCHAR), {WS}), '^([+-]?)(?:\\$|US\\$|USD)[ \t]*', '\\1')"


def money_lookup(con, files, mapping, args, workdir):
    """Table money_parsed(__money_raw, __money_value): every distinct currency-stripped money text of
    the CSV inputs, parsed by DuckDB's own CSV reader with read_csv(decimal_separator=...,
    thousands=...) as DECIMAL(38,10); texts DuckDB refuses have no row (ignore_errors)."""
    texts = set()
    for path in files:
        if is_parquet(path):
            continue
        src = source(path)
        types = {row[0]: row[1].upper() for row in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}
        for c in MONEY:
            name = mapping.get(c, c)
            if types.get(name) == "VARCHAR":
                texts.update(r[0] for r in con.execute(
                    f"SELECT DISTINCT {money_stripped(q(name))} FROM {src} WHERE {q(name)} IS NOT NULL").fetchall())
    table = os.path.join(workdir, "money_texts.csv")
    with open(table, "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
        for text in sorted(texts):
            w.writerow([text, text])
    thousands = f", thousands='{args.thousands}'" if args.thousands is not None else ""
    con.execute(f"""CREATE TEMP TABLE money_parsed AS SELECT * FROM read_csv('{table}', delim='\t', quote='"', escape='"',
        header=false, auto_detect=false, columns={{'__money_raw': 'VARCHAR', '__money_value': 'DECIMAL(38,10)'}},
        decimal_separator='{args.decimal_separator}'{thousands}, ignore_errors=true)""")


def rejects_position(con, path):
    """Turns a row number of `path` (0-based) into roo's (row_group, row) cells:
    the row group and the row within it for Parquet, ("", line number) for CSV."""
    if is_parquet(path):
        groups = con.execute(f"""SELECT row_group_id, any_value(row_group_num_rows) FROM parquet_metadata('{path}')
            GROUP BY row_group_id ORDER BY row_group_id""").fetchall()
        starts, total = [], 0
        for group, rows in groups:
            starts.append((total, group))
            total += rows

        def position(rn):
            first, group = max(s for s in starts if s[0] <= rn)
            return str(group), str(rn - first)
        return position
    # One record per physical line (checked): line = record number + 2 (header = line 1).
    records = con.execute(f"SELECT count(*) FROM {source(path)}").fetchone()[0]
    lines = con.execute(f"""SELECT count(*) FROM read_csv('{path}', columns={{'l': 'VARCHAR'}}, delim='\x01', quote='',
        escape='', header=false, compression='{csv_compression(path)}')""").fetchone()[0]
    if lines != records + 1:
        raise SystemExit(f"oracle: {path}: records span lines; cannot number rejected lines")
    return lambda rn: ("", str(rn + 2))


def expressions(con, path, mapping, args):
    """SELECT list turning one file's columns into canonical, exact values."""
    src = source(path)
    types = {row[0]: row[1].upper() for row in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}
    col = {c: mapping.get(c, c) for c in CANONICAL}
    have = {c: col[c] in types for c in CANONICAL}
    csv_money = [c for c in MONEY if have[c] and types[col[c]] == "VARCHAR"]

    def parsed(c):
        return f"m_{c}.__money_value"

    def key(c):
        expr = f"trim(CAST({q(col[c])} AS VARCHAR), {WS})"
        return f"CASE WHEN {q(col[c])} IS NULL OR {expr} = '' THEN NULL ELSE upper({expr}) END"

    def cents(c):
        t = types[col[c]]
        x = q(col[c])
        if t.startswith("DECIMAL"):
            return f"CAST(round(CAST({x} AS DECIMAL(38,10)) * 100) AS HUGEINT)"
        if t in ("DOUBLE", "FLOAT", "REAL"):
            return f"CASE WHEN isnan({x}) OR isinf({x}) THEN NULL ELSE CAST(round(CAST({x} AS DOUBLE) * 100) AS HUGEINT) END"
        if t == "VARCHAR":
            # CSV money is exact decimal text in the money format: 1.005 -> 101 cents, $1,234.56 -> 123456.
            return f"CASE WHEN {money_valid(f'trim({x}, {WS})', args)} THEN CAST(round({parsed(c)} * 100) AS HUGEINT) END"
        return f"CAST({x} AS HUGEINT) * 100"

    def invalid(c):
        t = types[col[c]]
        if t == "VARCHAR":
            x = q(col[c])
            return f"({x} IS NOT NULL AND (NOT {money_valid(f'trim({x}, {WS})', args)} OR {parsed(c)} IS NULL))"
        if t in ("DOUBLE", "FLOAT", "REAL"):
            return f"({q(col[c])} IS NOT NULL AND (isnan({q(col[c])}) OR isinf({q(col[c])})))"
        return "false"

    hs_t = types[col["hs_code"]]
    hs = q(col["hs_code"])
    if hs_t in ("BIGINT", "INTEGER", "SMALLINT", "HUGEINT"):
        hs_digits = f"CASE WHEN {hs} < 0 THEN '' ELSE lpad(CAST({hs} AS VARCHAR), {args.hs_width}, '0') END"
        hs_missing = f"{hs} IS NULL"
        hs_odd = "false"  # integer codes are zero-padded to --hs-width, never odd
    else:
        raw_digits = f"regexp_replace(CAST({hs} AS VARCHAR), '[^0-9]', '', 'g')"
        # A text code with 3, 5, 7 or 9 digits probably lost a leading zero: counted (hs_odd_length),
        # and read with one leading zero under --pad-hs.
        hs_odd = f"coalesce(length({raw_digits}) IN (3, 5, 7, 9), false)"
        hs_digits = f"CASE WHEN {hs_odd} THEN '0' || {raw_digits} ELSE {raw_digits} END" if args.pad_hs else raw_digits
        hs_missing = f"({hs} IS NULL OR trim(CAST({hs} AS VARCHAR), {WS}) = '')"
    prog = f"trim(CAST({q(col['program'])} AS VARCHAR), {WS})" if have["program"] else "NULL"
    pref = sql_list(sorted(args.preference_programs))
    free_programs = sql_list(sorted(args.duty_free_programs or []))
    rp = f"TRY_CAST(trim(CAST({q(col['rate_provision'])} AS VARCHAR), {WS}) AS INTEGER)" if have["rate_provision"] else "CAST(NULL AS INTEGER)"
    if args.duty_free_by == "rate-provision":
        free = f"coalesce({rp} BETWEEN 10 AND 19, false)"
        duty_decides = "false"
    elif have["duty"]:
        free = f"({cents('duty')} = 0)"
        duty_decides = "true"
    else:
        free = f"coalesce(list_contains({free_programs}, {prog}), false)"
        duty_decides = "false"
    filtered = ["false"]
    if args.reporter:
        filtered.append(f"coalesce({key('reporter')} <> '{args.reporter.strip().upper()}', true)")
    month = "CAST(NULL AS INTEGER)"
    if have["period"]:
        p = q(col["period"])
        t = types[col["period"]]
        if t == "DATE":
            month = f"(year({p}) * 100 + month({p}))"
        elif t in ("BIGINT", "INTEGER"):
            month = f"(CASE WHEN {p} BETWEEN 100000 AND 999999 THEN {p} WHEN {p} BETWEEN 10000000 AND 99999999 THEN {p} // 100 END)"
        else:
            digits = f"regexp_replace(CAST({p} AS VARCHAR), '[^0-9]', '', 'g')"
            month = f"(CASE WHEN length({digits}) IN (6, 8) THEN CAST(substr({digits}, 1, 6) AS INTEGER) END)"
    if args.from_ or args.to:
        filtered.append(f"coalesce(NOT ({month} BETWEEN {args.from_ or 0} AND {args.to or 999999}), true)")
    if args.compare:
        # --compare A:B keeps the lines of the two periods (docs/semantics.md, Comparing two periods).
        filtered.append(f"coalesce(NOT ({in_period(month, args.compare[0])} OR {in_period(month, args.compare[1])}), true)")
    duty_cents = cents("duty") if have["duty"] else "CAST(0 AS HUGEINT)"
    nov = cents("non_originating_value") if have["non_originating_value"] else "NULL"
    # dutiable_value: 0 where empty or not a number (docs/semantics.md, Measures).
    dv = f"coalesce({cents('dutiable_value')}, 0)" if have["dutiable_value"] else "CAST(0 AS HUGEINT)"
    # Eligible: a rate provision code Census lists, other than 10 (MFN-free).
    elig = f"coalesce({rp} IN (0, 11, 13, 14, 16, 17, 18, 19, 61, 62, 64, 69, 70, 79), false)"
    # col:NAME keys: the column's text (integers as decimal text), trimmed of whitespace; null is empty.
    source_keys = "".join(f", coalesce(trim(CAST({q(name)} AS VARCHAR), {WS}), '') AS sk{j}"
                          for j, name in enumerate(args.source_keys))
    row_number = "file_row_number" if is_parquet(path) else "__rn"
    if not is_parquet(path):
        src = f"(SELECT *, row_number() OVER () - 1 AS __rn FROM {src}) s" + "".join(
            f" LEFT JOIN money_parsed m_{c} ON m_{c}.__money_raw = {money_stripped(q(col[c]))}" for c in csv_money)
    return f"""
        SELECT
          '{path}' AS file, {row_number} AS rn,
          ({' OR '.join(filtered)}) AS filtered,
          {key('origin')} AS o, {key('partner')} AS p,
          {hs_missing} AS hs_missing, {hs_digits} AS hs_digits, {hs_odd} AS hs_odd,
          {q(col['customs_value'])} IS NULL AS v_missing, {invalid('customs_value')} AS v_invalid,
          {cents('customs_value')} AS v,
          {duty_decides} AND ({q(col['duty']) if have['duty'] else 'NULL'} IS NULL OR {invalid('duty') if have['duty'] else 'false'}) AS d_missing,
          coalesce({duty_cents}, 0) AS d,
          coalesce({free}, false) AS free,
          coalesce(list_contains({pref}, {prog}), false) AS pref,
          {nov} AS nov, {dv} AS dv, {elig} AS elig,
          {month} AS mo, {prog} AS prog, {key('reporter') if have['reporter'] else 'NULL'} AS rep, {rp} AS rp
          {source_keys}
        FROM {src}"""


def in_period(month, period):
    """SQL: whether YYYYMM `month` lies in `period` (a year YYYY or a month YYYYMM)."""
    return f"({month} // 100 = {period})" if len(str(period)) == 4 else f"({month} = {period})"


def compare_sums(args):
    """SQL sums of customs, duty-free, preference and non-regional value in B, then in A (--compare)."""
    if not args.compare:
        return ""
    a, b = (in_period("mo", x) for x in args.compare)
    parts = []
    for x in ("v", "CASE WHEN free THEN v ELSE 0 END", "CASE WHEN pref THEN v ELSE 0 END", "nr"):
        n = len(parts)
        parts += [f"sum(CASE WHEN {b} THEN {x} ELSE 0 END) AS cmp{n}", f"sum(CASE WHEN {a} THEN {x} ELSE 0 END) AS cmp{n + 1}"]
    return ", " + ", ".join(parts)


# Sums of the optional measures: dutiable value, value of eligible lines, preference value of eligible lines.
OPTIONAL_SUMS = "sum(dv) AS dut, sum(CASE WHEN elig THEN v ELSE 0 END) AS ev, sum(CASE WHEN elig AND pref THEN v ELSE 0 END) AS epv"


def any_column(con, files, mapping, canonical):
    """Whether some input has the column of `canonical` (under its --map name)."""
    name = mapping.get(canonical, canonical)
    for path in files:
        names = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source(path)}").fetchall()]
        if name in names:
            return True
    return False


def share_text(numerator, denominator):
    text = "" if not denominator else "%.6f" % (float(numerator) / float(denominator))
    return "0.000000" if text == "-0.000000" else text


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def guard(text):
    return "'" + text if text and text[0] in "=+-@\t\r" else text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--map", action="append", default=[])
    ap.add_argument("--region", default="usmca")
    ap.add_argument("--preference-programs")
    ap.add_argument("--duty-free-programs")
    ap.add_argument("--duty-free-by", default="duty")
    ap.add_argument("--reporter")
    ap.add_argument("--from", dest="from_", type=int)
    ap.add_argument("--to", type=int)
    ap.add_argument("--hs-width", type=int, default=10)
    ap.add_argument("--pad-hs", action="store_true")
    ap.add_argument("--top", type=int)
    ap.add_argument("--threads", type=int)
    ap.add_argument("--country-codes", default="iso2", choices=["iso2", "iso3", "census", "m49"])
    ap.add_argument("--by", default="origin,hs2,partner", help="keys of the detail table (docs/semantics.md, Breakdowns)")
    ap.add_argument("--compare", help="A:B, two years or two months (docs/semantics.md, Comparing two periods)")
    ap.add_argument("--rejects", help="write file,row_group,row,reason of every rejected line (roo's --rejects columns)")
    ap.add_argument("--decimal-separator", default=".", choices=[".", ","])
    ap.add_argument("--thousands", help="thousands separator of CSV money (default , or . with --decimal-separator ,); none")
    args = ap.parse_args()
    if args.compare:
        args.compare = [int(x) for x in args.compare.split(":")]
    if args.thousands is None:
        args.thousands = "." if args.decimal_separator == "," else ","
    elif args.thousands == "none":
        args.thousands = None
    if args.thousands == args.decimal_separator:
        raise SystemExit("oracle: --decimal-separator and --thousands are equal")
    mapping = dict(m.split("=", 1) for m in args.map)
    by = [name.strip() for name in args.by.split(",")]
    args.source_keys = [name[len("col:"):] for name in by if name.startswith("col:")]
    usmca = args.region.lower() == "usmca"
    region = ["US", "CA", "MX"] if usmca else [c.strip().upper() for c in args.region.split(",") if c.strip()]
    # A list of exactly the USMCA members is the USMCA bloc, with its default programs.
    usmca = usmca or sorted(region) == ["CA", "MX", "US"]
    args.preference_programs = set(p.strip() for p in args.preference_programs.split(",")) if args.preference_programs else ({"S", "S+"} if usmca else set())
    args.duty_free_programs = set(p.strip() for p in args.duty_free_programs.split(",")) if args.duty_free_programs else None
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    files = files_of(args.inputs)
    workdir = tempfile.mkdtemp(prefix="roo-oracle-")
    money_lookup(con, files, mapping, args, workdir)
    union = " UNION ALL ".join(expressions(con, f, mapping, args) for f in files)
    con.execute(f"CREATE TEMP TABLE lines AS {union}")
    converts = args.country_codes != "iso2"
    if converts:
        # --country-codes: codes of another system become alpha-2; codes without a conversion stay as they are.
        data = os.path.join(ROOT, "scripts", "data")
        if args.country_codes == "census":
            table = f"SELECT code, alpha2 FROM read_csv('{data}/schedule_c.tsv', delim='\t', header=true, all_varchar=true, quote='')"
        else:
            table = f"SELECT alpha3 AS code, alpha2 FROM read_csv('{data}/countries.tsv', delim='\t', header=true, all_varchar=true, quote='')"
        # M49 codes are numbers: 1 to 3 digits, leading zeros ignored (docs/layouts.md).
        key = (lambda column: f"CASE WHEN regexp_full_match({column}, '[0-9]{{1,3}}') THEN CAST({column} AS INTEGER)::VARCHAR END") \
            if args.country_codes == "m49" else (lambda column: column)
        if args.country_codes == "m49":
            table = f"SELECT code, alpha2 FROM read_csv('{data}/m49.tsv', delim='\t', header=true, all_varchar=true, quote='')"
        con.execute(f"CREATE TEMP TABLE cc AS {table}")
        con.execute(f"""CREATE TEMP TABLE converted AS SELECT l.* REPLACE (coalesce(a.alpha2, l.o) AS o, coalesce(b.alpha2, l.p) AS p,
                coalesce(r.alpha2, l.rep) AS rep),
            (l.o IS NOT NULL AND a.alpha2 IS NULL) OR (l.p IS NOT NULL AND b.alpha2 IS NULL) AS unmapped
            FROM lines l LEFT JOIN cc a ON {key('l.o')} = a.code LEFT JOIN cc b ON {key('l.p')} = b.code
            LEFT JOIN cc r ON {key('l.rep')} = r.code""")
        con.execute("DROP TABLE lines")
        con.execute("ALTER TABLE converted RENAME TO lines")
    else:
        con.execute("ALTER TABLE lines ADD COLUMN unmapped BOOLEAN DEFAULT false")
    con.execute(f"""CREATE TEMP TABLE classified AS SELECT *,
        CASE WHEN filtered THEN NULL
             WHEN o IS NULL THEN 'missing_origin' WHEN p IS NULL THEN 'missing_partner'
             WHEN hs_missing THEN 'missing_hs'
             WHEN length(hs_digits) < 2 OR substr(hs_digits, 1, 2) = '00' THEN 'bad_hs'
             WHEN v_missing THEN 'missing_value' WHEN v_invalid THEN 'invalid_value'
             WHEN d_missing THEN 'missing_duty' END AS reason,
        substr(hs_digits, 1, 2) AS ch
        FROM lines""")
    sk_columns = "".join(f"sk{j}, " for j in range(len(args.source_keys)))
    con.execute(f"""CREATE TEMP TABLE ok AS SELECT o, p, ch, v, d, free, pref, unmapped, hs_odd, hs_digits, mo, prog, rep, rp,
        dv, elig, {sk_columns}
        CASE WHEN NOT free THEN 0 WHEN NOT list_contains({sql_list(region)}, o) THEN v
             WHEN nov IS NOT NULL THEN least(greatest(nov, least(0, v)), greatest(0, v)) ELSE 0 END AS nr
        FROM classified WHERE NOT filtered AND reason IS NULL""")
    names = os.path.join(ROOT, "scripts", "data")
    con.execute(f"CREATE TEMP TABLE cn AS SELECT * FROM read_csv('{names}/countries.tsv', delim='\t', header=true, all_varchar=true, quote='')")
    con.execute(f"CREATE TEMP TABLE ht AS SELECT * FROM read_csv('{names}/hs_chapters.tsv', delim='\t', header=true, all_varchar=true, quote='')")
    measures = """count(*) AS lines, sum(v) AS cv, sum(d) AS duty, sum(CASE WHEN free THEN 1 ELSE 0 END) AS dfl,
        sum(CASE WHEN free THEN v ELSE 0 END) AS dfv, sum(CASE WHEN pref THEN v ELSE 0 END) AS pv, sum(nr) AS nr,
        """ + OPTIONAL_SUMS + compare_sums(args)
    # --by: each key as docs/semantics.md (Breakdowns) defines its text.
    by_keys = {"origin": ("o", ["origin", "origin_name"]), "partner": ("p", ["partner", "partner_name"]),
               "hs2": ("ch", ["hs_chapter", "chapter_title"]),
               "month": ("coalesce(printf('%04d-%02d', mo // 100, mo % 100), '')", ["month"]),
               "quarter": ("coalesce(printf('%d-Q%d', mo // 100, (mo % 100 + 2) // 3), '')", ["quarter"]),
               "year": ("coalesce(CAST(mo // 100 AS VARCHAR), '')", ["year"]),
               "program": ("CASE WHEN prog IS NULL OR prog = '' THEN 'none' ELSE prog END", ["program"]),
               "reporter": ("coalesce(rep, '')", ["reporter"]),
               # The channel: rate provision code, MFN-free split by the claim (docs/semantics.md, Breakdowns).
               "channel": ("""CASE WHEN rp = 0 THEN 'ftz_bonded' WHEN rp = 10 AND pref THEN 'claimed_on_mfn_free'
                   WHEN rp = 10 THEN 'mfn_free' WHEN rp IN (11, 13, 14, 16, 17) THEN 'other_free'
                   WHEN rp = 18 THEN 'program_free' WHEN rp = 19 THEN 'chapter99_free'
                   WHEN rp IN (61, 62, 64, 69, 70, 79) THEN 'dutiable' ELSE 'unknown' END""", ["channel"])}
    for digits in (4, 6, 8, 10):
        by_keys[f"hs{digits}"] = (f"substr(hs_digits, 1, {digits})", [f"hs{digits}"])
    for j, name in enumerate(args.source_keys):
        by_keys["col:" + name] = (f"sk{j}", [name])
    detail_keys = [f"({by_keys[name][0]}) AS k{i}" for i, name in enumerate(by)]
    con.execute(f"CREATE TEMP VIEW ok_by AS SELECT *, {', '.join(detail_keys)} FROM ok")
    tables = {
        "detail": ([f"k{i}" for i in range(len(by))], sum((by_keys[name][1] for name in by), [])),
        "by_partner": (["p"], ["partner", "partner_name"]),
        "by_chapter": (["ch"], ["hs_chapter", "chapter_title"]),
        "by_origin": (["o"], ["origin", "origin_name"]),
    }
    # The marginals of the detail's own keys, each when --by has it: by_period at the finest period in --by.
    periods = [name for name in ("month", "quarter", "year") if name in by]
    marginal_keys = []
    if periods:
        marginal_keys.append(("by_period", periods[0]))
    marginal_keys += [(t, name) for t, name in (("by_program", "program"), ("by_channel", "channel")) if name in by]
    for table, name in marginal_keys:
        tables[table] = ([f"k{by.index(name)}"], [name])
    os.makedirs(args.out, exist_ok=True)
    measure_cols = ["lines", "customs_value", "duty", "duty_free_lines", "duty_free_value", "preference_value",
                    "non_regional_value", "non_regional_share", "claim_share", "effective_duty_rate"]
    # The optional measures: dutiable_value where some input has the column, eligible_value and utilization
    # where some input has a rate provision.
    has_dutiable = any_column(con, files, mapping, "dutiable_value")
    has_rate = any_column(con, files, mapping, "rate_provision")
    optional_cols = (["dutiable_value"] if has_dutiable else []) + (["eligible_value", "utilization"] if has_rate else [])
    measure_cols += optional_cols

    def optional_cells(dut, ev, epv):
        return ([money(dut or 0)] if has_dutiable else []) + ([money(ev or 0), share_text(epv or 0, ev or 0)] if has_rate else [])
    compared_cols = []
    if args.compare:
        a, b = args.compare
        for m in ("customs_value", "duty_free_value", "preference_value", "non_regional_value"):
            compared_cols += [f"{m}_{b}", f"{m}_{a}", f"{m}_change", f"{m}_growth"]
    measure_cols += compared_cols

    def compared_cells(sums):
        """B, A, B - A and (B - A) / A of each compared measure, from (B, A) pairs of sums."""
        cells = []
        for i in range(0, len(sums), 2):
            after, before = (0 if x is None else x for x in sums[i:i + 2])
            cells += [money(after), money(before), money(after - before), share_text(after - before, before)]
        return cells

    def measure_cells(r):
        lines, cv, duty, dfl, dfv, pv, nr = r[:7]
        share, claim, rate = r[-3:]
        return [str(lines), money(cv), money(duty), str(dfl), money(dfv), money(pv), money(nr), share, claim,
                rate] + optional_cells(*r[7:10]) + compared_cells(r[10:-3])

    # Shares (docs/semantics.md, Measures): empty where the denominator is 0.
    def ratio(numerator, denominator, name):
        text = f"printf('%.6f', {numerator}::DOUBLE / {denominator}::DOUBLE)"
        return f"CASE WHEN coalesce({denominator}, 0) = 0 THEN '' WHEN {text} = '-0.000000' THEN '0.000000' ELSE {text} END AS {name}"
    share = ", ".join([ratio("nr", "dfv", "share"), ratio("pv", "cv", "claim"), ratio("duty", "cv", "rate")])

    for name, (keys, header) in tables.items():
        limit = f"LIMIT {args.top}" if args.top is not None else ""
        order = f"nr DESC, cv DESC, {', '.join(k + ' ASC' for k in keys)}"
        if name == "by_period":  # a time series: in time order, every period
            limit, order = "", f"{keys[0]} ASC"
        rows = con.execute(f"""SELECT *, {share} FROM (SELECT {', '.join(keys)}, {measures} FROM ok_by GROUP BY {', '.join(keys)})
            ORDER BY {order} {limit}""").fetchall()
        country = dict(con.execute("SELECT alpha2, name FROM cn").fetchall())
        title = dict(con.execute("SELECT chapter, title FROM ht").fetchall())
        with open(os.path.join(args.out, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header + measure_cols)
            for r in rows:
                cells = []
                for k, value in zip(keys, r[:len(keys)]):
                    cells.append(guard(value))
                    kind = by[int(k[1:])] if k.startswith("k") else {"o": "origin", "p": "partner", "ch": "hs2"}[k]
                    if kind == "hs2":
                        cells.append(guard(title.get(value, "")))
                    elif kind in ("origin", "partner"):
                        cells.append(guard(country.get(value, "")))
                w.writerow(cells + measure_cells(r[len(keys):]))
    counts = dict(con.execute("SELECT reason, count(*) FROM classified WHERE NOT filtered GROUP BY reason").fetchall())
    read = con.execute("SELECT count(*) FROM classified").fetchone()[0]
    filtered_n = con.execute("SELECT count(*) FROM classified WHERE filtered").fetchone()[0]
    total = con.execute(f"SELECT *, {share} FROM (SELECT {measures} FROM ok)").fetchone()
    total = tuple(0 if x is None else x for x in total[:-3]) + total[-3:]
    rejected = [counts.get(r, 0) for r in REASONS]
    with open(os.path.join(args.out, "totals.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        unmapped_col = ["unmapped_country_codes"] if converts else []
        unmapped_n = [con.execute("SELECT count(*) FROM ok WHERE unmapped").fetchone()[0]] if converts else []
        odd_n = con.execute("SELECT count(*) FROM ok WHERE hs_odd").fetchone()[0]
        w.writerow(["files", "lines_read", "lines_filtered", "lines_rejected"] + REASONS + ["lines_aggregated"] + unmapped_col
                   + ["hs_odd_length"] + measure_cols)
        w.writerow([len(files), read, filtered_n, sum(rejected)] + rejected + [counts.get(None, 0)] + unmapped_n
                   + [odd_n] + measure_cells(total))
    # through_bloc: non-regional content through the bloc's partners (docs/semantics.md). Per partner in the
    # region, all bloc partners together, and partners outside it; pass-through = duty-free value of non-bloc
    # origin shipped from a bloc partner, declared = non-regional value of bloc-origin lines.
    members = sql_list(region)
    route_sql = f"""SELECT count(*), sum(v), sum(CASE WHEN free THEN v ELSE 0 END), sum(CASE WHEN pref THEN v ELSE 0 END), sum(nr),
        sum(CASE WHEN {{via}} AND NOT list_contains({members}, o) AND free THEN v ELSE 0 END),
        sum(CASE WHEN list_contains({members}, o) THEN nr ELSE 0 END), {OPTIONAL_SUMS}{compare_sums(args)}
        FROM ok WHERE {{where}}"""
    member_rows = con.execute(f"""SELECT p, count(*) AS n, sum(v), sum(CASE WHEN free THEN v ELSE 0 END), sum(CASE WHEN pref THEN v ELSE 0 END),
        sum(nr) AS nrs, sum(CASE WHEN NOT list_contains({members}, o) AND free THEN v ELSE 0 END),
        sum(CASE WHEN list_contains({members}, o) THEN nr ELSE 0 END), {OPTIONAL_SUMS}{compare_sums(args)}
        FROM ok WHERE list_contains({members}, p) GROUP BY p ORDER BY nrs DESC, p ASC""").fetchall()
    bloc = con.execute(route_sql.format(via="true", where=f"list_contains({members}, p)")).fetchone()
    direct = con.execute(route_sql.format(via="false", where=f"NOT list_contains({members}, p)")).fetchone()
    country = dict(con.execute("SELECT alpha2, name FROM cn").fetchall())

    def route_cells(route, name, r):
        n, cv, dfv, pv, nr, pt, dec = (0 if x is None else x for x in r[:7])
        return [guard(route), guard(name), str(n), money(cv), money(dfv), money(pv), share_text(pv, cv), money(nr), money(pt),
                money(dec), share_text(nr, dfv)] + optional_cells(*r[7:10]) + compared_cells(r[10:])

    with open(os.path.join(args.out, "through_bloc.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["route", "route_name", "lines", "customs_value", "duty_free_value", "preference_value", "claim_share",
                    "non_regional_value", "pass_through_value", "declared_non_originating_value", "non_regional_share"]
                   + optional_cols + compared_cols)
        for r in member_rows:
            w.writerow(route_cells(r[0], country.get(r[0], ""), r[1:]))
        w.writerow(route_cells("bloc", "All bloc partners", bloc))
        w.writerow(route_cells("direct", "Direct, from outside the bloc", direct))
    if args.rejects:
        with open(args.rejects, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["file", "row_group", "row", "reason"])
            for path in files:
                position = rejects_position(con, path)
                for rn, reason in con.execute("""SELECT rn, reason FROM classified
                        WHERE file = ? AND NOT filtered AND reason IS NOT NULL ORDER BY rn""", [path]).fetchall():
                    w.writerow([path, *position(rn), reason])


if __name__ == "__main__":
    main()
