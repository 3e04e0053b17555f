#!/usr/bin/env python3
"""Opens roo's xlsx workbooks with openpyxl and checks them against roo's CSV
output of the same run: the summary sheet first and active (its headline
figures equal to the through_bloc CSV's bloc row, its through_bloc rows equal
to the CSV's), then the tables in the order of --table all, then the notes;
bold frozen header rows, auto-filters, numeric cells with money/percent/count
formats, equal values, text that looks like a formula staying text; no number
stored as text on any sheet (codes such as HS chapter 01 excepted); every
sheet printing landscape, one page wide, its first row repeated; with a period
in the run, an over_time sheet equal to roo's --by partner,<period> tables and
its two line charts drawing those cells.

usage: check_xlsx.py ROO_BINARY INPUT.parquet...   (prints "xlsx: N passed, M failed")
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

TABLES = ["detail", "by_partner", "by_chapter", "by_origin", "totals", "through_bloc"]
MONEY = {"dutiable_value", "eligible_value", "customs_value", "duty", "duty_free_value", "preference_value", "non_regional_value", "pass_through_value",
         "declared_non_originating_value"}
KEYS = {"origin", "origin_name", "hs_chapter", "chapter_title", "partner", "partner_name", "route", "route_name",
        "hs4", "hs6", "hs8", "hs10", "month", "quarter", "year", "program", "reporter", "channel"}
FORMULA_LIKE = []  # formula-like texts seen (stored as text cells)
# The summary's headline figures: label in column A, number in column D, and the through_bloc column it equals.
FIGURES = {"non-regional value through the bloc": "non_regional_value", "pass-through value": "pass_through_value",
           "declared non-originating value": "declared_non_originating_value",
           "duty-free value from bloc partners": "duty_free_value"}
CONTEXT = ["period covered", "region", "preference programs", "currency"]
# Notes whose value is a code or a label that may look like a number: text, not a measure.
NOTE_CODES = {"period covered", "from", "to", "reporter", "inputs"}
NUMBER_TEXT = re.compile(r"^\s*[-+]?(\d[\d,]*)(\.\d+)?%?\s*$")


def check_input(roo, path, scratch, flags=()):
    """The workbook of `roo summarize path flags` against its CSV tables (flags: --by, --compare)."""
    problems = []
    workbook_path = os.path.join(scratch, "out.xlsx")
    csv_dir = os.path.join(scratch, "csv") + "/"
    run = [roo, "summarize", path, *flags]
    subprocess.run(run + ["--output", workbook_path], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    subprocess.run(run + ["--output", csv_dir], check=True)
    markdown = subprocess.run(run + ["--table", "all", "--format", "md"], check=True, capture_output=True, text=True).stdout
    order = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    if not flags and sorted(order) != sorted(TABLES):
        problems.append(f"--table all gives {order}")
    book = openpyxl.load_workbook(workbook_path)
    # A run with a period (a month, quarter or year key, or --compare) has the over_time sheet after the summary.
    dated = "by_period" in order or "--compare" in flags
    series = ["over_time"] if dated and "over_time" in book.sheetnames else []
    if book.sheetnames != ["summary"] + series + order + ["notes"]:
        problems.append(f"sheet names {book.sheetnames}, want summary, {series}, {order}, notes")
    tables = {}
    for name in order:
        with open(os.path.join(csv_dir, name + ".csv"), newline="") as handle:
            tables[name] = list(csv.reader(handle))
    problems += check_summary(book, tables["through_bloc"])
    if dated:
        problems += check_over_time(book, roo, run, scratch, order_flags(flags))
    for sheet in book.worksheets:
        problems += check_page_setup(sheet)
        problems += check_no_number_as_text(sheet)
    for name in order:
        sheet = book[name]
        expected = tables[name]
        header = [cell.value for cell in sheet[1]]
        if header != expected[0]:
            problems.append(f"{name}: header {header} != {expected[0]}")
        if not all(cell.font.bold for cell in sheet[1]):
            problems.append(f"{name}: header not bold")
        if sheet.freeze_panes != "A2":
            problems.append(f"{name}: frozen pane {sheet.freeze_panes}")
        if not sheet.auto_filter.ref or not sheet.auto_filter.ref.startswith("A1:"):
            problems.append(f"{name}: no auto-filter")
        rows = list(sheet.iter_rows(min_row=2))
        if len(rows) != len(expected) - 1:
            problems.append(f"{name}: {len(rows)} rows, CSV has {len(expected) - 1}")
        for cells, want in zip(rows, expected[1:]):
            for column, cell, text in zip(header, cells, want):
                problems += check_cell(name, column, cell, text)
                if len(problems) > 20:
                    return problems
    notes = {row[0].value: row[1].value for row in book["notes"].iter_rows(min_row=2)}
    for key in ["inputs", "region", "roo version", "created (UTC)", "lines_read"]:
        if key not in notes:
            problems.append(f"notes: no {key!r}")
    if notes.get("created (UTC)") != "1970-01-01T00:00:00Z":
        problems.append(f"notes: SOURCE_DATE_EPOCH not honoured: {notes.get('created (UTC)')}")
    # The totals row again, typed: counts and money numeric, equal to the CSV.
    note_cells = {row[0].value: row[1] for row in book["notes"].iter_rows(min_row=2)}
    for column, text in zip(tables["totals"][0], tables["totals"][1]):
        if column not in note_cells:
            problems.append(f"notes: no {column!r}")
        else:
            problems += check_cell("notes", column, note_cells[column], text)
    return problems


def order_flags(flags):
    """`flags` without --by and its list (the over_time check asks for its own keys)."""
    kept, skip = [], False
    for flag in flags:
        if skip:
            skip = False
        elif flag == "--by":
            skip = True
        else:
            kept.append(flag)
    return kept


def check_over_time(book, roo, run, scratch, other_flags):
    """The over_time sheet against roo's own --by partner,<period> CSV of the same lines: per bloc partner
    (the five largest by non-regional value, then by code) and period, the non-regional value and the claim
    share; and its two line charts drawing exactly those cells, values cached."""
    if "over_time" not in book.sheetnames:
        return ["no over_time sheet in a run with a period"]
    sheet = book["over_time"]
    header = [cell.value for cell in sheet[1]]
    grain = header[0]
    keyed = os.path.join(scratch, "over-time") + "/"
    subprocess.run([roo, "summarize", *run[2:3], *other_flags, "--by", f"partner,{grain}", "--output", keyed], check=True)
    with open(keyed + "through_bloc.csv", newline="") as handle:
        members = {row["route"] for row in csv.DictReader(handle) if row["route"] not in ("bloc", "outside")}
    sums, periods = {}, set()
    with open(keyed + "detail.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["partner"] in members and row[grain]:
                sums[(row["partner"], row[grain])] = row
                periods.add(row[grain])
    periods = sorted(periods)
    totals = {}
    for (partner, _), row in sums.items():
        totals[partner] = totals.get(partner, 0) + Decimal(row["non_regional_value"])
    partners = sorted(totals, key=lambda p: (-totals[p], p))[:5]
    problems = []
    names = [cell for cell in header[1:1 + len(partners)]]
    if len(header) != 1 + 2 * len(partners) or not all(n.endswith(f"({p}): non-regional value, US$") for n, p in zip(names, partners)):
        problems.append(f"over_time: header {header} for partners {partners}")
        return problems
    rows = list(sheet.iter_rows(min_row=2))
    if [r[0].value for r in rows] != periods:
        return problems + [f"over_time: periods {[r[0].value for r in rows]} != {periods}"]
    for cells, period in zip(rows, periods):
        for i, partner in enumerate(partners):
            row = sums.get((partner, period))
            problems += check_cell("over_time", "non_regional_value", cells[1 + i], row["non_regional_value"] if row else "0.00")
            share = ""
            if row and Decimal(row["customs_value"]) != 0:
                share = f"{float(Decimal(row['preference_value']) / Decimal(row['customs_value'])):.6f}"
            problems += check_cell("over_time", "claim_share", cells[1 + len(partners) + i], share)
    charts = sheet._charts
    if len(charts) != 2 or any(type(chart).__name__ != "LineChart" for chart in charts):
        return problems + [f"over_time: charts {[type(c).__name__ for c in charts]}, want two line charts"]
    last = len(periods) + 1
    for chart, first in zip(charts, (1, 1 + len(partners))):
        if len(chart.series) != len(partners):
            problems.append(f"over_time: a chart has {len(chart.series)} series for {len(partners)} partners")
            continue
        for i, series in enumerate(chart.series):
            column = get_column_letter(first + i + 1)
            if series.val.numRef.f != f"'over_time'!${column}$2:${column}${last}" or series.cat.strRef.f != f"'over_time'!$A$2:$A${last}":
                problems.append(f"over_time: series {i} draws {series.val.numRef.f} over {series.cat.strRef.f}")
            cached = {pt.idx: pt.v for pt in series.val.numRef.numCache.pt}
            for index, cells in enumerate(rows):
                value = cells[first + i].value
                if (value is None) != (index not in cached) or (value is not None and abs(float(cached[index]) - float(value)) > 1e-9):
                    problems.append(f"over_time: series {i} caches {cached.get(index)} for {value} in row {index + 2}")
                    break
    return problems


def check_summary(book, through_bloc):
    """The first, active sheet: headline figures equal to the bloc row, the through_bloc rows, context, definitions."""
    problems = []
    sheet = book.worksheets[0]
    if book.active.title != "summary" or not sheet.sheet_view.tabSelected:
        problems.append(f"the workbook opens on {book.active.title!r}, summary tab selected: {sheet.sheet_view.tabSelected}")
    if any(other.sheet_view.tabSelected for other in book.worksheets[1:]):
        problems.append("a sheet besides the summary is selected")
    header, rows = through_bloc[0], through_bloc[1:]
    bloc = dict(zip(header, next(row for row in rows if row[0] == "bloc")))
    labels = {}
    for row in sheet.iter_rows():
        if row[0].value is not None:
            labels.setdefault(row[0].value, row)  # the figures come first; the definitions repeat their terms below
    for label, column in FIGURES.items():
        if label not in labels:
            problems.append(f"summary: no {label!r}")
            continue
        cell = labels[label][3]
        if cell.data_type != "n" or "US$" not in cell.number_format or "#,##0.00" not in cell.number_format:
            problems.append(f"summary: {label} {cell.coordinate}: type {cell.data_type}, format {cell.number_format}")
        elif Decimal(str(cell.value)).quantize(Decimal("0.01")) != Decimal(bloc[column]):
            problems.append(f"summary: {label} {cell.value} != through_bloc bloc {column} {bloc[column]}")
    for item in CONTEXT:
        if item not in labels or labels[item][3].value in (None, ""):
            problems.append(f"summary: no {item!r}")
    if not isinstance(sheet["A3"].value, str) or "non-regional content entered duty-free" not in sheet["A3"].value:
        problems.append(f"summary: A3 is not the headline sentence: {sheet['A3'].value!r}")
    # The through_bloc rows under their header (column names with spaces), numbers typed as in the table sheets.
    top = next((row[0].row for row in sheet.iter_rows() if row[0].value == "route"), None)
    if top is None:
        return problems + ["summary: no through_bloc header row"]
    spaced = [cell.value for cell in sheet[top]][:len(header)]
    if spaced != [column.replace("_", " ") for column in header]:
        problems.append(f"summary: through_bloc header {spaced}")
    for offset, want in enumerate(rows):
        for column, cell, text in zip(header, sheet[top + 1 + offset], want):
            problems += check_cell("summary", column, cell, text)
    definitions = next((row[0].row for row in sheet.iter_rows() if row[0].value == "Definitions"), None)
    terms = [] if definitions is None else [row for row in sheet.iter_rows(min_row=definitions + 1) if row[0].value]
    if len(terms) < 3 or any(not isinstance(row[3].value, str) for row in terms) or terms[0][0].value != "non-regional value through the bloc":
        problems.append(f"summary: definitions {[(row[0].value, row[3].value) for row in terms][:3]}")
    return problems


def check_page_setup(sheet):
    """Landscape, one page wide (as tall as needed), row 1 repeated on every page."""
    setup = sheet.page_setup
    fit = sheet.sheet_properties.pageSetUpPr
    titles = (sheet.print_title_rows or "").replace("$", "")
    if setup.orientation != "landscape" or not (fit and fit.fitToPage) or setup.fitToWidth != 1 or setup.fitToHeight != 0 or titles != "1:1":
        return [f"{sheet.title}: page setup {setup.orientation}, fitToPage {fit and fit.fitToPage}, "
                f"fitToWidth {setup.fitToWidth}, fitToHeight {setup.fitToHeight}, print titles {sheet.print_title_rows!r}"]
    return []


def check_no_number_as_text(sheet):
    """No measure stored as text: a text cell that reads as a number must be a code (a key column, a note's code)."""
    problems = []
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2 if sheet.title != "summary" else 1):
        for cell in row:
            if cell.data_type != "s" or not NUMBER_TEXT.match(cell.value):
                continue
            column = header[cell.column - 1] if cell.column <= len(header) else None
            if sheet.title == "notes":
                allowed = row[0].value in NOTE_CODES
            elif sheet.title == "summary":
                allowed = row[0].value in CONTEXT
            else:
                allowed = column in KEYS
            if not allowed:
                problems.append(f"{sheet.title} {cell.coordinate}: number stored as text {cell.value!r}")
    return problems[:5]


