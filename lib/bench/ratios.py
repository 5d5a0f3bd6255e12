#!/usr/bin/env python3
"""Turns pxc_cache_bench JSON output into the tables of docs/benchmarks.md.

    build/bin/pxc_cache_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \\
        --benchmark_out=bench.json --benchmark_out_format=json
    lib/bench/ratios.py bench.json

Benchmarks are named "<workload>/<implementation>[/real_time][/threads:N]". For every workload
and thread count it prints the median throughput of pxc and of Qt and their ratio (above 1:
pxc is faster), then, for the multi-threaded workloads, each implementation's throughput with
N threads relative to its own single-threaded throughput, next to the same ratio for a loop that
shares nothing (the most that N threads can gain on the machine).
"""
import json
import sys
from collections import defaultdict


def median_throughputs(path):
    with open(path, encoding="utf-8") as stream:
        report = json.load(stream)
    throughput = {}  # (workload, implementation, threads) -> items per second
    for run in report["benchmarks"]:
        if run.get("run_type") == "aggregate" and run.get("aggregate_name") != "median":
            continue
        parts = run["run_name"].split("/")
        threads = next((int(p.split(":")[1]) for p in parts if p.startswith("threads:")), 1)
        throughput[(parts[0], parts[1], threads)] = run["items_per_second"]
    return throughput


def main(path):
    throughput = median_throughputs(path)
    by_workload = defaultdict(dict)
    for (workload, implementation, threads), rate in throughput.items():
        by_workload[(workload, threads)][implementation] = rate

    print("| workload | threads | pxc (M ops/s) | Qt (M ops/s) | pxc / Qt |")
    print("|---|---|---|---|---|")
    for (workload, threads), rates in sorted(by_workload.items()):
        if "pxc" in rates and "qt" in rates:
            print(f"| {workload} | {threads} | {rates['pxc'] / 1e6:.1f} | {rates['qt'] / 1e6:.1f} "
                  f"| {rates['pxc'] / rates['qt']:.2f} |")

    print()
    print("| workload | threads | pxc scaling | Qt scaling | share-nothing ceiling |")
    print("|---|---|---|---|---|")
    ceiling = {threads: rate for (workload, _, threads), rate in throughput.items()
               if workload == "ceiling.spin"}
    for (workload, threads), rates in sorted(by_workload.items()):
        single = by_workload.get((workload, 1), {})
        if threads == 1 or workload == "ceiling.spin" or not single:
            continue
        scale = {name: rates[name] / single[name] for name in ("pxc", "qt") if name in rates}
        limit = ceiling.get(threads, 0) / ceiling[1] if ceiling.get(1) else float("nan")
        print(f"| {workload} | {threads} | {scale.get('pxc', float('nan')):.2f} "
              f"| {scale.get('qt', float('nan')):.2f} | {limit:.2f} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
