#!/usr/bin/env python3
"""Writes a one-file project whose directory and file names hold spaces, quotes, a semicolon,
a dollar sign and non-ASCII letters, with a compile_commands.json in DESTINATION."""
import json
import os
import shutil
import sys

DIRECTORY = "dir with 'quotes' and \"spaces\""
FILE = "grow me; $(now) ünïcode.cpp"


def main():
    source, destination = sys.argv[1], sys.argv[2]
    shutil.rmtree(destination, ignore_errors=True)
    os.makedirs(os.path.join(destination, DIRECTORY))
    shutil.copyfile(source, os.path.join(destination, DIRECTORY, FILE))
    entries = [{"directory": os.path.join(destination, DIRECTORY), "file": FILE,
                "arguments": ["c++", "-std=c++17", "-c", FILE]}]
    with open(os.path.join(destination, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
