#!/usr/bin/env python3
"""Declared dependencies are the imports: for every target of Package.swift
(read with `swift package dump-package`), the modules its Swift files import
must be exactly the targets and products it declares (toolchain modules such
as Foundation, Dispatch, Synchronization, Glibc and Testing aside), every
target must appear in docs/architecture.md's module table, and a row of that
table naming one target must list exactly its declared imports, every Swift
library target must have its Tests/<Name>Tests (the executable: CLITests). The command
layer (RooSupport and one module per command) declares nothing `public`
but the Kernel benchmark's `InMemoryDataset`: what crosses its modules is
`package`.
Ends with "modules: N passed, M failed"."""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLCHAIN = {"Foundation", "FoundationEssentials", "FoundationXML", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin",
             "Testing", "XCTest", "PackageDescription", "_Concurrency", "Swift", "os"}
COMMAND_LAYER = ["RooSupport", "Partial", "Summarize", "Mirror", "Ingest", "Generate", "Inspect", "Bench"]
PUBLIC_ALLOWED = {"Sources/Bench/InMemoryDataset.swift"}
PUBLIC = re.compile(r"^[ \t]*(?:@\w+(?:\([^)\n]*\))?[ \t]+)*public\b", re.M)
IMPORT = re.compile(r"^[ \t]*(?:@\w+(?:\([^)\n]*\))?[ \t]+)*(?:public |package |internal |private |fileprivate )?import[ \t]+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def declared(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def table_imports(text):
    """Target -> the modules its row of the architecture table says it imports
    (rows naming one target; toolchain modules and "–" left out)."""
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            continue
        names = re.findall(r"`([A-Za-z]+)`", cells[0])
        if len(names) != 1 or cells[0] != f"`{names[0]}`":
            continue
        modules = {m.strip() for m in cells[-1].split(",")} - {"–", "-", "stdlib", ""}
        rows[names[0]] = {m for m in modules if m not in TOOLCHAIN}
    return rows


def imports(directory):
    found = {}
    for folder, _, files in os.walk(directory):
        for name in files:
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for module in IMPORT.findall(text):
                found.setdefault(module, os.path.relpath(path, ROOT))
    return found


def main():
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                        capture_output=True, text=True).stdout)
    passed = failed = 0
    with open(os.path.join(ROOT, "docs", "architecture.md"), encoding="utf-8") as f:
        architecture = f.read()
    listed = table_imports(architecture)
    for target in package["targets"]:
        name = target["name"]
        if name in listed:
            have = declared(target)
            if listed[name] == have:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {name}: docs/architecture.md lists imports {sorted(listed[name])}, Package.swift declares {sorted(have)}")
        if target["type"] == "system":
            continue
        directory = os.path.join(ROOT, target.get("path") or ("Tests" if target["type"] == "test" else "Sources"), "" if target.get("path") else name)
        used = imports(directory)
        if not any(file.endswith((".c", ".h")) for _, _, files in os.walk(directory) for file in files) or used:
            wanted = {module for module in used if module not in TOOLCHAIN and module != name}
            have = declared(target)
            missing = sorted(wanted - have)
            unused = sorted(have - wanted)
            if missing or unused:
                failed += 1
                details = []
                if missing:
                    details.append("imports undeclared " + ", ".join(f"{m} ({used[m]})" for m in missing))
                if unused:
                    details.append("declares unimported " + ", ".join(unused))
                print(f"FAIL {name}: " + "; ".join(details))
            else:
                passed += 1
        if f"`{name}`" in architecture:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: not in docs/architecture.md's module table")
    # Tests mirror the modules: every Swift library target has Tests/<Name>Tests (the executable: CLITests).
    tests = {target["name"] for target in package["targets"] if target["type"] == "test"}
    for target in package["targets"]:
        name = target["name"]
        if target["type"] != "regular" or name in ("TestSupport", "FuzzSupport", "CFuzzerDriver"):
            continue
        directory = os.path.join(ROOT, "Sources", name)
        if not any(file.endswith(".swift") for _, _, files in os.walk(directory) for file in files):
            continue  # C targets
        if f"{name}Tests" in tests:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: no test target {name}Tests")
    # `public` only for the library products: every leaf library (a Swift target outside the command layer) is one.
    products = {name for product in package["products"] for name in product["targets"]
                if "library" in product["type"]}
    for target in package["targets"]:
        name = target["name"]
        if target["type"] != "regular" or name in COMMAND_LAYER or name in ("TestSupport", "FuzzSupport"):
            continue
        directory = os.path.join(ROOT, "Sources", name)
        if not any(file.endswith(".swift") for _, _, files in os.walk(directory) for file in files):
            continue
        if name in products:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: a public library but no library product in Package.swift")
    if "CLITests" in tests:
        passed += 1
    else:
        failed += 1
        print("FAIL roo: no test target CLITests")
    for module in COMMAND_LAYER:
        offenders = []
        for directory, _, files in os.walk(os.path.join(ROOT, "Sources", module)):
            for file in sorted(files):
                path = os.path.relpath(os.path.join(directory, file), ROOT)
                if file.endswith(".swift") and path not in PUBLIC_ALLOWED:
                    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                        count = len(PUBLIC.findall(f.read()))
                    if count:
                        offenders.append(f"{path} ({count})")
        if offenders:
            failed += 1
            print(f"FAIL {module}: public declarations in the command layer (use package): " + ", ".join(offenders))
        else:
            passed += 1
    print(f"modules: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
