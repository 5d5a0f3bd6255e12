#!/usr/bin/env python3
"""Half-typed code must never crash or hang a check: cuts the given inputs at many points and
deletes random tokens, and runs every pixmapcache check on each variant.

Each variant is a translation unit of a generated compile_commands.json, scanned by
pixmapcache-scan, which runs every unit in a process of its own under a time limit and
reports a unit that crashed or ran out of time as a pixmapcache-scan-crash or
pixmapcache-scan-timeout error. Any such error fails the sweep, and the variant is printed
as the reproducer. The system and Qt headers an input includes at its top are parsed once
into a precompiled header per compiler command line, which every variant of the inputs that
share that command line loads instead of parsing Qt again.

Variants of an input (all chosen by a seeded random generator, so a run is reproducible):
  line    the input up to a line boundary
  token   the input up to a point inside a token (an identifier, a literal, an operator)
  delete  the input without 1 to 3 of its tokens

--mode=ci takes a few variants per input (the ctest run); --mode=full takes every line
boundary, a cut inside every token of at least two characters, and 20 deletions per input.

Usage:
  truncation_sweep.py --scanner=S --cc=C --cxx=CXX --qt-flags=F --pxc-include=D
                      --work-dir=DIR [--mode=ci|full] [--seed=N] [-j N] INPUT...
"""

import argparse
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TOKEN = re.compile(r"""
    //[^\n]* | /\*.*?\*/                             # comments
  | [A-Za-z_]\w* | \d[\w.']* | \.\d[\w.']*           # identifiers, numbers
  | "(?:\\.|[^"\\\n])*" | '(?:\\.|[^'\\\n])*'         # string and character literals
  | ::|->\*?|\+\+|--|<<=?|>>=?|[<>=!&|^%*/+-]=|&&|\|\||\.\.\.|\#\#|\S
""", re.VERBOSE | re.DOTALL)

CI_VARIANTS = {"line": 2, "token": 2, "delete": 2}
FULL_DELETIONS = 20


def run_lines(text):
    """The input's lit RUN lines, continuations joined."""
    lines, current = [], ""
    for match in re.finditer(r"(?://|#)\s*RUN:(.*)", text):
        part = match.group(1).strip()
        if part.endswith("\\"):
            current += part[:-1] + " "
        else:
            lines.append(current + part)
            current = ""
    return lines


def compiler_flag_sets(path, text, args):
    """The compiler arguments of the input's %check_tidy RUN lines, or a default set."""
    substitutions = {"%qt_flags": args.qt_flags, "%pxc_include": args.pxc_include,
                     "%S": os.path.dirname(os.path.abspath(path))}
    flag_sets = []
    for line in run_lines(text):
        if "%check_tidy" not in line or " -- " not in line:
            continue
        flags = line.split(" -- ", 1)[1]
        for name, value in substitutions.items():
            flags = flags.replace(name, value)
        flags = shlex.split(flags)
        if flags not in flag_sets:
            flag_sets.append(flags)
    if not flag_sets:
        flag_sets.append(["-std=c11"] if path.endswith(".c")
                         else ["-std=c++17"] + (["-I" + args.pxc_include] if args.pxc_include
                                                else []) + shlex.split(args.qt_flags))
    return flag_sets


def system_includes(text):
    """The <...> includes of the input's preamble: what its precompiled header holds."""
    includes = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        if not stripped.startswith("#"):
            break
        if re.match(r"#\s*include\s*<", stripped):
            includes.append(stripped)
    return includes


def variants(text, mode, rng):
    """(kind, description, text) for the input's variants."""
    line_ends = [m.end() for m in re.finditer(r"\n", text)]
    tokens = [m.span() for m in TOKEN.finditer(text)]
    long_tokens = [(start, end) for start, end in tokens if end - start >= 2]

    def line_cut(end):
        return ("line", f"cut after line {text.count(chr(10), 0, end)}", text[:end])

    def token_cut(span):
        start, end = span
        cut = rng.randrange(start + 1, end)
        line = text.count("\n", 0, cut) + 1
        return ("token", f"cut inside '{text[start:end][:40]}' at line {line}, byte {cut}",
                text[:cut])

    def deletion():
        doomed = sorted(rng.sample(tokens, min(len(tokens), rng.randint(1, 3))))
        described = ", ".join(f"'{text[s:e][:40]}' at line {text.count(chr(10), 0, s) + 1}"
                              for s, e in doomed)
        pieces, last = [], 0
        for start, end in doomed:
            pieces.append(text[last:start])
            last = end
        pieces.append(text[last:])
        return ("delete", f"deleted {described}", " ".join(pieces))

    if mode == "full":
        out = [line_cut(end) for end in line_ends]
        out += [token_cut(span) for span in long_tokens]
        out += [deletion() for _ in range(FULL_DELETIONS)]
        return out
    out = [line_cut(end) for end in rng.sample(line_ends, min(len(line_ends), CI_VARIANTS["line"]))]
    out += [token_cut(span)
            for span in rng.sample(long_tokens, min(len(long_tokens), CI_VARIANTS["token"]))]
    out += [deletion() for _ in range(CI_VARIANTS["delete"] if tokens else 0)]
    return out


