#!/usr/bin/env python3
"""Writes the hand-made hostile files of Fixtures/corrupt/ (see its README).

Each starts from a small `roo generate` file and changes one header field to a
lie that must be caught before roo allocates or reads out of bounds. Run from
the repository root after `swift build -c release`:

    python3 scripts/make_corrupt_fixtures.py

Fuzzing crashes are added to Fixtures/corrupt/ by hand (with their line in
EXPECTED.tsv); this script leaves other files alone.
"""
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROO = os.environ.get("ROO", os.path.join(ROOT, ".build", "release", "roo"))
OUT = os.path.join(ROOT, "Fixtures", "corrupt")


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_varint(data, position):
    result = shift = 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7


def zigzag(value):
    return (value << 1) ^ (value >> 63)


def replace_i32_field(data, start, field_path, new_value):
    """Rewrites the i32 field reached by `field_path` (field ids, nested
    structs first) in the Thrift compact struct at `start`."""
    position = start
    last_id = 0
    target = field_path[0]
    while True:
        header = data[position]
        if header == 0:
            raise ValueError(f"field {target} not found")
        delta, kind = header >> 4, header & 0x0F
        position += 1
        if delta == 0:
            raise ValueError("long-form field headers are not handled")
        field_id = last_id + delta
        last_id = field_id
        if field_id == target:
            if len(field_path) > 1:
                return replace_i32_field(data, position, field_path[1:], new_value)
            if kind != 5:
                raise ValueError(f"field {target} is not an i32")
            _, end = read_varint(data, position)
            return data[:position] + varint(zigzag(new_value)) + data[end:]
        if kind == 5 or kind == 6:  # i32 / i64 varints
            _, position = read_varint(data, position)
        elif kind == 12:  # nested struct: skip it
            position = skip_struct(data, position)
        elif kind in (1, 2):  # booleans carry no payload
            pass
        else:
            raise ValueError(f"field type {kind} is not handled")


def skip_struct(data, position):
    last_id = 0
    while True:
        header = data[position]
        position += 1
        if header == 0:
            return position
        delta, kind = header >> 4, header & 0x0F
        last_id += delta
        if kind in (5, 6):
            _, position = read_varint(data, position)
        elif kind == 12:
            position = skip_struct(data, position)
        elif kind in (1, 2):
            pass
        else:
            raise ValueError(f"field type {kind} is not handled")


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        base_path = os.path.join(scratch, "base.parquet")
        subprocess.run([ROO, "generate", "--rows", "400", "--seed", "5", "--row-group-rows", "200", "--output", base_path], check=True, capture_output=True)
        base = open(base_path, "rb").read()
        info = json.loads(subprocess.run([ROO, "inspect", "--format", "json", base_path], capture_output=True, check=True).stdout)
    columns = {column["column"]: column for column in info["row_groups"][0]["columns"]}
    value = columns["customs_value"]
    # The chunk that starts last in the file: a header that grows there shifts no other chunk.
    last = max(info["row_groups"][-1]["columns"], key=lambda column: column["data_page_offset"])
    last_dictionary = max((column for column in info["row_groups"][-1]["columns"] if column.get("dictionary_page_offset")),
                          key=lambda column: column["dictionary_page_offset"])
    variants = {
        # PageHeader field 2 (uncompressed_page_size) on the last chunk's first data page.
        "page-uncompressed-size-lies.parquet": replace_i32_field(base, last["data_page_offset"], [2], 1 << 29),
        # PageHeader field 3 (compressed_page_size): the body would run past the footer.
        "page-compressed-size-past-footer.parquet": replace_i32_field(base, value["data_page_offset"], [3], 1 << 29),
        # DictionaryPageHeader (PageHeader field 7) field 1 (num_values) of the last dictionary-encoded chunk.
        "dictionary-count-lies.parquet": replace_i32_field(base, last_dictionary["dictionary_page_offset"], [7, 1], 1 << 27),
        # Footer length (last 8 bytes: length, "PAR1") larger than the file.
        "footer-length-past-start.parquet": base[:-8] + (len(base)).to_bytes(4, "little") + b"PAR1",
    }
    for name, data in variants.items():
        with open(os.path.join(OUT, name), "wb") as handle:
            handle.write(data)
        print(f"wrote Fixtures/corrupt/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
