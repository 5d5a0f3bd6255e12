#!/usr/bin/env python3
"""Benchmark (not a test): what the pixmapcache-* checks cost on real translation units.

Usage: checker_bench.py --build BUILD_DIR --db SCAN_DIR [--db SCAN_DIR ...] [--units N]
                        [--runs R] [--per-unit] [--before BUILD_DIR] [--project SCAN_DIR]
                        [--clangd-source FILE]

For a sample of N units from the compilation databases (SCAN_DIR/compile_commands.json, as
tools/corpus.sh writes them), runs side by side, interleaved, R times each:

  floor      clang++-19 -fsyntax-only with the unit's own arguments
  tidy-bare  clang-tidy-19 with a check that C++ does not enable (bugprone-no-escape,
             Objective-C blocks only): clang-tidy parses the unit and runs no matcher
  tidy       clang-tidy-19 with one check that matches only `throw` expressions
             (cert-err60-cpp): clang-tidy's own fixed cost, that of any check with a
             matcher, the traversal of the whole AST by its match finder included
  builtin    clang-tidy-19 with the closest built-in checks
  plugin     clang-tidy-19 --load libPixmapCacheTidy.so --checks=-*,pixmapcache-*
  scan-bare  pixmapcache-scan -j1 --checks=-* on the unit: the scanner with no check
  scan       pixmapcache-scan -j1 on the unit (all checks, cross-TU facts included)

and with --before, plugin-before and scan-before: the same two from another build (the tree
before a change), so that a change's cost is measured side by side in one run. It prints per
configuration the median CPU time (user + system of the child) relative to the
floor, summed over the units, and the median peak memory (max RSS). CPU time, not wall time:
the machine is shared, and CPU time of a single-threaded child is what another process can
steal least. With --project, also scans the whole SCAN_DIR with -j1 and -j2 (wall time) and
times the cross-TU merge of its two shards. With --clangd-source, runs
test/clangd/latency_benchmark.py on that file with its flags from the database.
"""

import argparse
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

BUILTIN = ("bugprone-suspicious-realloc-usage,bugprone-implicit-widening-of-multiplication-result,"
           "bugprone-misplaced-widening-cast,bugprone-unhandled-self-assignment")


def compile_args(entry):
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a != "-c" and a != entry["file"] and not a.endswith(entry["file"]):
            out.append(a)
    return out