def is_money(column):
    """A money column, or one of --compare's: M_<period> or M_change of a money column M."""
    base = column.rsplit("_", 1)[0]
    return column in MONEY or (base in MONEY and (column.endswith("_change") or column[len(base) + 1:].isdigit()))


def is_share(column):
    """A ratio: every *_share, effective_duty_rate, utilization, and --compare's M_growth."""
    return column.endswith("_share") or column in ("effective_duty_rate", "utilization") or column.endswith("_growth")


def check_cell(table, column, cell, text):
    """The CSV text vs the workbook cell: numbers numeric with their format, text as text."""
    if is_money(column):
        if cell.data_type != "n" or cell.number_format != "#,##0.00":
            return [f"{table}.{column} {cell.coordinate}: type {cell.data_type}, format {cell.number_format}"]
        if Decimal(str(cell.value)).quantize(Decimal("0.01")) != Decimal(text):
            return [f"{table}.{column} {cell.coordinate}: {cell.value} != {text}"]
    elif is_share(column):
        if text == "":
            return [] if cell.value is None else [f"{table}.{column} {cell.coordinate}: {cell.value} for an empty share"]
        if cell.data_type != "n" or cell.number_format != "0.00%" or abs(cell.value - float(text)) > 1e-9:
            return [f"{table}.{column} {cell.coordinate}: {cell.value} ({cell.number_format}) != {text}"]
    elif column not in KEYS:
        # Counts (lines, files, rejection reasons): numeric with a thousands format.
        if cell.data_type != "n" or cell.number_format != "#,##0" or int(cell.value) != int(text):
            return [f"{table}.{column} {cell.coordinate}: {cell.value} ({cell.number_format}) != {text}"]
    else:
        # Text: the CSV guards formula-like text with a leading quote; the workbook stores it as text.
        want = text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text
        if cell.data_type != "s" and not (cell.data_type == "n" and str(cell.value) == want):
            return [f"{table}.{column} {cell.coordinate}: type {cell.data_type} for text {text!r}"]
        if cell.data_type == "s" and cell.value != want:
            return [f"{table}.{column} {cell.coordinate}: {cell.value!r} != {want!r}"]
        if want != text:
            FORMULA_LIKE.append(want)
    return []


def main():
    roo, inputs = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    formula_like_before = 0
    for argument in inputs:
        # PATH, or PATH::FLAGS (e.g. "sample.parquet::--by program,channel --compare 202403:202406")
        path, _, flags = argument.partition("::")
        with tempfile.TemporaryDirectory() as scratch:
            problems = check_input(roo, path, scratch, flags.split())
        for problem in problems:
            print(f"{os.path.basename(path)}: {problem}")
        if os.path.basename(path) == "rules.parquet" and len(FORMULA_LIKE) == formula_like_before:
            problems.append("rules.parquet has formula-like keys, but none was seen")
        formula_like_before = len(FORMULA_LIKE)
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"{os.path.basename(path)} {flags}: workbook matches the CSV tables")
    print(f"xlsx: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
