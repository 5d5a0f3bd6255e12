#!/usr/bin/env python3
"""Shows that pixmapcache-off-thread-access stays linear in the size of the call graph.

Usage: python3 test/bench/offthread_scaling.py BUILD_DIR [--sizes 1000,2000,4000,8000] [--chain 8] [--repeat 3]

Generates translation units with N functions in call chains (member functions calling the
next, a lambda at every chain's third function, recursion from each chain's end back to its
start, a GUI-only call at every fourth function, each chain started by std::thread; --chain 0
makes one chain of all N functions, the deepest call graph), runs clang-tidy on each with only
this check and --enable-check-profile, and prints the check's own CPU time (its matcher
callbacks and the analysis at the end of the translation unit, reports included) per
function. Linear means the per-function time stays flat as N doubles: the last column is that
time relative to the smallest N. Not a ctest test: timings depend on the machine.
"""

import argparse
import os
import subprocess
import sys
import tempfile

CHECK = "pixmapcache-off-thread-access"


def generate(n, chain):
    chain = chain or n
    out = ["#include <QtGui/QPixmap>", "#include <QtGui/QPixmapCache>", "#include <thread>", ""]
    for c in range(n // chain):
        out.append(f"struct Chain{c} {{")
        for i in range(chain):
            body = []
            if i + 1 < chain:
                body.append(f"f{i + 1}(d + 1);")
            if i % 4 == 3:
                body.append("QPixmap p(1, 1);" if i % 8 == 3 else "QPixmapCache::clear();")
            if i == chain - 1:
                body.append("if (d < 0) f0(d);")  # recursion back to the chain's start
            if i == 2:
                body.append("auto l = [this, d] { f3(d); }; l();")
            out.append(f"  void f{i}(int d) {{ {' '.join(body)} }}")
        out.append("};")
        out.append(f"void start{c}() {{ std::thread([] {{ Chain{c} chain; chain.f0(0); }}).detach(); }}")
    return "\n".join(out) + "\n"


def check_seconds(tidy, plugin, source, flags):
    """CPU seconds that clang-tidy's profile attributes to the check."""
    result = subprocess.run([tidy, f"--load={plugin}", f"--checks=-*,{CHECK}",
                             "--enable-check-profile", source, "--"] + flags,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            check=False)
    for line in result.stdout.splitlines():
        fields = line.split()
        if fields and fields[-1] == CHECK:
            return float(fields[4])  # user, %, system, %, user+system, ...
    sys.exit(f"no profile for {CHECK} in the output of clang-tidy:\n{result.stdout[-2000:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build_dir")
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--chain", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    site = {}
    with open(os.path.join(args.build_dir, "test", "lit.site.cfg.py")) as f:
        for line in f:
            if line.startswith("config.") and " = " in line and '"' in line:
                key, value = line.split(" = ", 1)
                site[key[len("config."):]] = value.strip().strip('"')
    tidy = site["clang_tidy"]
    plugin = os.path.join(args.build_dir, "lib", "libPixmapCacheTidy.so")
    flags = ["-std=c++17"] + site["qt_flags"].split()

    print(f"{'functions':>9} {'check s':>8} {'us/function':>12} {'ratio':>6}")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            source = os.path.join(tmp, f"chains{n}.cpp")
            with open(source, "w") as f:
                f.write(generate(n, args.chain))
            # The minimum of several runs is the least disturbed by other load.
            seconds = min(check_seconds(tidy, plugin, source, flags) for _ in range(args.repeat))
            per_function = seconds / n * 1e6
            base = base or per_function
            print(f"{n:>9} {seconds:>8.3f} {per_function:>12.1f} {per_function / base:>6.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
