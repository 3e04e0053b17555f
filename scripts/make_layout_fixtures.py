#!/usr/bin/env python3
"""Writes Fixtures/layouts/: small hand-shaped extracts in each real layout
(docs/layouts.md) with malformed and skipped records, plus for each an
equivalent canonical CSV written independently of roo's layout code, and the
expected tables: the DuckDB oracle (scripts/oracle.py) over that canonical CSV.

    .venv/bin/python scripts/make_layout_fixtures.py [OUTDIR]   (scripts/venv.sh first)

OUTDIR defaults to Fixtures/layouts; scripts/differential.sh writes elsewhere
and checks that the committed fixtures are what this script makes.

Deterministic (fixed seed); rerunning gives the same bytes, except the ZIP,
whose entry dates are fixed too.
"""
import csv
import io
import os
import random
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Fixtures", "layouts")
rng = random.Random(2026)

CANONICAL = ["origin", "partner", "hs_code", "customs_value", "duty", "program", "rate_provision", "period", "reporter"]
HS = ["8708295160", "8703230190", "8471300100", "8542310000", "0101210010", "2709002090", "9401710011", "3004909290",
      "8517130000", "7208510060", "6110203079", "9999950000"]


def write_canonical(path, rows, columns):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([row.get(c, "") for c in columns])


def oracle(canonical, outdir, flags):
    os.makedirs(outdir, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "oracle.py"), canonical, "--out", outdir] + flags, check=True)


# --- Census IMDB IMP_DETL.TXT: fixed width, 688 bytes, CRLF ------------------------------------------
MEASURES = ["cards", "con_qy1", "con_qy2", "con_val", "dut_val", "cal_dut", "con_cha", "con_cif", "gen_qy1", "gen_qy2",
            "gen_val", "gen_cha", "gen_cif", "air_val", "air_wgt", "air_cha", "ves_val", "ves_wgt", "ves_cha",
            "cnt_val", "cnt_wgt", "cnt_cha"]


def imdb_record(commodity, cty, subco, rate, year, month, con_val, cal_dut):
    """One 688-byte record; numbers right-aligned in 15 bytes, text left-aligned."""
    head = f"{commodity:<10}{cty:<4}{subco:<2}{'23':<2}{'23':<2}{rate:<2}{year:>4}{month:>2}"
    monthly = {m: rng.randrange(0, 10 ** 6) for m in MEASURES}
    monthly["con_val"], monthly["cal_dut"], monthly["cards"] = con_val, cal_dut, rng.randrange(1, 40)
    body = "".join(f"{monthly[m]:>15}" for m in MEASURES)
    body += "".join(f"{monthly[m] * 3:>15}" for m in MEASURES)  # year to date
    record = head + body
    assert len(record) == 688, len(record)
    return record


