#!/usr/bin/env python3
"""Corruption matrix: truncate valid Parquet files at many points and flip bits
at many positions (first page headers, page bodies, dictionary pages, the
footer, and bytes no column chunk covers), run the release `roo cat` on each
copy with a time limit, and count the outcomes.

Every run must either succeed or exit 65 with exactly one error line; never a
signal, another exit status, or a hang. A flip in bytes roo never reads must
leave the output identical. Exit status 1 if any run breaks these rules.

usage: scripts/check/corruption_matrix.py [--flips N] [--truncations N] [--seed S] [FILE...]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFORMANCE = os.environ.get("ROO_CONFORMANCE_DIR", os.path.join(ROOT, "..", "shared", "conformance"))
DEFAULT_FILES = [
    "parquet-testing/files/alltypes_plain.snappy.parquet",
    "parquet-testing/files/alltypes_dictionary.parquet",
    "parquet-testing/files/int32_with_null_pages.parquet",
    "parquet-testing/files/delta_byte_array.parquet",
    "parquet-testing/files/byte_stream_split.zstd.parquet",
    "parquet-testing/files/lz4_raw_compressed.parquet",
    "parquet-testing/files/datapage_v2_empty_datapage.snappy.parquet",
    "parquet-testing/unsupported_codec/hadoop_lz4_compressed_larger.parquet",
    "parquet-testing/files/alltypes_tiny_pages.parquet",
    "generated/unsupported_codec/pyarrow_brotli.parquet",
    "generated/files/customs_pyarrow.zstd.parquet",
    "generated/files/customs_polars.uncompressed.parquet",
    "generated/files/customs_duckdb_v1.zstd.parquet",
    "generated/files/pyarrow_delta_v1_nulls.gzip.parquet",
    "generated/files/pyarrow_dict_fallback_v2.gzip.parquet",
]
TIMEOUT_S = 10


def run(roo, path):
    """(status, stdout, stderr); status None on timeout."""
    try:
        done = subprocess.run([roo, "cat", path], capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, b"", b""
    return done.returncode, done.stdout, done.stderr


def regions(roo, path, size):
    """Byte ranges by kind, from `roo inspect --format json` and the footer length."""
    info = json.loads(subprocess.run([roo, "inspect", "--format", "json", path], capture_output=True, check=True).stdout)
    with open(path, "rb") as handle:
        handle.seek(size - 8)
        footer_length = int.from_bytes(handle.read(4), "little")
    footer = (size - 8 - footer_length, size)
    kinds = {"page header": [], "page body": [], "dictionary page": [], "footer": [footer], "unread": []}
    covered = [(0, 4), footer]
    for group in info["row_groups"]:
        for column in group["columns"]:
            start = column.get("dictionary_page_offset") or column["data_page_offset"]
            end = start + column["compressed_bytes"]
            covered.append((start, end))
            if column.get("dictionary_page_offset"):
                kinds["dictionary page"].append((column["dictionary_page_offset"], column["data_page_offset"]))
            first = column["data_page_offset"]
            kinds["page header"].append((first, min(first + 24, end)))
            kinds["page body"].append((min(first + 24, end), end))
    # Bytes outside every column chunk, the magic and the footer.
    covered.sort()
    position = 0
    for start, end in covered:
        if start > position:
            kinds["unread"].append((position, start))
        position = max(position, end)
    return {kind: [r for r in ranges if r[1] > r[0]] for kind, ranges in kinds.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--flips", type=int, default=40, help="bit flips per region kind per file")
    parser.add_argument("--truncations", type=int, default=60, help="truncation points per file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    roo = os.path.join(ROOT, ".build", "release", "roo")
    subprocess.run(["swift", "build", "-c", "release", "--product", "roo"], cwd=ROOT, check=True, capture_output=True)
    files = args.files or [os.path.join(CONFORMANCE, name) for name in DEFAULT_FILES]
    rng = random.Random(args.seed)
    counts = {"runs": 0, "identical": 0, "different": 0, "clean errors": 0, "crashes": 0, "hangs": 0, "violations": 0}
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "damaged.parquet")
        for path in files:
            original = open(path, "rb").read()
            status, expected, stderr = run(roo, path)
            if status != 0:
                problems.append(f"{path}: the undamaged file fails: {stderr.decode(errors='replace').strip()}")
                continue
            by_kind = regions(roo, path, len(original))
            cases = [("truncation", None, original[:rng.randrange(len(original))]) for _ in range(args.truncations)]
            for kind, ranges in by_kind.items():
                for _ in range(args.flips if ranges else 0):
                    start, end = rng.choice(ranges)
                    offset = rng.randrange(start, end)
                    damaged = bytearray(original)
                    damaged[offset] ^= 1 << rng.randrange(8)
                    cases.append((kind, offset, bytes(damaged)))
            for kind, offset, data in cases:
                with open(target, "wb") as handle:
                    handle.write(data)
                status, stdout, stderr = run(roo, target)
                counts["runs"] += 1
                where = f"{os.path.basename(path)} {kind}" + (f" at byte {offset}" if offset is not None else f" to {len(data)} bytes")
                lines = stderr.decode(errors="replace").strip().splitlines()
                if status is None:
                    counts["hangs"] += 1
                    problems.append(f"{where}: no result within {TIMEOUT_S} s")
                elif status == 0:
                    same = stdout == expected
                    counts["identical" if same else "different"] += 1
                    if kind == "unread" and not same:
                        counts["violations"] += 1
                        problems.append(f"{where}: damage in unread bytes changed the output")
                elif status == 65 and len(lines) == 1:
                    counts["clean errors"] += 1
                else:
                    counts["crashes"] += 1
                    problems.append(f"{where}: exit status {status}, stderr: {' | '.join(lines[:3])}")
    for problem in problems[:40]:
        print(problem)
    print("corruption matrix: " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    return 1 if counts["crashes"] or counts["hangs"] or counts["violations"] or problems else 0


if __name__ == "__main__":
    sys.exit(main())