def measure(command, cwd):
    """CPU seconds (user + system) and peak RSS in MiB of one run; fails loudly."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # clang-tidy and the scanner exit 1 when they report findings
        sys.exit(f"failed ({code}): {shlex.join(command)}\n{stderr}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, time.monotonic() - start


def unit_commands(build, db_dir, entry, before=None):
    path = os.path.join(entry["directory"], entry["file"])
    tidy = ["clang-tidy-19", "--quiet", "-p", db_dir]

    def plugin(tree):
        return tidy + [f"--load={os.path.join(tree, 'lib', 'libPixmapCacheTidy.so')}",
                       "--checks=-*,pixmapcache-*", path]

    def scan(tree):
        return [os.path.join(tree, "bin", "pixmapcache-scan"), "-p", db_dir, "-j1",
                "--fail-on=none", "-o", os.devnull]

    commands = {
        "floor": ["clang++-19", "-fsyntax-only", "-w"] + compile_args(entry) + [path],
        "tidy-bare": tidy + ["--checks=-*,bugprone-no-escape", path],
        "tidy": tidy + ["--checks=-*,cert-err60-cpp", path],
        "builtin": tidy + [f"--checks=-*,{BUILTIN}", path],
        "plugin": plugin(build),
        "scan-bare": scan(build) + ["--checks=-*", path],
        "scan": scan(build) + [path],
    }
    if before:
        commands["plugin-before"] = plugin(before)
        commands["scan-before"] = scan(before) + [path]
    return commands


def per_unit(args):
    units = []
    for db_dir in args.db:
        with open(os.path.join(db_dir, "compile_commands.json")) as f:
            units += [(db_dir, e) for e in json.load(f)]
    random.Random(1).shuffle(units)
    units = units[:args.units]
    configs = list(unit_commands(args.build, *units[0], args.before).keys())
    cpu = {c: [] for c in configs}  # per run: the sum over units
    rss = {c: [] for c in configs}
    unit_cpu = {}  # (unit, configuration) -> CPU seconds of each run
    for run in range(args.runs):
        totals = dict.fromkeys(configs, 0.0)
        for db_dir, entry in units:
            commands = unit_commands(args.build, db_dir, entry, args.before)
            order = configs[:]
            random.shuffle(order)  # interleaved: load changes hit every configuration alike
            for c in order:
                seconds, peak, _ = measure(commands[c], entry["directory"])
                totals[c] += seconds
                unit_cpu.setdefault((entry["file"], c), []).append(seconds)
                rss[c].append(peak)
        for c in configs:
            cpu[c].append(totals[c])
        print(f"run {run + 1}/{args.runs}: " +
              ", ".join(f"{c} {totals[c]:.1f}s" for c in configs), file=sys.stderr)
    floor = statistics.median(cpu["floor"])
    print(f"\n{len(units)} units, {args.runs} interleaved runs, median CPU seconds summed over "
          f"the units\n")
    print("| configuration | CPU s | / floor | over floor | peak RSS MiB (median) |")
    print("|---|---|---|---|---|")
    for c in configs:
        m = statistics.median(cpu[c])
        print(f"| {c} | {m:.1f} | {m / floor:.3f} | {(m - floor) / floor * 100:+.1f} % | "
              f"{statistics.median(rss[c]):.0f} |")
    m = {c: statistics.median(cpu[c]) for c in configs}

    def share(a, b):
        return f"{(m[a] - m[b]) / floor * 100:+.1f} %"

    print(f"\nof the floor: clang-tidy's fixed cost (tidy - floor) {share('tidy', 'floor')}, "
          f"of which parsing through clang-tidy (tidy-bare - floor) {share('tidy-bare', 'floor')}; "
          f"our checks in clang-tidy (plugin - tidy) {share('plugin', 'tidy')}; "
          f"built-ins (builtin - tidy) {share('builtin', 'tidy')}")
    print(f"scanner over the floor (scan - floor) {share('scan', 'floor')}: its fixed cost "
          f"(scan-bare - floor) {share('scan-bare', 'floor')}, our checks and the cross-TU facts "
          f"(scan - scan-bare) {share('scan', 'scan-bare')}")
    if args.before:
        def change(c):
            return f"{(m[c] - m[c + '-before']) / m[c + '-before'] * 100:+.1f} %"

        def peaks(c):
            return (f"{statistics.median(rss[c]):.0f} MiB (before "
                    f"{statistics.median(rss[c + '-before']):.0f})")

        print(f"against the build before: plugin {change('plugin')} CPU, peak {peaks('plugin')}; "
              f"scan {change('scan')} CPU, peak {peaks('scan')}")
    if args.per_unit:
        print("\n| unit | floor s | tidy - floor | plugin - tidy | scan-bare - floor | scan - scan-bare |")
        print("|---|---|---|---|---|---|")
        rows = []
        for _, entry in units:
            u = {c: statistics.median(unit_cpu[(entry["file"], c)]) for c in configs}
            rows.append((u["scan"] - u["floor"], entry["file"], u))
        for _, name, u in sorted(rows, reverse=True):
            f = u["floor"]

            def pct(a, b):
                return f"{(u[a] - u[b]) / f * 100:+.1f} %"

            print(f"| {name} | {f:.2f} | {pct('tidy', 'floor')} | {pct('plugin', 'tidy')} "
                  f"| {pct('scan-bare', 'floor')} | {pct('scan', 'scan-bare')} |")


def project(args):
    scan = os.path.join(args.build, "bin", "pixmapcache-scan")
    with open(os.path.join(args.project, "compile_commands.json")) as f:
        count = len(json.load(f))
    wall = {}
    for jobs in (1, 2):
        runs = [measure([scan, "-p", args.project, f"-j{jobs}", "--fail-on=none", "-o",
                         os.devnull], args.project)[2] for _ in range(args.runs)]
        wall[jobs] = statistics.median(runs)
    with tempfile.TemporaryDirectory() as tmp:
        shards = [os.path.join(tmp, f"shard{i}.json") for i in (1, 2)]
        shard_wall = [measure([scan, "-p", args.project, "-j1", f"--shard={i}/2", "-o",
                               shards[i - 1]], args.project)[2] for i in (1, 2)]
        merge = statistics.median(
            measure([scan, "merge", "--fail-on=none", "-o", os.devnull] + shards,
                    args.project)[2] for _ in range(args.runs))
    print(f"\nwhole project {args.project}: {count} units")
    print(f"-j1 {wall[1]:.1f} s, -j2 {wall[2]:.1f} s wall (medians of {args.runs}): "
          f"speed-up {wall[1] / wall[2]:.2f}")
    print(f"cross-TU merge of 2 shards: {merge:.2f} s, "
          f"{merge / (sum(shard_wall) + merge) * 100:.1f} % of shards + merge")


def clangd(args):
    entry = None
    for db_dir in args.db:
        with open(os.path.join(db_dir, "compile_commands.json")) as f:
            for e in json.load(f):
                if os.path.join(e["directory"], e["file"]).endswith(args.clangd_source):
                    entry = e
    if not entry:
        sys.exit(f"{args.clangd_source} is in none of the databases")
    here = os.path.dirname(os.path.abspath(__file__))
    flags = [a if not a.startswith("-I") or os.path.isabs(a[2:])
             else "-I" + os.path.join(entry["directory"], a[2:]) for a in compile_args(entry)]
    # The source is copied next to a compile_flags.txt: its own directory's headers come along.
    flags.append("-I" + os.path.dirname(os.path.join(entry["directory"], entry["file"])))
    subprocess.run([sys.executable, os.path.join(here, "..", "clangd", "latency_benchmark.py"),
                    "--clangd", os.path.join(args.build, "bin", "pixmapcache-clangd"),
                    "--source", os.path.join(entry["directory"], entry["file"]),
                    "--runs", str(args.runs)] + [f"--flag={f}" for f in flags], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--db", action="append", required=True)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-unit", action="store_true",
                        help="also print each unit's costs, the most expensive for the scanner first")
    parser.add_argument("--before", help="another build to run plugin and scan from, side by side")
    parser.add_argument("--project")
    parser.add_argument("--clangd-source")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    args.db = [os.path.abspath(d) for d in args.db]
    if args.before:
        args.before = os.path.abspath(args.before)
    per_unit(args)
    if args.project:
        project(args)
    if args.clangd_source:
        clangd(args)


if __name__ == "__main__":
    main()