def census():
    d = os.path.join(OUT, "census-imdb")
    os.makedirs(d, exist_ok=True)
    countries = ["5700", "5700", "2010", "2010", "1220", "5880", "5800", "4280", "5520", "5830", "5330", "9999"]
    programs = ["S ", "S+", "  ", "00", "A ", "KR"]
    rates = ["10", "10", "18", "19", "61", "61", "69", "00", "14"]
    lines, rows = [], []
    for i in range(300):
        cty = rng.choice(countries)
        subco = rng.choice(programs)
        rate = rng.choice(rates)
        hs = rng.choice(HS)
        month = rng.randrange(1, 13)
        value = rng.randrange(0, 5_000_000)
        duty = 0 if rate in ("10", "18", "19", "14") else value * rng.randrange(0, 25) // 100
        lines.append(imdb_record(hs, cty, subco, rate, 2024, month, value, duty))
        rows.append({"origin": cty, "partner": cty, "hs_code": hs, "customs_value": str(value), "duty": str(duty),
                     "program": "" if subco.strip() in ("", "00") else subco.strip(), "rate_provision": rate,
                     "period": f"2024{month:02d}", "reporter": "US"})
    # Lines that are rejected by the rules (missing country, bad HS chapter, missing value): still lines.
    special = [("8708295160", "    ", "S ", "10", 1, 100, 0, {"origin": "", "partner": ""}),
               ("0012345678", "5700", "  ", "10", 2, 250, 0, {}),
               ("          ", "2010", "S ", "18", 3, 75, 0, {"hs_code": ""})]
    for hs, cty, subco, rate, month, value, duty, override in special:
        lines.append(imdb_record(hs, cty, subco, rate, 2024, month, value, duty))
        row = {"origin": cty.strip(), "partner": cty.strip(), "hs_code": hs.strip(), "customs_value": str(value), "duty": str(duty),
               "program": "" if subco.strip() in ("", "00") else subco.strip(), "rate_provision": rate,
               "period": f"2024{month:02d}", "reporter": "US"}
        row.update(override)
        rows.append(row)
    # A record whose customs value is blank (missing_value).
    blank = imdb_record("8471300100", "5800", "KR", "61", 2024, 4, 0, 10)
    blank = blank[:73] + " " * 15 + blank[88:]
    lines.append(blank)
    rows.append({"origin": "5800", "partner": "5800", "hs_code": "8471300100", "customs_value": "", "duty": "10",
                 "program": "KR", "rate_provision": "61", "period": "202404", "reporter": "US"})
    # Malformed: one record cut short, one too long (never lines; ingest rejects them with their line number).
    malformed = {120: lines[5][:687], 201: lines[6] + "X"}
    text_lines = []
    for index, line in enumerate(lines):
        if index in malformed:
            text_lines.append(malformed[index])
        text_lines.append(line)
    data = "\r\n".join(text_lines) + "\r\n"
    with open(os.path.join(d, "IMP_DETL.TXT"), "w", newline="") as f:
        f.write(data)
    # The monthly download: IMP_DETL.TXT beside the lookups, as Census ships it.
    with zipfile.ZipFile(os.path.join(d, "IMDB2401.ZIP"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in [("COUNTRY.TXT", "5700China\r\n2010Mexico\r\n"), ("IMP_DETL.TXT", data)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 2, 15, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    write_canonical(os.path.join(d, "canonical.csv"), rows, CANONICAL)
    oracle(os.path.join(d, "canonical.csv"), os.path.join(d, "expected"), ["--country-codes", "census", "--duty-free-by", "rate-provision"])
    with open(os.path.join(d, "expected", "ingest.txt"), "w") as f:
        f.write(f"{len(text_lines)} lines in = {len(lines)} rows written + {len(malformed)} rows rejected\n")


# --- ACE entry summary line extract: CSV, ISO alpha-2, SPI column or HTS prefix ---------------------
def dotted(hs):
    return f"{hs[:4]}.{hs[4:6]}.{hs[6:]}"


def ace():
    d = os.path.join(OUT, "ace-lines")
    os.makedirs(d, exist_ok=True)
    header = ["Entry Number", "Entry Type", "Line Number", "Country of Origin", "Country of Export", "HTS Number", "SPI",
              "Entered Value", "Duty", "Entry Date"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    rows = []
    origins = ["CN", "CN", "MX", "MX", "CA", "JP", "KR", "DE", "VN", "TW", "US"]
    exports = {"CN": ["CN", "MX", "CA"], "MX": ["MX"], "CA": ["CA"], "JP": ["JP", "MX"], "KR": ["KR"], "DE": ["DE", "CA"],
               "VN": ["VN", "MX"], "TW": ["TW"], "US": ["MX", "CA"]}
    physical = 1
    for i in range(240):
        origin = rng.choice(origins)
        export = rng.choice(exports[origin])
        hs = rng.choice(HS)
        spi = rng.choice(["S", "S+", "", "", "A", "KR"]) if export in ("MX", "CA") or origin == "KR" else rng.choice(["", ""])
        value = rng.randrange(1, 900_000)
        duty_cents = 0 if spi in ("S", "S+") or rng.random() < 0.3 else value * rng.randrange(1, 30)
        prefix_style = i % 3 == 0 and spi != ""
        hts_text = f"{spi} {dotted(hs)}" if prefix_style else dotted(hs)
        spi_column = "" if prefix_style else spi
        value_text = f"${value:,}" if i % 7 == 0 else str(value)
        duty_text = f"{duty_cents // 100}.{duty_cents % 100:02d}"
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        date_text = f"{month:02d}/{day:02d}/2024" if i % 5 else f"2024-{month:02d}-{day:02d}"
        w.writerow([f"ABC{i:07d}8", "01", str(i % 9 + 1), origin, export, hts_text, spi_column, value_text, duty_text, date_text])
        physical += 1
        rows.append({"origin": origin, "partner": export, "hs_code": dotted(hs), "customs_value": str(value),
                     "duty": duty_text, "program": spi, "period": f"2024{month:02d}", "reporter": "US"})
        if i in (50, 160):  # malformed: a line with a missing field
            w.writerow([f"BAD{i:07d}0", "01", "1", "CN", "MX", dotted(hs), "", "100"])
            physical += 1
    with open(os.path.join(d, "ace_lines.csv"), "w", newline="") as f:
        f.write(out.getvalue())
    write_canonical(os.path.join(d, "canonical.csv"), rows, ["origin", "partner", "hs_code", "customs_value", "duty", "program",
                                                               "period", "reporter"])
    oracle(os.path.join(d, "canonical.csv"), os.path.join(d, "expected"), [])
    oracle(os.path.join(d, "canonical.csv"), os.path.join(d, "expected-q2"), ["--from", "202404", "--to", "202406"])
    with open(os.path.join(d, "expected", "ingest.txt"), "w") as f:
        f.write(f"{len(rows) + 2} lines in = {len(rows)} rows written + 2 rows rejected\n")


# --- Mexican SAT Data Stage 551 items: pipe-delimited, alpha-3 -------------------------------------
PEDIMENTO_HEADER = ("Patente|Pedimento|SeccionAduanera|Fraccion|SecuenciaFraccion|SubdivisionFraccion|DescripcionMercancia|"
                    "PrecioUnitario|ValorAduana|ValorComercial|ValorDolares|CantidadUMComercial|UnidadMedidaComercial|"
                    "CantidadUMTarifa|UnidadMedidaTarifa|ValorAgregado|ClaveVinculacion|MetodoValorizacion|"
                    "CodigoMercanciaProducto|MarcaMercanciaProducto|ModeloMercanciaProducto|PaisOrigenDestino|"
                    "PaisCompradorVendedor|EntidadFedOrigen|EntidadFedDestino|EntidadFedComprador|EntidadFedVendedor|"
                    "TipoOperacion|ClaveDocumento|FechaPagoReal").split("|")


def pedimento():
    d = os.path.join(OUT, "pedimento-551")
    os.makedirs(d, exist_ok=True)
    lines = ["|".join(PEDIMENTO_HEADER)]
    rows = []
    skipped = 0
    origins = ["CHN", "CHN", "CHN", "USA", "KOR", "JPN", "DEU", "TWN", "MEX", "CAN", "XXX"]
    sellers = {"CHN": ["CHN", "USA", "HKG"], "USA": ["USA"], "KOR": ["KOR", "USA"], "JPN": ["JPN"], "DEU": ["DEU", "USA"],
               "TWN": ["TWN"], "MEX": ["MEX"], "CAN": ["CAN", "USA"], "XXX": ["USA"]}
    for i in range(260):
        origin = rng.choice(origins)
        seller = rng.choice(sellers[origin])
        hs = rng.choice(HS)
        fraccion, nico = hs[:8], hs[8:]
        tipo = "2" if i % 13 == 0 else "1"
        clave = rng.choice(["IN", "IN", "A1", "V1"])
        usd = rng.randrange(1, 50_000_000)
        usd_text = f"{usd // 100}.{usd % 100:02d}"
        mxn = usd * 17
        day, month = rng.randrange(1, 29), rng.randrange(1, 13)
        description = 'PIEZAS DE 3/4" PARA MOTOR' if i % 11 == 0 else "PARTES PARA VEHICULOS"
        fields = {"Patente": "3210", "Pedimento": f"{4000000 + i}", "SeccionAduanera": "240", "Fraccion": fraccion,
                  "SecuenciaFraccion": str(i % 20 + 1), "SubdivisionFraccion": nico, "DescripcionMercancia": description,
                  "PrecioUnitario": "1.5", "ValorAduana": str(mxn // 100), "ValorComercial": str(mxn // 100),
                  "ValorDolares": usd_text, "CantidadUMComercial": "10", "UnidadMedidaComercial": "6", "CantidadUMTarifa": "10",
                  "UnidadMedidaTarifa": "6", "ValorAgregado": "0", "ClaveVinculacion": "0", "MetodoValorizacion": "1",
                  "CodigoMercanciaProducto": "", "MarcaMercanciaProducto": "", "ModeloMercanciaProducto": "",
                  "PaisOrigenDestino": origin, "PaisCompradorVendedor": seller, "EntidadFedOrigen": "19",
                  "EntidadFedDestino": "19", "EntidadFedComprador": "19", "EntidadFedVendedor": "", "TipoOperacion": tipo,
                  "ClaveDocumento": clave, "FechaPagoReal": f"{day:02d}/{month:02d}/2024"}
        lines.append("|".join(fields[h] for h in PEDIMENTO_HEADER))
        if tipo != "1":
            skipped += 1
            continue
        rows.append({"origin": origin, "partner": seller, "hs_code": hs, "customs_value": usd_text, "program": clave,
                     "period": f"2024{month:02d}", "reporter": "MX"})
        if i in (40, 99, 180):  # malformed: a record with a field too many
            lines.append("|".join(fields[h] for h in PEDIMENTO_HEADER) + "|EXTRA")
    with open(os.path.join(d, "items_551.asc"), "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    write_canonical(os.path.join(d, "canonical.csv"), rows, ["origin", "partner", "hs_code", "customs_value", "program", "period",
                                                               "reporter"])
    oracle(os.path.join(d, "canonical.csv"), os.path.join(d, "expected"), ["--country-codes", "iso3", "--duty-free-programs", "IN"])
    with open(os.path.join(d, "expected", "ingest.txt"), "w") as f:
        f.write(f"{len(rows) + 3} lines in = {len(rows)} rows written + 3 rows rejected; {skipped} records skipped\n")


if __name__ == "__main__":
    census()
    ace()
    pedimento()
    print("wrote", OUT)
