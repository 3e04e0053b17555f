#!/usr/bin/env python3
"""Opens roo's HTML reports in headless Chromium (selenium + chromedriver) and
checks what a reader gets: the headline number, its two parts and the period,
region, programs and currency inside the first 1280x800 viewport; sections in
order (headline, how to read this, flows through the bloc, direct flows,
charts, data quality); no horizontal overflow and no table cell drawn over its
neighbour at 1280 and 800 px wide nor in print layout; no console error; no zero row in a flow list; hostile names
shown as text; the same bytes for two runs; nothing fetched from outside; and
Page.printToPDF giving a PDF for A4 and Letter. Saves a first-screen and a
full-page screenshot of each report into $ROO_REPORT_SCREENSHOTS (default
/tmp/roo-report-screenshots).

usage: check_report.py ROO_BINARY   (prints "report: N passed, M failed")
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

SECTIONS = ["headline", "how-to-read", "through-bloc", "direct", "charts", "data-quality"]
FIRST_SCREEN = ["#headline-number", ".parts", ".context"]
HOSTILE = "<img src=x onerror=alert(1)>"
# A CSV whose origin and program texts try to become markup.
HOSTILE_CSV = (
    "origin,partner,hs_code,customs_value,duty,program,non_originating_value\n"
    f"\"{HOSTILE}\",MX,8703230190,1000.00,0.00,S,\n"
    "CN,MX,8703230190,500.00,0.00,S,\n"
    "MX,MX,8703230190,2000.00,0.00,S,300.00\n"
    "DE,DE,3004900000,900.00,0.00,,\n"
    "CN,CA,8471300000,0.00,0.00,S,\n"
)
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
                 "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def viewport(driver, width, height, media=""):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def overflow(driver):
    return driver.execute_script(
        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];")


def spilling_cells(driver):
    """Table cells whose content is wider than the cell (text drawn over its neighbour)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('td, th')).filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".slice(0, 5).map(c => c.textContent + ' (' + c.scrollWidth + ' > ' + c.clientWidth + ')');")


def expect_fits(driver, checks, name, where):
    width = overflow(driver)
    checks.expect(width[0] <= width[1], f"{name}: horizontal overflow {where}: scrollWidth {width[0]} > clientWidth {width[1]}")
    cells = spilling_cells(driver)
    checks.expect(not cells, f"{name}: table cells spill over {where}: {cells}")


def screenshot(driver, path, full):
    shot = {"format": "png"}
    if full:
        size = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];")
        shot.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
    data = driver.execute_cdp_cmd("Page.captureScreenshot", shot)["data"]
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(data))


