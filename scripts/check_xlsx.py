#!/usr/bin/env python3
"""Opens roo's xlsx workbooks with openpyxl and checks them against roo's CSV
output of the same run: sheet names, bold frozen header rows, auto-filters,
numeric cells with money/percent/count formats, equal values, and text that
looks like a formula staying text.

usage: check_xlsx.py ROO_BINARY INPUT.parquet...   (prints "xlsx: N passed, M failed")
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

import openpyxl

TABLES = ["detail", "by_partner", "by_chapter", "by_origin", "totals", "through_bloc"]
MONEY = {"customs_value", "duty", "duty_free_value", "preference_value", "non_regional_value", "pass_through_value",
         "declared_non_originating_value"}
KEYS = {"origin", "origin_name", "hs_chapter", "chapter_title", "partner", "partner_name", "route", "route_name"}
FORMULA_LIKE = []  # formula-like texts seen (stored as text cells)


def check_input(roo, path, scratch):
    problems = []
    workbook_path = os.path.join(scratch, "out.xlsx")
    csv_dir = os.path.join(scratch, "csv") + "/"
    subprocess.run([roo, "summarize", path, "--output", workbook_path], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    subprocess.run([roo, "summarize", path, "--output", csv_dir], check=True)
    book = openpyxl.load_workbook(workbook_path)
    if book.sheetnames != TABLES + ["notes"]:
        problems.append(f"sheet names {book.sheetnames}")
    for name in TABLES:
        sheet = book[name]
        with open(os.path.join(csv_dir, name + ".csv"), newline="") as handle:
            expected = list(csv.reader(handle))
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
    return problems


def check_cell(table, column, cell, text):
    """The CSV text vs the workbook cell: numbers numeric with their format, text as text."""
    if column in MONEY:
        if cell.data_type != "n" or cell.number_format != "#,##0.00":
            return [f"{table}.{column} {cell.coordinate}: type {cell.data_type}, format {cell.number_format}"]
        if Decimal(str(cell.value)).quantize(Decimal("0.01")) != Decimal(text):
            return [f"{table}.{column} {cell.coordinate}: {cell.value} != {text}"]
    elif column.endswith("_share"):
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
    for path in inputs:
        with tempfile.TemporaryDirectory() as scratch:
            problems = check_input(roo, path, scratch)
        for problem in problems:
            print(f"{os.path.basename(path)}: {problem}")
        if os.path.basename(path) == "rules.parquet" and len(FORMULA_LIKE) == formula_like_before:
            problems.append("rules.parquet has formula-like keys, but none was seen")
        formula_like_before = len(FORMULA_LIKE)
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"{os.path.basename(path)}: workbook matches the CSV tables")
    print(f"xlsx: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
