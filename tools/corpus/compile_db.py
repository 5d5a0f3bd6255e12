#!/usr/bin/env python3
"""Compilation databases for the real-world corpus (tools/corpus.sh).

  compile_db.py qt --src QT_SOURCE_DIR --build DIR --module Gui|Core [--variant V] FILE... -o OUT
      Hand-written entries for Qt's own sources, compiled as Qt builds that module (see
      docs/real-world-results.md for why by hand): release (QT_NO_DEBUG), -fno-exceptions,
      Qt's module defines, against the installed headers of the same Qt version. Runs moc for
      the files that include their own .moc or moc_*.cpp. --variant exceptions or debug
      builds the same code with exceptions, or as a debug build, for comparison.
  compile_db.py make --build DIR --src SRC_DIR -o OUT
      Entries from `make -n` in a qmake build directory (what the build would compile).
  compile_db.py select --db DB --src SRC_DIR [--only REGEX] -o OUT
      The useful subset of a project's database: units that use the APIs the checks are about,
      plus the units that include a header of such a unit (their callers). --only: just the
      units that match REGEX, for a project too large for the default.
  compile_db.py autogen --db DB
      The CMake <target>_autogen targets (moc, uic) these units need: a configure-only tree
      has not run them yet.
  compile_db.py compiling --db DB -o OUT [-j N]
      The units of DB that compile (clang++-19 -fsyntax-only); prints what it dropped.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

QT_INCLUDE = "/usr/include/x86_64-linux-gnu/qt6"
QT_MKSPEC = "/usr/lib/x86_64-linux-gnu/qt6/mkspecs/linux-g++"  # Debian builds Qt with g++
QT_VERSION = "6.4.2"
# What QtGui/QtCore get from Qt's CMake (cmake/QtInternalTargets.cmake, QtModuleHelpers.cmake,
# src/gui|corelib/CMakeLists.txt) in Debian's build (CMAKE_BUILD_TYPE=None: not Debug).
QT_FLAGS = ["-std=gnu++17", "-O2", "-fPIC", "-fno-exceptions", "-DQT_NO_DEBUG",
            "-DQT_BUILDING_QT", "-DQT_NO_CAST_TO_ASCII", "-DQT_ASCII_CAST_WARNINGS",
            "-DQT_MOC_COMPAT", "-DQT_USE_QSTRINGBUILDER", "-DQT_DEPRECATED_WARNINGS",
            "-DQT_NO_FOREACH", "-DQT_NO_USING_NAMESPACE", "-DQT_NO_JAVA_STYLE_ITERATORS",
            "-DQT_NO_NARROWING_CONVERSIONS_IN_CONNECT", "-D_LARGEFILE64_SOURCE",
            "-D_LARGEFILE_SOURCE"]
MOC = "/usr/lib/qt6/libexec/moc"
CLANG = "clang++-19"
CLANG_C = "clang-19"

# What makes a unit interesting: the APIs and idioms the five checks look at.
API = re.compile(rb"QPixmapCache|QCache\s*<|QtConcurrent|\brealloc\s*\(|\bQThread\b|"
                 rb"std::thread|\bQPixmap\b|\bref\.deref\(\)|--\s*\w*ref\w*\s*==\s*0|"
                 rb"width\(\)\s*\*|height\(\)\s*\*")
INCLUDE = re.compile(rb'^\s*#\s*include\s*[<"]([^">]+)[">]', re.M)
SOURCE_SUFFIXES = (".cpp", ".cc", ".cxx", ".c")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def qt_entries(args):
    gen = os.path.join(args.build, "gen")
    os.makedirs(gen, exist_ok=True)
    modules = ["QtCore", "QtGui"] if args.module == "Gui" else ["QtCore"]
    includes = [f"-I{gen}", f"-I{QT_MKSPEC}", f"-I{QT_INCLUDE}"]
    for m in modules:
        includes += [f"-I{QT_INCLUDE}/{m}", f"-I{QT_INCLUDE}/{m}/{QT_VERSION}",
                     f"-I{QT_INCLUDE}/{m}/{QT_VERSION}/{m}"]
    # Debian's Qt has no tracing backend (QT_FEATURE_lttng/etw are -1): Qt's CMake then writes
    # each module's tracepoint header as this one line (qt_internal_create_tracepoints).
    for m in modules:
        with open(os.path.join(gen, f"{m.lower()}_tracepoints_p.h"), "w") as f:
            f.write("#include <private/qtrace_p.h>\n")
    flags = QT_FLAGS + [f"-DQT_BUILD_{args.module.upper()}_LIB"] + includes
    if args.variant == "exceptions":
        flags = [f for f in flags if f != "-fno-exceptions"] + ["-fexceptions"]
    elif args.variant == "debug":
        flags = [f for f in flags if f not in ("-O2", "-DQT_NO_DEBUG")] + ["-O0", "-g"]
    entries = []
    for f in args.files:
        path = os.path.join(args.src, f)
        text = read(path)
        for inc in INCLUDE.findall(text):
            inc = inc.decode()
            stem = os.path.splitext(os.path.basename(path))[0]
            if inc == f"{stem}.moc":
                subprocess.run([MOC, path, "-o", os.path.join(gen, inc)], check=True)
            elif inc == f"moc_{stem}.cpp":
                header = os.path.splitext(path)[0] + ".h"
                subprocess.run([MOC, header, "-o", os.path.join(gen, inc)], check=True)
        entries.append({"directory": args.build, "file": path,
                        "arguments": [f"/usr/bin/{CLANG}"] + flags + ["-c", path, "-o",
                                      os.path.basename(path) + ".o"]})
    return entries


def make_entries(args):
    out = subprocess.run(["make", "-n", "-B"], cwd=args.build, capture_output=True, text=True,
                         check=True).stdout
    entries = []
    for line in out.splitlines():
        words = shlex.split(line)
        if len(words) < 3 or "-c" not in words or not re.search(r"(g|clang)\+\+", words[0]):
            continue
        sources = [w for w in words if w.endswith(SOURCE_SUFFIXES) and not w.startswith("-")]
        if len(sources) != 1:
            continue
        source = os.path.normpath(os.path.join(args.build, sources[0]))
        words = [f"/usr/bin/{CLANG}"] + [source if w == sources[0] else w for w in words[1:]]
        entries.append({"directory": args.build, "file": source, "arguments": words})
    return entries


def arguments(entry):
    return entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])


def compiles(entry):
    args = arguments(entry)
    # Drop the output and the -c of the original command; keep everything that shapes parsing.
    keep, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c",) or a.startswith("-W"):
            continue
        keep.append(a)
    compiler = CLANG_C if entry["file"].endswith(".c") else CLANG
    r = subprocess.run([compiler, "-fsyntax-only", "-w"] + keep + ["-fno-color-diagnostics"], cwd=entry["directory"],
                       capture_output=True, text=True)
    return r.returncode == 0, r.stderr.splitlines()[:1]


def select_entries(args):
    with open(args.db) as f:
        db = json.load(f)
    src = os.path.realpath(args.src)
    path = {id(e): os.path.realpath(os.path.join(e["directory"], e["file"])) for e in db}
    db = [e for e in db if path[id(e)].startswith(src + os.sep)]
    texts = {id(e): read(path[id(e)]) for e in db}
    api = re.compile(args.only.encode()) if args.only else API
    users = [e for e in db if api.search(texts[id(e)])]
    headers = set()
    for e in users:
        stem = os.path.splitext(os.path.basename(path[id(e)]))[0]
        headers.update({stem + ".h", stem + ".hpp"})
    callers = [] if args.only else [e for e in db if e not in users and any(
        os.path.basename(i.decode()) in headers for i in INCLUDE.findall(texts[id(e)]))]
    chosen, seen = [], set()
    for e in users + callers:
        if path[id(e)] not in seen:  # one entry per file (some projects build a file twice)
            seen.add(path[id(e)])
            chosen.append(e)
    print(f"{len(db)} units, {len(users)} use the APIs, {len(callers)} include their headers",
          file=sys.stderr)
    return chosen


def autogen_targets(args):
    with open(args.db) as f:
        db = json.load(f)
    targets = set()
    for e in db:
        for a in arguments(e):
            m = re.search(r"/([^/]+)_autogen/include$", a)
            if m:
                targets.add(m.group(1) + "_autogen")
    print("\n".join(sorted(targets)))


def compiling_entries(args):
    with open(args.db) as f:
        db = json.load(f)
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(compiles, db))
    kept = []
    for e, (ok, why) in zip(db, results):
        if ok:
            kept.append(e)
        else:
            print(f"dropped (does not compile): {e['file']}: {why[0] if why else ''}",
                  file=sys.stderr)
    print(f"{len(kept)} of {len(db)} units compile and are kept", file=sys.stderr)
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    qt = sub.add_parser("qt")
    qt.add_argument("--src", required=True)
    qt.add_argument("--build", required=True)
    qt.add_argument("--module", choices=["Gui", "Core"], required=True)
    qt.add_argument("--variant", choices=["release", "exceptions", "debug"], default="release")
    qt.add_argument("files", nargs="+")
    make = sub.add_parser("make")
    make.add_argument("--build", required=True)
    make.add_argument("--src", required=True)
    select = sub.add_parser("select")
    select.add_argument("--db", required=True)
    select.add_argument("--src", required=True)
    select.add_argument("--only")
    autogen = sub.add_parser("autogen")
    autogen.add_argument("--db", required=True)
    compiling = sub.add_parser("compiling")
    compiling.add_argument("--db", required=True)
    compiling.add_argument("-j", type=int, default=os.cpu_count())
    for p in (qt, make, select, compiling):
        p.add_argument("-o", required=True)
    args = parser.parse_args()
    if args.command == "autogen":
        return autogen_targets(args)
    entries = {"qt": qt_entries, "make": make_entries, "select": select_entries,
               "compiling": compiling_entries}[args.command](args)
    existing = []
    if args.command == "qt" and os.path.exists(args.o):
        with open(args.o) as f:
            existing = [e for e in json.load(f) if e["file"] not in {n["file"] for n in entries}]
    os.makedirs(os.path.dirname(os.path.abspath(args.o)), exist_ok=True)
    with open(args.o, "w") as f:
        json.dump(existing + entries, f, indent=1)


if __name__ == "__main__":
    main()
