#!/usr/bin/env python3
"""Benchmark (not a test): time from didOpen to the first diagnostics in pixmapcache-clangd,
for a Qt-heavy file, with the pixmapcache-* checks on and with clang-tidy off, side by side.

Usage: latency_benchmark.py --clangd BIN --source FILE [--runs N] [--flag F ...]
Prints the median of N fresh sessions for each configuration and their ratio.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_session import Session  # noqa: E402


def first_diagnostics_seconds(clangd, source, flags, checks):
    work = tempfile.mkdtemp(prefix="pixmapcache-latency-")
    try:
        path = os.path.join(work, os.path.basename(source))
        shutil.copyfile(source, path)
        with open(os.path.join(work, ".clang-tidy"), "w") as f:
            f.write(f"Checks: '{checks}'\n")
        with open(os.path.join(work, "compile_flags.txt"), "w") as f:
            f.write("\n".join(flags) + "\n")
        with open(path) as f:
            text = f.read()
        uri = "file://" + path
        session = Session([clangd, "--clang-tidy", "--log=error", "--background-index=false",
                           "--pch-storage=memory"], work)
        session.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + work,
                                       "capabilities": {}})
        session.notify("initialized", {})
        start = time.monotonic()
        session.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        diagnostics = session.diagnostics(uri, 1)
        elapsed = time.monotonic() - start
        findings = sum(1 for d in diagnostics if str(d.get("code", "")).startswith("pixmapcache-"))
        session.request("shutdown", None)
        session.notify("exit", None)
        session.process.wait(timeout=60)
        return elapsed, findings
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flag", action="append", default=[])
    args = parser.parse_args()

    results = {}
    for label, checks in (("clang-tidy off", "-*"), ("pixmapcache-* on", "-*,pixmapcache-*")):
        runs = []
        for _ in range(args.runs):
            seconds, findings = first_diagnostics_seconds(args.clangd, args.source, args.flag,
                                                          checks)
            runs.append(seconds)
        results[label] = statistics.median(runs)
        print(f"{label:18} median {results[label] * 1000:8.1f} ms over {args.runs} runs "
              f"({findings} pixmapcache findings)")
    ratio = results["pixmapcache-* on"] / results["clang-tidy off"]
    print(f"ratio on/off: {ratio:.3f}")


if __name__ == "__main__":
    main()
