#!/usr/bin/env python3
"""Turns pxc_cache_bench JSON output into the tables of docs/benchmarks.md.

    build/bin/pxc_cache_bench --benchmark_repetitions=10 \\
        --benchmark_enable_random_interleaving=true \\
        --benchmark_out=bench.json --benchmark_out_format=json
    lib/bench/ratios.py bench.json

Benchmarks are named "<workload>/<implementation>[/real_time][/threads:N]". For every workload
and thread count it prints the median throughput of pxc and of Qt over the repetitions and
their ratio (above 1: pxc is faster), then, for the multi-threaded workloads, each
implementation's throughput with N threads relative to its own single-threaded throughput,
next to the same ratio for a loop that shares nothing (the most that N threads can gain on the
machine).

The multi-threaded benchmarks report the round trip of a cache line between two cores,
measured right before each repetition. On a virtual machine it depends on where the host puts
the vCPUs, and it decides how multi-threaded code that shares lines scales, so repetitions are
split by it: "near" below 200 ns, "far" above, each with its own rows.
"""
import json
import statistics
import sys
from collections import defaultdict

FAR_ROUND_TRIP_NS = 200


def throughputs(path):
    """(workload, implementation, threads, placement) -> median items per second."""
    with open(path, encoding="utf-8") as stream:
        report = json.load(stream)
    samples = defaultdict(list)
    for run in report["benchmarks"]:
        if run.get("run_type") == "aggregate":
            continue
        parts = run["run_name"].split("/")
        threads = next((int(p.split(":")[1]) for p in parts if p.startswith("threads:")), 1)
        round_trip = run.get("round_trip_ns")
        if round_trip is None:
            placement = ""
        elif threads == 1:
            placement = "either"  # one thread shares no line: the placement does not matter
        else:
            placement = "far" if round_trip >= FAR_ROUND_TRIP_NS else "near"
        samples[(parts[0], parts[1], threads, placement)].append(run["items_per_second"])
    return {key: statistics.median(values) for key, values in samples.items()}, samples


def main(path):
    throughput, samples = throughputs(path)
    rows = defaultdict(dict)  # (workload, threads, placement) -> implementation -> rate
    for (workload, implementation, threads, placement), rate in throughput.items():
        rows[(workload, threads, placement)][implementation] = rate

    print("| workload | threads | cores | pxc (M ops/s) | Qt (M ops/s) | pxc / Qt | repetitions |")
    print("|---|---|---|---|---|---|---|")
    for (workload, threads, placement), rates in sorted(rows.items()):
        if "pxc" in rates and "qt" in rates:
            count = len(samples[(workload, "pxc", threads, placement)])
            print(f"| {workload} | {threads} | {placement} | {rates['pxc'] / 1e6:.1f} "
                  f"| {rates['qt'] / 1e6:.1f} | {rates['pxc'] / rates['qt']:.2f} | {count} |")

    print()
    print("| workload | threads | cores | pxc scaling | Qt scaling | share-nothing ceiling |")
    print("|---|---|---|---|---|---|")
    ceiling = {threads: rate for (workload, _, threads, _), rate in throughput.items()
               if workload == "ceiling.spin"}
    for (workload, threads, placement), rates in sorted(rows.items()):
        if workload == "ceiling.spin" or threads == 1:
            continue
        single = next((r for (w, t, _), r in rows.items() if w == workload and t == 1), None)
        if not single:
            continue
        scale = {name: rates[name] / single[name] for name in ("pxc", "qt")
                 if name in rates and name in single}
        limit = ceiling.get(threads, 0) / ceiling[1] if ceiling.get(1) else float("nan")
        print(f"| {workload} | {threads} | {placement} | {scale.get('pxc', float('nan')):.2f} "
              f"| {scale.get('qt', float('nan')):.2f} | {limit:.2f} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
