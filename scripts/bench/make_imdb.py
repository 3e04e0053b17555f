#!/usr/bin/env python3
"""Writes a synthetic Census IMDB IMP_DETL.TXT of N records (688 bytes + CRLF)
for throughput measurements of `roo ingest --layout census-imdb`:

    python3 scripts/bench/make_imdb.py 5000000 .build-bench/IMP_DETL_5M.TXT

100,000 distinct random records (fixed seed) are repeated to reach N.
"""
import random
import sys

rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(5)
countries = ["5700", "2010", "1220", "5880", "5800", "4280", "5520", "5830", "5330", "4120", "5490", "5570", "4279", "4759"]
programs = ["S ", "S+", "  ", "00", "A ", "KR"]
rates = ["10", "18", "19", "61", "69", "00", "14"]
block = []
for _ in range(min(rows, 100_000)):
    head = (f"{rng.randrange(10**9, 10**10 - 1):010d}"[:10] + rng.choice(countries) + rng.choice(programs)
            + "2323" + rng.choice(rates) + "2024" + f"{rng.randrange(1, 13):2d}")
    measures = "".join(f"{rng.randrange(0, 10**rng.randrange(1, 12)):>15}" for _ in range(44))
    record = head + measures
    assert len(record) == 688
    block.append(record + "\r\n")
text = "".join(block).encode()
with open(path, "wb") as f:
    full, rest = divmod(rows, len(block))
    for _ in range(full):
        f.write(text)
    f.write("".join(block[:rest]).encode())