def check_report(driver, checks, name, html_path, shots, hostile=False):
    with open(html_path, encoding="utf-8") as handle:
        text = handle.read()
    lowered = text.lower()
    for needle in ["<script", "<link", "<img", "<iframe", "<object", "@import", "url("]:
        checks.expect(needle not in lowered, f"{name}: report holds {needle!r} (must be self-contained, every text escaped)")

    viewport(driver, 1280, 800)
    driver.get("file://" + os.path.abspath(html_path))
    fetched = driver.execute_script(
        "return document.querySelectorAll('script, link, img, iframe, object, embed, [src], [href], [srcset]').length;")
    checks.expect(fetched == 0, f"{name}: {fetched} elements that load or link something (must be self-contained)")
    size = driver.execute_script("return [window.innerWidth, window.innerHeight];")
    checks.expect(size == [1280, 800], f"{name}: viewport {size}, want 1280x800")
    for selector in FIRST_SCREEN:
        box = driver.execute_script(
            "const e = document.querySelector(arguments[0]); if (!e) return null;"
            "const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
            "return {top: r.top, bottom: r.bottom, width: r.width, visible: s.visibility === 'visible' && s.display !== 'none'};",
            selector)
        checks.expect(box is not None and box["visible"] and box["width"] > 0 and box["top"] >= 0 and box["bottom"] <= 800,
                      f"{name}: {selector} not inside the first 1280x800 viewport: {box}")
    number = driver.execute_script("const e = document.getElementById('headline-number'); return e ? e.textContent : '';")
    checks.expect(number.startswith(("US$", "-US$")), f"{name}: headline number {number!r} does not say US$")
    font = driver.execute_script("return parseFloat(getComputedStyle(document.getElementById('headline-number')).fontSize);")
    checks.expect(font is not None and font >= 36, f"{name}: headline number in {font}px type, want large (>= 36px)")
    context = driver.execute_script("return document.querySelector('.context').textContent;")
    for word in ["Period", "Region", "Preference programs", "Currency", "USD"]:
        checks.expect(word in context, f"{name}: first screen does not say {word!r}: {context!r}")
    order = driver.execute_script(
        "return Array.from(document.querySelectorAll('main > header[id], main > section[id]')).map(e => e.id);")
    checks.expect(order == SECTIONS, f"{name}: sections {order}, want {SECTIONS}")
    for table in ["through-bloc-flows", "direct-flows"]:
        values = driver.execute_script(
            "const t = document.getElementById(arguments[0]); if (!t) return [];"
            "const col = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent.startsWith('Non-regional'));"
            "return Array.from(t.tBodies[0].rows).map(r => r.cells[col].textContent);", table)
        zero = [value for value in values if value.replace(",", "").replace(".", "").strip("0") in ("", "-")]
        checks.expect(not zero, f"{name}: {table} lists rows worth 0: {zero}")
    expect_fits(driver, checks, name, "at 1280 px")
    screenshot(driver, os.path.join(shots, f"{name}-1280x800.png"), full=False)
    screenshot(driver, os.path.join(shots, f"{name}-full.png"), full=True)

    viewport(driver, 800, 800)
    expect_fits(driver, checks, name, "at 800 px")
    screenshot(driver, os.path.join(shots, f"{name}-800-full.png"), full=True)
    # Print layout at the text width of A4 with the report's margins (about 700 CSS px).
    viewport(driver, 700, 1000, media="print")
    expect_fits(driver, checks, name, "in print layout at 700 px")
    viewport(driver, 1280, 800)

    if hostile:
        # roo upper-cases country codes; the text must still be shown, as text.
        shown = driver.execute_script("return document.body.textContent.includes(arguments[0]);", HOSTILE.upper())
        checks.expect(shown, f"{name}: hostile origin text not shown as text")
        images = driver.execute_script("return document.getElementsByTagName('img').length;")
        checks.expect(images == 0, f"{name}: hostile origin became markup ({images} img elements)")

    severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    checks.expect(not severe, f"{name}: console errors: {severe}")

    for paper, (paper_width, paper_height) in PAPERS.items():
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "paperWidth": paper_width,
                                                         "paperHeight": paper_height, "preferCSSPageSize": False})
        data = base64.b64decode(pdf.get("data", ""))
        checks.expect(data.startswith(b"%PDF") and len(data) > 1000, f"{name}: printToPDF ({paper}) gave {len(data)} bytes, no PDF")
        if paper == "A4":
            with open(os.path.join(shots, f"{name}-A4.pdf"), "wb") as handle:
                handle.write(data)


def write_report(roo, checks, name, inputs, scratch):
    paths = []
    for run in range(2):
        path = os.path.join(scratch, f"{name}-{run}.html")
        result = subprocess.run([roo, "summarize", *inputs, "--output", path], capture_output=True,
                                env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
        checks.expect(result.returncode == 0, f"{name}: roo summarize exited {result.returncode}: {result.stderr.decode(errors='replace')}")
        paths.append(path)
    if all(os.path.exists(path) for path in paths):
        with open(paths[0], "rb") as first, open(paths[1], "rb") as second:
            checks.expect(first.read() == second.read(), f"{name}: two runs gave different report bytes")
    return paths[0]


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 64
    roo = sys.argv[1]
    shots = os.environ.get("ROO_REPORT_SCREENSHOTS", "/tmp/roo-report-screenshots")
    os.makedirs(shots, exist_ok=True)
    checks = Checks()
    with tempfile.TemporaryDirectory() as scratch:
        hostile_csv = os.path.join(scratch, "hostile.csv")
        with open(hostile_csv, "w", encoding="utf-8") as handle:
            handle.write(HOSTILE_CSV)
        cases = [("sample-2024", ["Fixtures/sample-2024.parquet"], False),
                 ("rules", ["Fixtures/rules.parquet"], False),
                 ("hostile", [hostile_csv], True)]
        driver = browser()
        try:
            for name, inputs, hostile in cases:
                path = write_report(roo, checks, name, inputs, scratch)
                if os.path.exists(path):
                    check_report(driver, checks, name, path, shots, hostile=hostile)
        finally:
            driver.quit()
    print(f"screenshots and A4 PDFs in {shots}")
    print(f"report: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
