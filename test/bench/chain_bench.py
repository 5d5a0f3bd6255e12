#!/usr/bin/env python3
"""pixmapcache-cost-overflow on long product chains: the cost per factor, side by side with
clang-tidy's own check of the same pattern and with clang parsing alone.

Usage: python3 test/bench/chain_bench.py PLUGIN [--factors 1000 2000 5000 10000] [--repeat 3]

For each length, a unit with `cache.insert(key, image, a * a * ... * a)` (a QCache cost) is
checked by: clang++ -fsyntax-only (the floor), clang-tidy with
bugprone-implicit-widening-of-multiplication-result (the built-in check), and clang-tidy with
the plugin's pixmapcache-cost-overflow. The rounds are interleaved, so that each row of a
round sees the same machine state. Prints the median wall time of each, and of each minus the
floor. Checks that the plugin reports the chain once. Not a ctest test: timings depend on the
machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

QT = ["-std=c++17", "-fPIC", "-isystem", "/usr/include/x86_64-linux-gnu/qt6",
      "-isystem", "/usr/include/x86_64-linux-gnu/qt6/QtCore",
      "-isystem", "/usr/include/x86_64-linux-gnu/qt6/QtGui"]


def write_chain(directory, factors):
    path = os.path.join(directory, f"chain{factors}.cpp")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#include <QCache>\n#include <QImage>\nQCache<int, QImage> cache;\n"
                "void put(int key, QImage *image, int a) {\n  cache.insert(key, image, "
                + " * ".join(["a"] * factors) + ");\n}\n")
    return path


def timed(command):
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return time.monotonic() - start, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plugin")
    parser.add_argument("--factors", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        rows = {}
        for factors in args.factors:
            source = write_chain(directory, factors)
            rows[factors] = {
                "floor": ["clang++-19", "-fsyntax-only", *QT, source],
                "built-in": ["clang-tidy-19", "--quiet",
                             "--checks=-*,bugprone-implicit-widening-of-multiplication-result",
                             source, "--", *QT],
                "cost-overflow": ["clang-tidy-19", "--quiet", f"--load={args.plugin}",
                                  "--checks=-*,pixmapcache-cost-overflow", source, "--", *QT],
            }
        times = {(n, name): [] for n in rows for name in rows[n]}
        for _ in range(args.repeat):
            for factors, commands in rows.items():
                for name, command in commands.items():
                    elapsed, output = timed(command)
                    if name == "cost-overflow" and output.count("[pixmapcache-cost-overflow]") != 1:
                        sys.exit(f"{factors} factors: expected one finding, got:\n{output[-2000:]}")
                    times[(factors, name)].append(elapsed)
        print(f"{'factors':>8} {'floor':>8} {'built-in':>9} {'ours':>8} {'built-in-floor':>15} "
              f"{'ours-floor':>11} {'ours/factor':>12}")
        for factors in rows:
            floor, builtin, ours = (statistics.median(times[(factors, name)])
                                    for name in ("floor", "built-in", "cost-overflow"))
            print(f"{factors:>8} {floor:>7.2f}s {builtin:>8.2f}s {ours:>7.2f}s "
                  f"{builtin - floor:>14.2f}s {ours - floor:>10.2f}s "
                  f"{(ours - floor) / factors * 1e6:>10.0f}us")


if __name__ == "__main__":
    main()
