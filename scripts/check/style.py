#!/usr/bin/env python3
"""The code's shape, checked on every tracked Swift file: `swift format lint --strict` with the repository's
`.swift-format` finds nothing (run `swift format format -i -r --configuration .swift-format Sources Tests
Benchmarks/Benchmarks Package.swift Benchmarks/Package.swift` to fix), no line is longer than 120 characters,
no file longer than 400 lines, and no function, initializer or closure-free body of a declaration longer than
70 lines (counted from its declaration to its closing brace), and every function of Sources/ that loops
over unsafe memory (pointer types, withUnsafe…, raw loads) says why that is safe: a comment containing
"Safe because" in its body or doc comment. Ends with "style: N passed, M failed"."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINE_MAX = 120
FILE_MAX = 400
FUNCTION_MAX = 70
FORMATTED = ["Sources", "Tests", "Benchmarks/Benchmarks", "Package.swift", "Benchmarks/Package.swift"]
DECLARATION = re.compile(
    r"^(\s*)(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|private|fileprivate|internal|static|class|mutating|"
    r"nonmutating|override|final|convenience|required|nonisolated|@inlinable|@usableFromInline)\s+)*"
    r"(?:func\s+[^\s(<]+|init[?!]?|deinit|subscript)\b")


UNSAFE = re.compile(r"\bUnsafe(?:Mutable)?(?:Raw)?(?:Buffer)?Pointer\b|withUnsafe|assumingMemoryBound|bindMemory|"
                    r"load\(fromByteOffset|loadUnaligned|unsafelyUnwrapped|storeBytes|initializeMemory")
LOOP = re.compile(r"\b(?:for|while|repeat)\b")


def swift_files():
    listed = subprocess.run(["git", "ls-files", "*.swift"], cwd=ROOT, check=True, capture_output=True, text=True)
    return [path for path in listed.stdout.split("\n") if path]


def code_only(line):
    """The line without string contents and its `//` comment (good enough for brace counting)."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.split("//", 1)[0]


def declarations(lines):
    """(first index, last index) of every declaration with a body, outside multi-line strings."""
    found = []
    in_multiline = False
    for index, line in enumerate(lines):
        if line.count('"""') % 2 == 1:
            in_multiline = not in_multiline
        if in_multiline or not DECLARATION.match(line):
            continue
        depth, opened = 0, False
        for end in range(index, len(lines)):
            code = code_only(lines[end])
            depth += code.count("{") - code.count("}")
            opened = opened or "{" in code
            if opened and depth <= 0:
                found.append((index, end))
                break
            if not opened and end > index + 12:
                break  # a protocol requirement: no body
    return found


def long_functions(lines):
    """(first line, length, declaration) of every declaration body longer than FUNCTION_MAX lines."""
    return [(first + 1, last - first + 1, lines[first].strip()[:60])
            for first, last in declarations(lines) if last - first + 1 > FUNCTION_MAX]


def unexplained_unsafe_loops(lines):
    """(first line, declaration) of every function that loops over unsafe memory without a "Safe because"."""
    found = []
    for first, last in declarations(lines):
        code = "\n".join(code_only(line) for line in lines[first:last + 1])
        if not (UNSAFE.search(code) and LOOP.search(code)):
            continue
        above = first
        while above > 0 and lines[above - 1].strip().startswith(("///", "//", "@")):
            above -= 1
        if not re.search("safe because", "\n".join(lines[above:last + 1]), re.I):
            found.append((first + 1, lines[first].strip()[:60]))
    return found


def main():
    passed = failed = 0
    lint = subprocess.run(["swift", "format", "lint", "--strict", "--configuration", ".swift-format", "-r"] + FORMATTED,
                          cwd=ROOT, capture_output=True, text=True)
    findings = [line for line in (lint.stdout + lint.stderr).split("\n") if line.strip()]
    if lint.returncode == 0 and not findings:
        passed += 1
    else:
        failed += 1
        print(f"FAIL swift format lint: {len(findings)} finding(s), e.g.")
        for line in findings[:5]:
            print("  " + line)
    for path in swift_files():
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
        problems = []
        for number, line in enumerate(lines, 1):
            if len(line) > LINE_MAX:
                problems.append(f"line {number} has {len(line)} characters")
        if len(lines) > FILE_MAX + 1:
            problems.append(f"{len(lines) - 1} lines")
        for first, length, declaration in long_functions(lines):
            problems.append(f"line {first}: {declaration} is {length} lines long")
        if path.startswith("Sources/"):
            for first, declaration in unexplained_unsafe_loops(lines):
                problems.append(f"line {first}: {declaration} loops over unsafe memory without a \"Safe because\"")
        if problems:
            failed += 1
            print(f"FAIL {path}: " + "; ".join(problems[:4]) + (f" (+{len(problems) - 4})" if len(problems) > 4 else ""))
        else:
            passed += 1
    print(f"style: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
