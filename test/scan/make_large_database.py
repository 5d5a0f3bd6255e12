#!/usr/bin/env python3
"""Writes a project of UNITS small translation units plus spelled.cpp, with a
compile_commands.json as merged databases of large builds look: every unit listed under three
spellings of its path (`x.cpp`, `./x.cpp`, `sub/../x.cpp`), and spelled.cpp, which fails to
compile with a message naming its spelling (__FILE__) and its configuration, in two
configurations, each listed under the three spellings and then COPIES more times."""
import argparse
import json
import os
import shutil


def commands(directory, name, flags=()):
    return [{"directory": directory, "file": spelling,
             "arguments": ["c++", "-std=c++17", *flags, "-c", spelling]}
            for spelling in (name, f"./{name}", f"sub/../{name}")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--copies", type=int, required=True)
    parser.add_argument("destination")
    args = parser.parse_args()
    destination = os.path.abspath(args.destination)
    shutil.rmtree(destination, ignore_errors=True)
    os.makedirs(os.path.join(destination, "sub"))
    entries = []
    for number in range(args.units):
        name = f"unit-{number:05d}.cpp"
        with open(os.path.join(destination, name), "w", encoding="utf-8") as f:
            f.write(f"int unit{number}() {{ return {number}; }}\n")
        entries += commands(destination, name)
    with open(os.path.join(destination, "spelled.cpp"), "w", encoding="utf-8") as f:
        f.write('static_assert(false, "compiled as " __FILE__ " in " CONFIGURATION);\n')
    for configuration in ("debug", "release"):
        spellings = commands(destination, "spelled.cpp", [f'-DCONFIGURATION="{configuration}"'])
        entries += spellings + spellings[:1] * args.copies
    with open(os.path.join(destination, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=0)


if __name__ == "__main__":
    main()
