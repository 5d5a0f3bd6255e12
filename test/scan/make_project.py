#!/usr/bin/env python3
"""Copies a test project to a fresh directory and writes its compile_commands.json from the
compile_commands.json.in template (@DIR@: the copy, @CXX@: the compiler, @QT@: the Qt flags),
so the scanner tests run on a database with this build's absolute paths."""
import argparse
import json
import shlex
import shutil


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--qt-flags", default="")
    parser.add_argument("source")
    parser.add_argument("destination")
    args = parser.parse_args()
    shutil.rmtree(args.destination, ignore_errors=True)
    shutil.copytree(args.source, args.destination)
    with open(f"{args.destination}/compile_commands.json.in", encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        entry["directory"] = entry["directory"].replace("@DIR@", args.destination)
        entry["command"] = (entry["command"].replace("@CXX@", shlex.quote(args.cxx))
                            .replace("@QT@", args.qt_flags))
    with open(f"{args.destination}/compile_commands.json", "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=1)


if __name__ == "__main__":
    main()