def build_pch(compiler, language, flags, includes, directory):
    """A precompiled header of `includes`, or None when they do not compile with `flags`.
    One per command line, with the includes of all the inputs that use it: system and Qt
    headers do not conflict with each other, and per input there would be one per input."""
    key = hashlib.sha256(json.dumps([compiler, flags, includes]).encode()).hexdigest()[:16]
    header = os.path.join(directory, f"preamble-{key}.h")
    pch = header + ".pch"
    with open(header, "w", encoding="utf-8") as f:
        f.write("\n".join(includes) + "\n")
    result = subprocess.run([compiler, "-x", f"{language}-header", *list(flags), header, "-o", pch],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return pch if result.returncode == 0 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scanner", required=True)
    parser.add_argument("--cc", required=True)
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--qt-flags", default="")
    parser.add_argument("--pxc-include", default="")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--mode", choices=["ci", "full"], default="ci")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--unit-timeout", type=int, default=300,
                        help="seconds per variant before it counts as a hang")
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()

    work = os.path.abspath(args.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # Every input's variants, and the precompiled headers they load.
    planned, pch_requests = [], {}
    for path in sorted(args.inputs):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        rng = random.Random(f"{args.seed}:{os.path.basename(path)}")
        language = "c" if path.endswith(".c") else "c++"
        compiler = args.cc if language == "c" else args.cxx
        flag_sets = compiler_flag_sets(path, text, args)
        includes = system_includes(text)
        for index, (kind, description, variant_text) in enumerate(variants(text, args.mode, rng)):
            flags = flag_sets[index % len(flag_sets)]
            pch_key = (compiler, language, tuple(flags)) if includes else None
            if pch_key:
                union = pch_requests.setdefault(pch_key, [])
                union += [line for line in includes if line not in union]
            planned.append((path, kind, description, variant_text, compiler, flags, pch_key))

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        built = list(pool.map(lambda item: build_pch(*item[0], item[1], work),
                              pch_requests.items()))
    pch_requests = dict(zip(pch_requests, built))
    pch_seconds = time.monotonic() - started

    database, sources = [], {}
    for number, (path, kind, description, variant_text, compiler, flags, pch_key) in \
            enumerate(planned):
        source = os.path.join(work, f"v{number:05d}-{os.path.basename(path)}")
        with open(source, "w", encoding="utf-8") as f:
            f.write(variant_text)
        pch = pch_requests.get(pch_key) if pch_key else None
        command = [compiler, *flags, "-I" + os.path.dirname(os.path.abspath(path))]
        if pch:
            command += ["-include-pch", pch]
        database.append({"directory": work, "file": source,
                         "arguments": command + ["-c", source, "-o", "/dev/null"]})
        sources[source] = (path, kind, description, command)
    with open(os.path.join(work, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(database, f, indent=1)

    started = time.monotonic()
    report_file = os.path.join(work, "report.json")
    scan = subprocess.run([args.scanner, "-p", work, f"-j{args.jobs}",
                           f"--unit-timeout={args.unit_timeout}", "--format=json",
                           "--fail-on=none", f"--source-root={work}", "-o", report_file],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if scan.returncode != 0:
        sys.stderr.write(scan.stdout + scan.stderr)
        sys.exit(f"truncation sweep: pixmapcache-scan failed with exit code {scan.returncode}")
    with open(report_file, encoding="utf-8") as f:
        report = json.load(f)
    scan_seconds = time.monotonic() - started

    faults = [finding for finding in report["findings"]
              if finding["check"].startswith("pixmapcache-scan-")]
    for fault in faults:
        source = os.path.join(work, fault["file"])
        path, kind, description, command = sources[source]
        sys.stderr.write(f"\n=== {fault['check']}: {fault['message']}\n"
                         f"input: {path} ({kind} variant: {description})\n"
                         f"reproducer: {source}\n"
                         f"command: {shlex.join(command)} {source}\n"
                         f"--- {source}\n")
        with open(source, encoding="utf-8") as f:
            sys.stderr.write(f.read())
        sys.stderr.write(f"\n--- end of {source}\n")
    if faults:
        sys.stderr.write(f"\n=== the scanner's stderr, with the crash reports\n{scan.stderr}")
    if report["translationUnits"] != len(planned):
        sys.exit(f"truncation sweep: {report['translationUnits']} of {len(planned)} variants "
                 "were scanned")
    pchs = sum(1 for pch in pch_requests.values() if pch)
    print(f"truncation sweep: {len(planned)} variants of {len(args.inputs)} inputs "
          f"({args.mode} mode, seed {args.seed}, {pchs} precompiled headers), "
          f"{len(faults)} crashed or timed out")
    print(f"seconds: {pch_seconds:.0f} for the precompiled headers, {scan_seconds:.0f} for the scan")
    sys.exit(1 if faults else 0)


if __name__ == "__main__":
    main()
