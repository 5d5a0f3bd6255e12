#!/usr/bin/env python3
"""The result cache of pixmapcache-scan on a real project: cold, warm and incremental scans.

Usage: python3 test/bench/cache_bench.py SCANNER BUILD_DIR [--repeat 3] [-j N]

BUILD_DIR holds compile_commands.json (tools/corpus.sh makes one per corpus package, e.g.
../corpus/build/qpdfview/scan). Each round runs, one after the other so that every row sees
the same machine state: a scan without the cache, a cold scan (empty cache), a warm scan
(nothing changed), a scan after one .cpp got a comment appended, and one after the project
header that most units include got one; the two files are restored after their row (the
restored versions hit again: each version of a source has its entry, a header is checked by
content), and a --diff-file scan after a one-line change of another .cpp. Prints the median wall time of each row and its ratio to the cold scan, and checks
that every report equals the one without the cache. Not a ctest test: timings depend on
the machine.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def scan(scanner, build, jobs, out, cache=None, extra=()):
    command = [scanner, "-p", build, "-j", str(jobs), "--format=json", "-o", out, "--quiet"]
    if cache:
        command.append(f"--cache-dir={cache}")
    command += extra
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    if result.returncode not in (0, 1):
        sys.exit(f"scan failed ({result.returncode}): {result.stderr}")
    return elapsed


def widest_header(cache, units):
    """The project file that most units read besides their own source."""
    counts = {}
    roots = {os.path.dirname(u) for u in units}
    entries = os.path.join(cache, "v1")
    for name in os.listdir(entries):
        with open(os.path.join(entries, name), encoding="utf-8") as f:
            header = json.loads(f.readline())
        for path, *_ in header["files"]:
            if path not in units and any(path.startswith(r + os.sep) for r in roots):
                counts[path] = counts.get(path, 0) + 1
    return max(counts, key=counts.get) if counts else None


def with_comment(path):
    with open(path, "rb") as f:
        original = f.read()
    with open(path, "ab") as f:
        f.write(b"\n// cache_bench\n")
    return original


def restore(path, original):
    with open(path, "wb") as f:
        f.write(original)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scanner")
    parser.add_argument("build")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-j", type=int, default=os.cpu_count())
    args = parser.parse_args()
    with open(os.path.join(args.build, "compile_commands.json"), encoding="utf-8") as f:
        units = sorted({os.path.normpath(os.path.join(e["directory"], e["file"])) for e in json.load(f)})

    rows = {"without the cache": [], "cold (empty cache)": [], "warm (nothing changed)": [],
            "one .cpp changed": [], "a widely included header changed": [],
            "--diff-file after a one-line change": []}
    with tempfile.TemporaryDirectory() as work:
        reference = os.path.join(work, "reference.json")
        out = os.path.join(work, "out.json")
        cache = os.path.join(work, "cache")
        header = None
        for _ in range(args.repeat):
            rows["without the cache"].append(scan(args.scanner, args.build, args.j, reference))
            subprocess.run(["rm", "-rf", cache], check=True)
            rows["cold (empty cache)"].append(scan(args.scanner, args.build, args.j, out, cache))
            same(reference, out, "cold")
            rows["warm (nothing changed)"].append(scan(args.scanner, args.build, args.j, out, cache))
            same(reference, out, "warm")
            header = header or widest_header(cache, set(units))

            original = with_comment(units[0])
            try:
                rows["one .cpp changed"].append(scan(args.scanner, args.build, args.j, out, cache))
            finally:
                restore(units[0], original)
            if header:
                original = with_comment(header)
                try:
                    rows["a widely included header changed"].append(
                        scan(args.scanner, args.build, args.j, out, cache))
                finally:
                    restore(header, original)
            scan(args.scanner, args.build, args.j, out, cache)
            same(reference, out, "warm after the changes were undone")

            original = with_comment(units[-1])
            patch = os.path.join(work, "change.diff")
            lines = original.count(b"\n")
            with open(patch, "w", encoding="utf-8") as f:
                f.write(f"--- a/{units[-1]}\n+++ b/{units[-1]}\n@@ -{lines},0 +{lines + 1},2 @@\n"
                        "+\n+// cache_bench\n")
            try:
                rows["--diff-file after a one-line change"].append(
                    scan(args.scanner, args.build, args.j, out, cache, [f"--diff-file={patch}"]))
            finally:
                restore(units[-1], original)

    cold = statistics.median(rows["cold (empty cache)"])
    print(f"{len(units)} units, -j {args.j}, {args.repeat} rounds; header: {header}")
    print("| scan | median wall (s) | / cold |")
    print("|------|----------------:|-------:|")
    for name, times in rows.items():
        if times:
            median = statistics.median(times)
            print(f"| {name} | {median:.2f} | {median / cold:.3f} |")


def same(reference, out, what):
    with open(reference, "rb") as a, open(out, "rb") as b:
        if a.read() != b.read():
            sys.exit(f"the {what} report differs from the one without the cache")


if __name__ == "__main__":
    main()
